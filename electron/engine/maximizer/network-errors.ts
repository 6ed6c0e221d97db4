import { MaximizerError, NOT_RETRIED, redact, type OperationContext } from './errors';

/** Failures without an HTTP answer (network, DNS, TLS, timeouts): how to classify, retry and explain them. */

/** Codes of failures that happen before any byte of the request was sent, so even a POST may be retried. */
export const BEFORE_SEND_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Codes that do not get better by retrying. */
const PERMANENT_CODES = new Set(['ENOTFOUND']);
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|EPROTO$|HOSTNAME_MISMATCH$)/;

/** Raised by the transport when no HTTP answer was obtained; turned into a MaximizerError by `transportError`. */
export class TransportFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly attempts: number,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** The timeout the transport aborts an attempt with. */
export class AttemptTimeout extends Error {
  readonly code = 'TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** Finds the system error code in what fetch threw (undici nests it in `cause`, sometimes in an AggregateError). */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
  if (error instanceof AttemptTimeout) return 'TIMEOUT';
  if (typeof record.code === 'string' && record.code !== 'ERR_INVALID_ARG_TYPE') return record.code;
  const inner = errorCode(record.cause, depth + 1);
  if (inner) return inner;
  if (Array.isArray(record.errors))
    for (const each of record.errors) {
      const code = errorCode(each, depth + 1);
      if (code) return code;
    }
  if (record.name === 'TimeoutError') return 'TIMEOUT';
  return undefined;
}

export function errorDetail(error: unknown): string {
  let current: unknown = error;
  let text = '';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    text = current.message || text;
    current = (current as { cause?: unknown }).cause;
  }
  return text || String(error);
}

export const isTlsCode = (code: string) => TLS_CODE.test(code);

/** Whether a failure without an HTTP answer is worth another attempt, for any method / also for POST. */
export function transportRetry(code: string): { idempotent: boolean; anyMethod: boolean } {
  if (isTlsCode(code) || PERMANENT_CODES.has(code)) return { idempotent: false, anyMethod: false };
  return { idempotent: true, anyMethod: BEFORE_SEND_CODES.has(code) };
}

/** Maps a failure without an HTTP answer to a plain-English MaximizerError. */
export function transportError(context: OperationContext, failure: TransportFailure, timeoutMs: number): MaximizerError {
  const { code, attempts } = failure;
  const host = context.host;
  const common = { code, attempts, operation: context.operation };
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  const unsure =
    NOT_RETRIED.has(context.operation) && !BEFORE_SEND_CODES.has(code) ? ' It may or may not have been saved: refresh the list before trying again.' : '';
  const network = (message: string) => new MaximizerError({ ...common, kind: 'network', message: `${message}${unsure}` });
  const tls = (message: string) => new MaximizerError({ ...common, kind: 'tls', message });

  switch (code) {
    case 'ECONNREFUSED':
      return network(
        `Could not connect to ${host}: the connection was refused${tries}. Check the base URL, and that the server (or the built-in sandbox) is running.`,
      );
    case 'ENOTFOUND':
      return network(`The host name ${hostname(host)} could not be found (DNS lookup failed). Check the base URL for typos, and your internet connection.`);
    case 'EAI_AGAIN':
      return network(`The host name ${hostname(host)} could not be looked up right now (temporary DNS failure)${tries}. Check your internet connection.`);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return network(`${host} cannot be reached from this computer (no network route)${tries}. Check your internet connection, VPN or firewall.`);
    case 'TIMEOUT':
      return network(`${host} did not answer within ${Math.round(timeoutMs / 100) / 10} seconds${tries}. Check your internet connection, or try again later.`);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return network(`Connecting to ${host} timed out${tries}. Check your internet connection, proxy or firewall.`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'ECONNABORTED':
      return network(`The connection to ${host} was closed unexpectedly${tries}. A proxy, firewall or VPN may be interfering; try again.`);
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return tls(`The secure connection to ${host} failed: its certificate is expired or not yet valid. Check that this computer's date and time are correct.`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return tls(`The secure connection to ${host} failed: its certificate is for a different host name. Check the base URL.`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return tls(
        `The secure connection to ${host} failed: its certificate is not trusted (self-signed or from an unknown authority). A company proxy or antivirus that inspects HTTPS traffic often causes this; ask your IT team, or check the base URL.`,
      );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return tls(
      `A secure (HTTPS) connection to ${host} could not be set up. If this is a local server such as the sandbox, use http:// instead of https:// in the base URL.`,
    );
  }
  if (isTlsCode(code)) return tls(`The secure connection to ${host} failed (${code}). Check the base URL, and any proxy that inspects HTTPS traffic.`);
  return network(`Could not reach ${host}${tries}: ${redact(failure.detail, context.token)}. Check the base URL and your internet connection.`);
}

function hostname(host: string): string {
  return host.replace(/:\d+$/, '');
}
