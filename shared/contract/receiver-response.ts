import type { ReceiverResponse } from './forwarding';

// Values about the simulated response with no schema attached, so the renderer's status bar can
// use them without loading zod (forwarding.ts re-exports them beside the schema).

export const NORMAL_RESPONSE: ReceiverResponse = { status: 200, delayMs: 0, failNext: 0, failStatus: 500, body: '', headers: [] };

/** Whether the receiver answers anything but the normal immediate 200 with its own body. */
export const isSimulating = (r: ReceiverResponse): boolean => r.status !== 200 || r.delayMs > 0 || r.failNext > 0 || !!r.body || !!r.headers?.length;
