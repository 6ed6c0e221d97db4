/**
 * Headers this app defines. HTTP names are case-insensitive: compare lower-cased
 * (Node lower-cases incoming names), send as written here.
 */

/** The receiver's secret, sent by Maximizer's target (or given as `?secret=`). Never forwarded. */
export const SECRET_HEADER = 'X-Inspector-Secret';
/** Marks a test event sent by this app (sendTestEvent): stored with origin `test`. */
export const TEST_EVENT_HEADER = 'X-Inspector-Test-Event';
