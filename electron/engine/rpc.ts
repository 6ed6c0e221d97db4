import { z } from 'zod';
import { ApiError, calls, isCallName, type ErrorCode, type Handlers } from '@shared/contract';

export type RpcResult = { ok: true; result: unknown } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * The one dispatcher both bridges use: validate the argument against the contract,
 * run the handler, and turn every failure into `{ code, message }`.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<RpcResult> {
  if (!isCallName(name)) return { ok: false, error: { code: 'not_found', message: `Unknown call "${name}"` } };
  const spec = calls[name];
  const input = spec.input.safeParse(rawInput ?? undefined);
  if (!input.success)
    return { ok: false, error: { code: 'bad_request', message: `Invalid argument for ${name}: ${z.prettifyError(input.error)}` } };
  try {
    const handler = handlers[name] as (arg: unknown) => unknown;
    return { ok: true, result: await handler(input.data) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    if (error instanceof z.ZodError) return { ok: false, error: { code: 'bad_request', message: z.prettifyError(error) } };
    console.error(`call ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: (error as Error).message || String(error) } };
  }
}
