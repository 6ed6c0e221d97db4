import { z } from 'zod';
import { call, noInput } from './define';

export const tokenKinds = ['pat', 'octopus', 'ferret', 'oauth', 'unknown'] as const;
export const tokenKind = z.enum(tokenKinds);
export type TokenKind = z.infer<typeof tokenKind>;

/** What kind of token a connection uses and when it will likely stop working (see docs/connection.md). */
export const tokenInfo = z.object({
  kind: tokenKind,
  /** "Personal Access Token", "Ferret token", … */
  label: z.string(),
  /** Ferret (~2 min) and Octopus (10 min idle) tokens: the connection will lapse. */
  shortLived: z.boolean(),
  /** The expiry moves with each use (Octopus), so expiresAt is an estimate from the last connect. */
  sliding: z.boolean(),
  /** Likely expiry (ms since epoch): the token's own `exp` when it is a JWT, else from its kind; null when unknown. */
  expiresAt: z.number().nullable(),
  /** One or two sentences for the user: the kind, whether it lapses, how to get a PAT. */
  note: z.string(),
});
export type TokenInfo = z.infer<typeof tokenInfo>;

/** Where the app manages webhooks: Maximizer's cloud, a custom URL, or the built-in sandbox. */
export const connectionStatus = z.object({
  kind: z.enum(['sandbox', 'maximizer', 'none']),
  /** "Sandbox" or the API host, for the status bar. */
  label: z.string(),
  baseUrl: z.string().nullable(),
  connected: z.boolean(),
  /** Why the last connect or update failed, in plain words. */
  error: z
    .object({ kind: z.string(), message: z.string(), /** the sandbox's X-Sandbox-Assumption, when it guessed this answer */ assumption: z.string().optional() })
    .nullable(),
  /** The app's own Maximizer target and the URL it points at. */
  targetId: z.string().nullable(),
  targetUrl: z.string().nullable(),
  /** Where the token is kept, said plainly in the UI. */
  tokenStorage: z.string().nullable(),
  /** In sandbox mode: the kinds of event it can generate now. */
  sandboxKinds: z.array(z.string()),
  /** The active saved connection ('sandbox' for the built-in one), or null when disconnected. */
  connectionId: z.string().nullable().default(null),
  /** In sandbox mode: generated events per minute (0 = only on demand). */
  sandboxRate: z.number().nullable().default(null),
  /** The active Maximizer connection's token kind and likely expiry; null for the sandbox or when unknown. */
  token: tokenInfo.nullable().default(null),
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

export const filterStrings = z.array(z.string()).max(50);

/** A saved connection. Its token stays in the engine: the UI only learns whether one is kept. */
export const savedConnection = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['sandbox', 'maximizer']),
  /** null for the built-in sandbox (its port changes on every start). */
  baseUrl: z.string().nullable(),
  active: z.boolean(),
  hasToken: z.boolean(),
});
export type SavedConnection = z.infer<typeof savedConnection>;

/** "Test connection": what the token can see, or why it cannot, in plain words. */
export const connectionTest = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** The client's error kind when not ok (unauthorized, forbidden, network, tls, …). */
  kind: z.string().optional(),
  /** The sandbox's X-Sandbox-Assumption, when it guessed this answer. */
  assumption: z.string().optional(),
  targets: z.number().int().optional(),
  limit: z.number().int(),
  /** The app's own target already exists there (found by name). */
  ownTarget: z.boolean().optional(),
  token: tokenInfo.optional(),
});
export type ConnectionTest = z.infer<typeof connectionTest>;

/** Changing another integration's subscription is opt-in, for the UI and automation alike. */
export const others = z.boolean().optional().describe('true to allow changing a subscription of another target');
export const recipient = z.string().trim().min(1, 'The recipient is empty').max(320);

export const previewMatch = z.object({ id: z.number().int(), summary: z.string(), receivedAt: z.number() });
export type PreviewMatch = z.infer<typeof previewMatch>;

/** Saved connections (the sandbox first), the active one, and the app's own target there. */
export const connectionCalls = {
  connectionStatus: call(noInput, connectionStatus, 'Which Maximizer (or the sandbox) the app manages, and its own target.'),
  connect: call(
    z.object({
      baseUrl: z.url({ protocol: /^https?$/ }),
      token: z.string().min(1, 'A token is required'),
      label: z.string().trim().min(1).max(80).optional().describe('name of the saved connection (default: the API host)'),
      tokenKind: tokenKind.optional().describe('pat, octopus, ferret or oauth when known (default: read from the token, else unknown)'),
    }),
    connectionStatus,
    "Connect with a token (PAT, OAuth, Octopus or Ferret; sent as Bearer): lists targets, then finds or creates the app's own target. Saved (by label) and made active.",
  ),
  testConnection: call(
    z.object({ baseUrl: z.url({ protocol: /^https?$/ }), token: z.string().min(1, 'A token is required'), tokenKind: tokenKind.optional() }),
    connectionTest,
    'Lists the targets with this base URL and token, changing nothing; explains a failure (401, 403, network, TLS, unexpected answer).',
  ),
  listConnections: call(
    noInput,
    z.object({ items: z.array(savedConnection), tokenStorage: z.string() }),
    'Saved connections (the built-in sandbox first) and which one is active; tokens are never returned.',
  ),
  selectConnection: call(z.object({ id: z.string() }), connectionStatus, 'Make a saved connection (or "sandbox") the active one and connect to it.'),
  forgetConnection: call(z.object({ id: z.string() }), z.object({}), 'Delete a saved connection and its token; the sandbox cannot be forgotten.'),
  connectSandbox: call(noInput, connectionStatus, 'Use the built-in sandbox (the default without a token).'),
  disconnect: call(noInput, connectionStatus, 'Forget the token and stop managing webhooks.'),
  listTargets: call(noInput, z.object({ items: z.array(target), limit: z.number().int() }), 'Every target of the CRM instance ("n / 10").'),
  setTargetEnabled: call(z.object({ targetId: z.string(), enabled: z.boolean() }), z.object({}), 'Enable or disable a target.'),
  deleteTarget: call(z.object({ targetId: z.string() }), z.object({}), 'Delete a target (and, at Maximizer, its subscriptions).'),
  renameTarget: call(z.object({ targetId: z.string(), name: z.string().trim().min(1).max(200) }), target, 'Rename a target (its URL and headers are kept).'),
  adoptTarget: call(
    z.object({ targetId: z.string() }),
    connectionStatus,
    "Reuse an existing target as the app's own (renamed and pointed at the receiver): the way out when the 10-target limit is reached.",
  ),
};

export const connectionEvents = {
  'connection.changed': connectionStatus,
};
