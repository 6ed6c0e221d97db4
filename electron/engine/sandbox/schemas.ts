import { z } from 'zod';
import { nonBlank, requestObject } from '../maximizer/schemas';
import { GENERATED_KINDS } from './generator';

/**
 * Request bodies of the sandbox's own control endpoints. The management API's bodies (targetRequest,
 * subscriptionRequest) are the client's schemas in ../maximizer/schemas.ts: the emulator checks what
 * it receives exactly as the client checks what it sends. Property names match ignoring case and
 * unknown properties are ignored, as ASP.NET's System.Text.Json does (CONTRACT §2 [ASSUME]).
 */

const record = z.record(z.string(), z.unknown()).nullable().optional();

/** `POST /sandbox/events`: one event to emit; the sandbox fills the rest (see events.ts). */
export const emitRequest = requestObject(
  {
    Entity: nonBlank('Entity'),
    Op: nonBlank('Op'),
    Original: record,
    New: record,
    Version: z.union([z.string(), z.number()]).nullable().optional(),
  },
  'the request body',
);

/** `POST /sandbox/generate`: one event of a generator kind now (a random kind when Kind is absent). */
export const generateRequest = requestObject({ Kind: z.enum(GENERATED_KINDS).optional() }, 'the request body');

/** Validation errors as ASP.NET reports them: a readable Detail plus `Errors` by property path. */
export function describeIssues(error: z.ZodError): { detail: string; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path =
      issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '') || '$';
    (errors[path] ??= []).push(issue.message);
  }
  const detail = Object.entries(errors)
    .map(([path, messages]) => (path === '$' ? messages.join('; ') : `${path}: ${messages.join('; ')}`))
    .join('\n');
  return { detail, errors };
}
