import { z } from 'zod';

/**
 * Whether the engine checks its own outputs and events against the contract: always in
 * development and in every test run (vitest and Playwright set MWI_VALIDATE_CONTRACT=1), never
 * in a user's app, where the cost would buy nothing the tests have not already proved.
 */
export const checkingContract = (): boolean =>
  process.env.MWI_VALIDATE_CONTRACT === '1' || process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'test';

/** The engine broke its own contract: a bug, reported loudly where it happened. */
export class ContractViolation extends Error {
  constructor(what: string, error: z.ZodError) {
    super(`${what} does not match the contract: ${z.prettifyError(error)}`);
    this.name = 'ContractViolation';
  }
}
