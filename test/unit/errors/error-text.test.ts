import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract';
import { APP_SURFACE, CLI_SURFACE, errorText, isNotConnected } from '../../../shared/error-text';
import * as renderer from '../../../renderer/src/errors';
import { failureLine } from '../../../electron/cli/mwi/output';

const maximizer = (kind: 'rate_limited' | 'validation' | 'forbidden', extra: object = {}) =>
  new ApiError('upstream', 'Maximizer said no.', { reason: 'maximizer', kind, message: 'Maximizer said no.', attempts: 1, fieldErrors: [], ...extra });

describe('errorText: a failure in words, from its code and details', () => {
  it('says when to retry a rate-limited call', () => {
    expect(errorText(maximizer('rate_limited', { retryAfterMs: 2500 }))).toBe('Maximizer said no. Try again in 3 s.');
  });

  it('lists field errors the message does not already hold', () => {
    expect(errorText(maximizer('validation', { fieldErrors: ['Filter: Unknown operator $FOO'] }))).toBe('Maximizer said no. Filter: Unknown operator $FOO');
  });

  it('adds what to do about a refusal', () => {
    expect(errorText(maximizer('forbidden'))).toBe('Maximizer said no. Only Administrator users can manage webhooks.');
  });

  it('notes an answer the sandbox guessed, so nobody hard-codes it', () => {
    expect(errorText(maximizer('validation', { assumption: 'C7 filter operators' }))).toBe(
      'Maximizer said no. [Sandbox assumption: C7 filter operators; Maximizer may answer differently.]',
    );
  });

  it('names each rejected argument by its path', () => {
    const invalid = new ApiError('bad_request', 'raw zod text', { reason: 'invalid_input', issues: [{ path: 'id', message: 'Expected number' }] });
    expect(errorText(invalid)).toBe('Not accepted: id: Expected number');
  });

  it('marks the app’s own failures as such, and passes other errors through', () => {
    expect(errorText(new ApiError('internal', 'boom'))).toBe('Something went wrong in the app: boom');
    expect(errorText(new ApiError('conflict', 'Already there'))).toBe('Already there');
    expect(errorText(new Error('offline'))).toBe('offline');
    expect(isNotConnected(new ApiError('unavailable', 'Not connected', { reason: 'not_connected' }))).toBe(true);
    expect(isNotConnected(new ApiError('unavailable', 'Busy'))).toBe(false);
  });
});

describe('the app and mwi say the same thing', () => {
  const failures = [
    maximizer('rate_limited', { retryAfterMs: 2500 }),
    maximizer('validation', { fieldErrors: ['Filter: Unknown operator $FOO'] }),
    maximizer('forbidden'),
    maximizer('validation', { assumption: 'C7 filter operators' }),
    new ApiError('internal', 'boom'),
    new ApiError('not_found', 'No event with id 7'),
    new Error('socket hang up'),
  ];

  it('the renderer words failures with the shared helper', () => {
    expect(renderer.errorText).toBe(errorText);
    expect(renderer.isNotConnected).toBe(isNotConnected);
  });

  it('mwi prints the app’s wording after its name', () => {
    for (const error of failures) expect(failureLine(error)).toBe(`mwi: ${errorText(error)}\n`);
    expect(failureLine(new ApiError('internal', 'boom'), 'while stopping')).toBe('mwi: while stopping: Something went wrong in the app: boom\n');
  });

  it('only the way to choose a connection differs: a panel in the app, a flag in a terminal', () => {
    const notConnected = new ApiError('unavailable', 'The sandbox is not the active connection', { reason: 'not_connected' });
    expect(errorText(notConnected)).toBe(`The sandbox is not the active connection. ${APP_SURFACE.connectHint}`);
    expect(failureLine(notConnected)).toBe(`mwi: The sandbox is not the active connection. ${CLI_SURFACE.connectHint}\n`);
    expect(CLI_SURFACE.connectHint).toContain('mwi listen --connection');
  });
});
