import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract/api-error';
import { apiErrorBody } from '../../../shared/contract/errors';

// The renderer and `mwi` rebuild errors without zod; what they rebuild must match the schema.
describe('ApiError.fromBody', () => {
  it('rebuilds what the engine sends, details included, as the schema reads it', () => {
    const body = { code: 'bad_request', message: 'Invalid argument', details: { reason: 'invalid_input', issues: [{ path: 'limit', message: 'too big' }] } };
    const error = ApiError.fromBody(body, 'fallback');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.toBody()).toEqual(apiErrorBody.parse(body));
  });

  it('anything malformed becomes internal; unknown details are dropped, the code and message kept', () => {
    expect(ApiError.fromBody({ code: 'teapot', message: 'short and stout' }, 'fallback').toBody()).toEqual({ code: 'internal', message: 'short and stout' });
    expect(ApiError.fromBody(null, 'HTTP 502').toBody()).toEqual({ code: 'internal', message: 'HTTP 502' });
    expect(ApiError.fromBody({ code: 'not_found', message: 7 }, 'HTTP 404').toBody()).toEqual({ code: 'internal', message: 'HTTP 404' });
    expect(ApiError.fromBody({ code: 'not_found', message: 'gone', details: { reason: 'mystery' } }, 'x').toBody()).toEqual({
      code: 'not_found',
      message: 'gone',
    });
  });
});
