import { z } from 'zod';
import { ApiError, calls, isCallName, type ApiErrorBody, type Handlers } from '@shared/contract';
import { checkingContract, ContractViolation } from './contract-checks';

export type RpcResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

const issuesOf = (error: z.ZodError) => error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/**
 * The one dispatcher both bridges use: validate the argument against the contract, run the
 * handler, and turn every failure into the contract's error body, unchanged from where it was
 * thrown. In development and tests the result is checked against the call's output schema too.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, checkOutput = checkingContract()): Promise<RpcResult> {
  if (!isCallName(name)) return { ok: false, error: { code: 'not_found', message: `Unknown call "${name}"` } };
  const spec = calls[name];
  const input = spec.input.safeParse(rawInput ?? undefined);
  if (!input.success)
    return {
      ok: false,
      error: {
        code: 'bad_request',
        message: `Invalid argument for ${name}: ${z.prettifyError(input.error)}`,
        details: { reason: 'invalid_input', issues: issuesOf(input.error) },
      },
    };
  try {
    const handler = handlers[name] as (arg: unknown) => unknown;
    const result = await handler(input.data);
    if (checkOutput) {
      const checked = spec.output.safeParse(result);
      if (!checked.success) throw new ContractViolation(`The output of ${name}`, checked.error);
    }
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    if (error instanceof z.ZodError)
      return { ok: false, error: { code: 'bad_request', message: z.prettifyError(error), details: { reason: 'invalid_input', issues: issuesOf(error) } } };
    console.error(`call ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: (error as Error).message || String(error) } };
  }
}
