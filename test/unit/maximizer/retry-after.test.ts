import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, MaximizerError, normalizeBaseUrl, parseRetryAfter } from '../../../electron/engine/maximizer';

const NOW = Date.UTC(2025, 6, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates relative to now', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0); // already past: retry now
  });

  it('ignores absent or unreadable values (the backoff applies instead)', () => {
    for (const value of [null, undefined, '', '-1', '1.5', 'soon', '12abc']) expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
  });
});

describe('normalizeBaseUrl', () => {
  it('keeps the API root and drops a pasted /v1 and trailing slashes', () => {
    expect(normalizeBaseUrl(DEFAULT_BASE_URL)).toBe('https://api.maximizer.com/webhooks');
    expect(normalizeBaseUrl(' https://api-dev.maximizer.com/webhooks/v1/ ')).toBe('https://api-dev.maximizer.com/webhooks');
    expect(normalizeBaseUrl('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
  });

  it('refuses what cannot be an API root, with a reason', () => {
    for (const [input, reason] of [
      ['api.maximizer.com/webhooks', 'is not a URL'],
      ['ftp://api.maximizer.com/webhooks', 'must start with https://'],
      ['https://me:pw@api.maximizer.com/webhooks', 'user name or password'],
      ['https://api.maximizer.com/webhooks?x=1', 'query'],
    ] as const) {
      let caught: unknown;
      try {
        normalizeBaseUrl(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MaximizerError);
      expect((caught as MaximizerError).kind).toBe('validation');
      expect((caught as MaximizerError).message).toContain(reason);
    }
  });
});
