/** Maximizer Webhooks API client (engine side). See docs/maximizer-client.md. */
export { DEFAULT_BASE_URL, MaximizerClient, normalizeBaseUrl, normalizeToken, type MaximizerClientOptions, type SubscriptionQuery } from './client';
export {
  isMaximizerError,
  MAXIMIZER_ERROR_KINDS,
  MaximizerError,
  maximizerErrorInfo,
  type MaximizerErrorInfo,
  type MaximizerErrorKind,
  type OperationName,
} from './errors';
export * from './schemas';
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, parseRetryAfter, type FetchLike, type RetryPolicy } from './transport';
