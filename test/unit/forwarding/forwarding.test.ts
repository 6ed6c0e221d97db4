import { describe, expect, it } from 'vitest';
import type { ForwardAttempt } from '@shared/contract';
import { editedHeaders, forwardHeaders } from '../../../electron/engine/forwarding/headers';
import { verdictOf } from '../../../shared/verdict';
import { detectFormat } from '../../../electron/engine/transfer/import';
import { exactText } from '../../../electron/engine/transfer/har';
import { maskSecretQuery as redactQuery } from '../../../shared/secret-mask';

describe('forwarded headers', () => {
  it('keeps every end-to-end header as sent (case, order, repeats) and drops hop-by-hop ones and the inspector secret', () => {
    const out = forwardHeaders(
      [
        ['Host', 'inspector.local:5191'],
        ['Content-Type', 'application/json'],
        ['Connection', 'keep-alive, X-Hop'],
        ['X-Hop', 'dropped: named by Connection'],
        ['Transfer-Encoding', 'chunked'],
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
        ['X-Inspector-Secret', 'ours'],
        ['Authorization', 'Bearer theirs'],
        ['Content-Length', '999'],
      ],
      42,
    );
    expect(out).toEqual(['Content-Type', 'application/json', 'X-Trace', 'a', 'x-trace', 'b', 'Authorization', 'Bearer theirs', 'Content-Length', '42']);
  });

  it('an edited copy gets its new length and loses its Content-Encoding', () => {
    expect(
      editedHeaders(
        [
          ['Content-Encoding', 'gzip'],
          ['content-length', '10'],
          ['X-A', '1'],
        ],
        7,
      ),
    ).toEqual([
      ['content-length', '7'],
      ['X-A', '1'],
    ]);
  });
});

const attempt = (n: number, outcome: ForwardAttempt['outcome'], status: number | null): ForwardAttempt => ({
  attempt: n,
  startedAt: 0,
  latencyMs: 5,
  status,
  outcome,
  late: false,
  reason: outcome === 'ok' ? null : `answered ${status}`,
  responseHeaders: [],
  responseBody: '',
  responseSize: 0,
  responseTruncated: false,
});

describe('the Maximizer verdict', () => {
  it('flags nothing for a first-time 200, "retry" for any failed attempt, "drop" when all failed', () => {
    expect(verdictOf('delivered', [attempt(1, 'ok', 200)], 3).flag).toBeNull();
    expect(verdictOf('delivered', [attempt(1, 'status', 500), attempt(2, 'ok', 200)], 3)).toMatchObject({
      flag: 'retry',
      verdict: expect.stringMatching(/delivered on attempt 2 of 3 \(attempt 1: answered 500\)/),
    });
    expect(verdictOf('pending', [attempt(1, 'timeout', null)], 3).flag).toBe('retry');
    expect(
      verdictOf(
        'failed',
        [1, 2, 3].map((n) => attempt(n, 'status', 404)),
        3,
      ),
    ).toMatchObject({
      flag: 'drop',
      verdict: expect.stringMatching(/^Maximizer would drop this webhook: all 3 attempts failed/),
    });
  });
});

describe('export and import helpers', () => {
  it('tells the formats apart', () => {
    expect(detectFormat('{"type":"header","format":"x"}\n{"type":"event"}\n')).toBe('ndjson');
    expect(detectFormat('{"type":"header","events":[]}\n')).toBe('json');
    expect(detectFormat('{\n  "log": {\n    "entries": []\n  }\n}')).toBe('har');
    expect(detectFormat('{"log":{"entries":[]}}')).toBe('har');
  });

  it('keeps a body as text only when the text gives back the same bytes', () => {
    expect(exactText(Buffer.from('Zoë ✓'))).toBe('Zoë ✓');
    expect(exactText(Buffer.from([0xff, 0x00]))).toBeNull();
  });

  it('redacts the receiver secret from a query string', () => {
    expect(redactQuery('?secret=abc&x=1')).toBe('?secret=REDACTED&x=1');
    expect(redactQuery('?x=1')).toBe('?x=1');
  });
});
