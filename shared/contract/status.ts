import { z } from 'zod';
import { connectionStatus } from './connection';
import { call, noInput } from './define';
import { receiverResponse } from './forwarding';
import { receiverStatus } from './inspector';
import { tunnelStatus } from './tunnel';

/** The whole app at a glance: every service's state, typed (the status bar, `GET status` in automation). */
export const statusOutput = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  dataDir: z.string(),
  receiver: receiverStatus,
  counts: z.object({
    events: z.number().int(),
    requests: z.number().int(),
    rejected: z.number().int(),
    /** Requests committed (acknowledged) but not yet parsed into events: the index lag, non-zero only during bursts. */
    pending: z.number().int(),
    /** When the oldest of them was received (epoch ms), null when none waits: its age is how far the live list is behind. */
    oldestPendingAt: z.number().nullable().default(null),
    /** The age of the oldest when this status was taken (ms), 0 when none waits. */
    indexLagMs: z.number().default(0),
  }),
  tunnel: tunnelStatus,
  forwarding: z.object({
    rules: z.number().int(),
    enabledRules: z.number().int(),
    active: z.number().int(),
    inFlight: z.number().int(),
    queued: z.number().int(),
    response: receiverResponse,
  }),
  connection: connectionStatus,
});
export type Status = z.infer<typeof statusOutput>;

export const statusCalls = {
  status: call(noInput, statusOutput, 'Receiver URL (with secret), counts, and the state of every service.'),
};

export const statusEvents = {
  /** Sent (at most a few times a second) whenever counts or a service's state changed. */
  'status.changed': statusOutput,
};
