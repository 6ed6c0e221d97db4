import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract';
import { errorText, isNotConnected } from '../../../renderer/src/errors';

const maximizer = (kind: 'rate_limited' | 'validation' | 'forbidden', extra: object = {}) =>
  new ApiError('upstream', 'Maximizer said no.', { reason: 'maximizer', kind, message: 'Maximizer said no.', attempts: 1, fieldErrors: [], ...extra });

describe('errorText: the renderer words a failure from its code and details', () => {
  it('says when to retry a rate-limited call', () => {
    expect(errorText(maximizer('rate_limited', { retryAfterMs: 2500 }))).toBe('Maximizer said no. Try again in 3 s.');
  });

  it('lists field errors the message does not already hold', () => {
    expect(errorText(maximizer('validation', { fieldErrors: ['Filter: Unknown operator $FOO'] }))).toBe('Maximizer said no. Filter: Unknown operator $FOO');
  });

  it('adds what to do about a refusal', () => {
    expect(errorText(maximizer('forbidden'))).toBe('Maximizer said no. Only Administrator users can manage webhooks.');
  });

  it('marks the app’s own failures as such, and passes other errors through', () => {
    expect(errorText(new ApiError('internal', 'boom'))).toBe('Something went wrong in the app: boom');
    expect(errorText(new ApiError('conflict', 'Already there'))).toBe('Already there');
    expect(errorText(new Error('offline'))).toBe('offline');
    expect(isNotConnected(new ApiError('unavailable', 'Not connected', { reason: 'not_connected' }))).toBe(true);
    expect(isNotConnected(new ApiError('unavailable', 'Busy'))).toBe(false);
  });
});
