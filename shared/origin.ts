/**
 * The built-in sandbox signs its deliveries with this User-Agent, so the inspector
 * can mark sandbox events apart from Maximizer's own.
 */
export const SANDBOX_USER_AGENT = 'Maximizer-Webhooks-Sandbox/1';
