/**
 * Compile-time checks (run by `npm run typecheck`, not by vitest): every contract call has exactly
 * one handler. Each section is answered by one service (`Services` in electron/engine/service.ts),
 * a service answers exactly its section's calls, and no call sits in two sections.
 */
import type { CallsInSeveralSections, SectionHandlers } from '../../../shared/contract';
import type { Service, Services } from '../../../electron/engine/service';

declare const handlers: SectionHandlers<'sandbox'>;

// A service that misses a call of its section does not compile.
// @ts-expect-error sandboxSetRate is missing
export const missing: Service<'sandbox'> = { handlers: { sandboxGenerate: handlers.sandboxGenerate } };

// A service that answers a call of another section does not compile.
export const extra: Service<'sandbox'> = {
  // @ts-expect-error status belongs to the inspector section
  handlers: { ...handlers, status: () => ({}) as never },
};

// A section without its service does not compile.
// @ts-expect-error the sandbox section has no service
export const incomplete: Services = {} as Omit<Services, 'sandbox'>;

// A call declared in two sections is named by the check that guards `sections`.
type TwoSections = { a: { x: 1; y: 1 }; b: { y: 1; z: 1 } };
export const duplicateFound: CallsInSeveralSections<TwoSections> = 'y';
// @ts-expect-error x is declared once
export const singleNotReported: CallsInSeveralSections<TwoSections> = 'x';
