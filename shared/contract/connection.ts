import { z } from 'zod';
import { call, noInput } from './define';

/** Where the app manages webhooks: Maximizer's cloud, a custom URL, or the built-in sandbox. */
export const connectionStatus = z.object({
  kind: z.enum(['sandbox', 'maximizer', 'none']),
  /** "Sandbox" or the API host, for the status bar. */
  label: z.string(),
  baseUrl: z.string().nullable(),
  connected: z.boolean(),
  /** Why the last connect or update failed, in plain words. */
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  /** The app's own Maximizer target and the URL it points at. */
  targetId: z.string().nullable(),
  targetUrl: z.string().nullable(),
  /** Where the token is kept, said plainly in the UI. */
  tokenStorage: z.string().nullable(),
  /** In sandbox mode: the kinds of event it can generate now. */
  sandboxKinds: z.array(z.string()),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;

export const target = z.object({
  targetId: z.string(),
  name: z.string().nullable(),
  enabled: z.boolean(),
  url: z.string().nullable(),
  /** This app's own target (the one subscriptions are made for). */
  own: z.boolean(),
});
export type Target = z.infer<typeof target>;

export const subscription = z.object({
  subscriptionId: z.string(),
  entity: z.string(),
  op: z.string(),
  targetId: z.string(),
  filter: z.array(z.string()),
  recipients: z.array(z.string()),
  own: z.boolean(),
});
export type Subscription = z.infer<typeof subscription>;

const filterStrings = z.array(z.string()).max(50);

export const connectionCalls = {
  connectionStatus: call(noInput, connectionStatus, 'Which Maximizer (or the sandbox) the app manages, and its own target.'),
  connect: call(
    z.object({ baseUrl: z.url({ protocol: /^https?$/ }), token: z.string().min(1, 'A token is required') }),
    connectionStatus,
    'Connect with a token (PAT, OAuth, Octopus or Ferret; sent as Bearer): lists targets, then finds or creates the app\'s own target.',
  ),
  connectSandbox: call(noInput, connectionStatus, 'Use the built-in sandbox (the default without a token).'),
  disconnect: call(noInput, connectionStatus, 'Forget the token and stop managing webhooks.'),
  listTargets: call(noInput, z.object({ items: z.array(target), limit: z.number().int() }), 'Every target of the CRM instance ("n / 10").'),
  setTargetEnabled: call(z.object({ targetId: z.string(), enabled: z.boolean() }), z.object({}), 'Enable or disable a target.'),
  deleteTarget: call(z.object({ targetId: z.string() }), z.object({}), 'Delete a target (and, at Maximizer, its subscriptions).'),
  listSubscriptions: call(noInput, z.object({ items: z.array(subscription) }), 'Every subscription, the app\'s own marked `own`.'),
  subscribe: call(
    z.object({ entity: z.string().min(1), op: z.string().min(1), filter: filterStrings.optional(), recipients: z.array(z.string()).optional() }),
    subscription,
    'Subscribe the app\'s own target to an Entity × Op, optionally with filter strings and recipients.',
  ),
  unsubscribe: call(z.object({ subscriptionId: z.string() }), z.object({}), 'Delete one subscription.'),
  previewFilter: call(
    z.object({ entity: z.string().min(1), op: z.string().min(1), filter: filterStrings }),
    z.object({ matched: z.number().int(), total: z.number().int(), ids: z.array(z.number().int()), errors: z.array(z.string()) }),
    'Evaluates filter strings against stored events of that Entity × Op: "would have matched N of M".',
  ),
  sandboxGenerate: call(z.object({ kind: z.string().optional() }), z.object({ id: z.string() }), 'Sandbox only: emit one generated event now (a kind, or random).'),
};

export const connectionEvents = {
  'connection.changed': connectionStatus,
};
