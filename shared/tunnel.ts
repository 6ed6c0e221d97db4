/**
 * A request carrying this header is the tunnel's self-probe: the receiver answers
 * 200 with the header's value as the body and stores nothing.
 */
export const PROBE_HEADER = 'x-inspector-probe';
/** Makes loca.lt skip its reminder page (it is shown to browser user agents only). */
export const BYPASS_REMINDER_HEADER = 'bypass-tunnel-reminder';
