// The schema-free ApiError: the renderer's first chunk and `mwi` reads word errors without zod.
import { ApiError } from './contract/api-error';
import type { ErrorDetails, MaximizerErrorInfo } from './contract/errors';

/**
 * The one way to put a failed call into words, from the contract error's code and typed details
 * (never by parsing messages): the desktop and browser UI (renderer/src/errors.ts) and the `mwi`
 * command print the same sentence for the same failure. Pure: no React, no Node.
 */

const MAXIMIZER_HINTS: Partial<Record<MaximizerErrorInfo['kind'], string>> = {
  unauthorized: 'Check the token, or connect again with a new one.',
  forbidden: 'Only Administrator users can manage webhooks.',
  network: 'Check the base URL and the network, then try again.',
  tls: 'The server’s certificate was not accepted.',
};

/** Where the words are read: only what to do about "not connected" differs (a panel in the app, a flag in a terminal). */
export interface ErrorSurface {
  /** Appended to a not_connected failure: how to choose a connection here. */
  connectHint: string;
}

export const APP_SURFACE: ErrorSurface = { connectHint: 'Choose a connection under Subscriptions.' };
export const CLI_SURFACE: ErrorSurface = { connectHint: 'Choose one with `mwi listen --connection <name>` (or "sandbox"), or in the app under Subscriptions.' };

function maximizerText(details: MaximizerErrorInfo, message: string): string {
  const parts = [message];
  if (details.fieldErrors.length && !details.fieldErrors.every((line) => message.includes(line))) parts.push(details.fieldErrors.join('; '));
  if (details.kind === 'rate_limited' && details.retryAfterMs) parts.push(`Try again in ${Math.ceil(details.retryAfterMs / 1000)} s.`);
  const hint = MAXIMIZER_HINTS[details.kind];
  if (hint && !message.includes(hint)) parts.push(hint);
  if (details.assumption) parts.push(assumptionNote(details.assumption));
  return parts.join(' ');
}

/**
 * The note beside an answer the sandbox guessed (its X-Sandbox-Assumption): the live API may answer
 * differently, so nobody should hard-code it. `point` is the CONTRACT.md point it follows.
 */
export const assumptionNote = (point: string): string => `[Sandbox assumption: ${point}; Maximizer may answer differently.]`;

function detailsText(details: ErrorDetails, message: string, surface: ErrorSurface): string {
  switch (details.reason) {
    case 'maximizer':
      return maximizerText(details, message);
    case 'invalid_input':
      return details.issues.length ? `Not accepted: ${details.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}` : message;
    case 'not_connected':
      return `${message}. ${surface.connectHint}`;
  }
}

/** Plain text for any failure: a contract error from its code and details, anything else by its message. */
export function errorText(error: unknown, surface: ErrorSurface = APP_SURFACE): string {
  if (error instanceof ApiError) {
    if (error.details) return detailsText(error.details, error.message, surface);
    if (error.code === 'internal') return `Something went wrong in the app: ${error.message}`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Whether a failure means "not connected to Maximizer or the sandbox" (the UI may offer to connect). */
export const isNotConnected = (error: unknown): boolean => error instanceof ApiError && error.details?.reason === 'not_connected';
