/**
 * Limits that more than one layer checks (contract, command line, engine, UI), declared once.
 * Maximizer's own rules (2 s deadline, 3 attempts, 10 targets) live with the contract that states them.
 */

/** Events per minute the sandbox generator can send: the standalone sandbox and the built-in one alike. */
export const SANDBOX_MAX_RATE = 6000;
/** The built-in sandbox's rate until the user changes it: a gentle trickle of traffic. */
export const SANDBOX_DEFAULT_RATE = 4;
