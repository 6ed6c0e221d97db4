import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { ApiError, type ConnectionStatus, type Subscription, type Target } from '@shared/contract';
import { isMaximizerError, MaximizerClient, normalizeBaseUrl, type SubscriptionResponse, type TargetResponse } from '../maximizer';
import { GENERATED_KINDS, startSandbox, type GeneratedKind, type Sandbox } from '../sandbox';
import type { Service, ServiceContext } from '../service';
import { previewFilter } from './preview';
import { TokenStore, type SecretBox } from './token-store';

export const TARGET_LIMIT = 10;
const SECRET_HEADER = 'X-Inspector-Secret';

const connectionSettings = z.object({
  /** null: the built-in sandbox. */
  baseUrl: z.string().nullable().default(null),
});

/** Entity × Op pairs the sandbox sends: subscribed on a first sandbox connect so events flow at once. */
const SANDBOX_STARTER = [
  ['Lead', 'create'], ['Lead', 'update'], ['Lead', 'delete'],
  ['Opportunity', 'create'], ['Opportunity', 'update'], ['Opportunity', 'delete'], ['Export', 'read'],
] as const;

function explain(error: unknown): { kind: string; message: string } {
  if (isMaximizerError(error)) return { kind: error.kind, message: error.message };
  return { kind: 'unexpected', message: (error as Error).message ?? String(error) };
}

/** A Maximizer failure becomes a contract error whose message the UI shows as is. */
function rethrow(error: unknown): never {
  if (error instanceof ApiError) throw error;
  const { kind, message } = explain(error);
  const code = kind === 'unauthorized' ? 'unauthorized' : kind === 'not_found' ? 'not_found' : kind === 'conflict' ? 'conflict' : kind === 'validation' ? 'bad_request' : 'upstream';
  throw new ApiError(code, message, { kind });
}

/**
 * Which Maximizer the app manages webhooks on (or the built-in sandbox), and the
 * app's own target there, kept pointed at the receiver's current URL.
 */
export function connectionService(ctx: ServiceContext, secretBox?: SecretBox): Service {
  const tokens = new TokenStore(ctx.dataDir, secretBox);
  const ownName = `Maximizer Webhook Inspector (${hostname()})`;
  let client: MaximizerClient | null = null;
  let sandbox: Sandbox | null = null;
  let sandboxToken = '';
  let publicTargetUrl: string | null = null;
  let status: ConnectionStatus = {
    kind: 'none', label: 'Not connected', baseUrl: null, connected: false, error: null, targetId: null, targetUrl: null,
    tokenStorage: null, sandboxKinds: [],
  };
  const set = (next: Partial<ConnectionStatus>) => {
    status = { ...status, ...next };
    ctx.bus.emit('connection.changed', status);
    return status;
  };
  const wantedUrl = () => publicTargetUrl ?? ctx.receiver.localUrl;
  const need = (): MaximizerClient => {
    if (!client) throw new ApiError('unavailable', 'Not connected: connect to Maximizer or use the sandbox first');
    return client;
  };

  /** Finds the app's own target by name, creates it if missing, and points it at the receiver. */
  async function ensureOwnTarget(api: MaximizerClient): Promise<TargetResponse> {
    const url = wantedUrl();
    const body = { Name: ownName, Endpoint: { Url: url, Headers: [{ Key: SECRET_HEADER, Value: ctx.receiver.secret }] } };
    const all = await api.listTargets();
    const own = all.find((t) => t.Name?.toLowerCase() === ownName.toLowerCase());
    if (own) {
      const header = own.Endpoint?.Headers?.find((h) => h.Key?.toLowerCase() === SECRET_HEADER.toLowerCase());
      if (own.Endpoint?.Url === url && header?.Value === ctx.receiver.secret) return own;
      const updated = await api.updateTarget(own.TargetId, body);
      ctx.log(`maximizer: target "${ownName}" now points at ${url.replace(/secret=[^&]+/, 'secret=…')}`);
      return updated;
    }
    if (all.length >= TARGET_LIMIT)
      throw new ApiError('conflict', `This CRM already has ${all.length} of ${TARGET_LIMIT} targets, the most Maximizer allows. Delete or reuse one in the Targets list, then connect again.`);
    const created = await api.createTarget(body);
    ctx.log(`maximizer: created target "${ownName}"`);
    return created;
  }

  async function attach(api: MaximizerClient, kind: 'sandbox' | 'maximizer', baseUrl: string): Promise<ConnectionStatus> {
    let own = await ensureOwnTarget(api);
    client = api;
    // The tunnel may have come online while this was connecting.
    if (own.Endpoint?.Url !== wantedUrl()) own = await ensureOwnTarget(api);
    return set({
      kind, baseUrl, connected: true, error: null, targetId: own.TargetId, targetUrl: own.Endpoint?.Url ?? null,
      label: kind === 'sandbox' ? 'Sandbox' : new URL(baseUrl).host,
      tokenStorage: kind === 'sandbox' ? null : tokens.description,
      sandboxKinds: kind === 'sandbox' ? [...GENERATED_KINDS] : [],
    });
  }

  async function useSandbox(): Promise<ConnectionStatus> {
    if (!sandbox) {
      sandboxToken = randomBytes(18).toString('base64url');
      const rate = z.coerce.number().min(0).catch(4).parse(ctx.options.flags?.['sandbox-rate'] ?? 4);
      sandbox = await startSandbox({ adminTokens: [sandboxToken], port: 0, rate, log: (line) => ctx.log(`sandbox: ${line}`) });
    }
    const api = new MaximizerClient({ token: sandboxToken, baseUrl: sandbox.baseUrl });
    const connected = await attach(api, 'sandbox', sandbox.baseUrl);
    // A new user's first minutes: the sandbox's usual traffic, already subscribed.
    const existing = await api.listSubscriptions({ targetId: connected.targetId! });
    for (const [entity, op] of SANDBOX_STARTER)
      if (!existing.some((s) => s.Entity?.toLowerCase() === entity.toLowerCase() && s.Op?.toLowerCase() === op))
        await api.createSubscription({ Entity: entity, Op: op, TargetId: connected.targetId!, Filter: null, Recipients: null });
    ctx.settings.set('connection', connectionSettings, { baseUrl: null });
    return connected;
  }

  async function connect(baseUrlInput: string, token: string): Promise<ConnectionStatus> {
    let api: MaximizerClient;
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(baseUrlInput);
      api = new MaximizerClient({ token, baseUrl });
    } catch (error) {
      rethrow(error);
    }
    try {
      const connected = await attach(api, 'maximizer', baseUrl);
      tokens.save(token);
      ctx.settings.set('connection', connectionSettings, { baseUrl });
      return connected;
    } catch (error) {
      set({ error: explain(error) });
      rethrow(error);
    }
  }

  const toTarget = (t: TargetResponse): Target => ({
    targetId: t.TargetId, name: t.Name ?? null, enabled: t.Enabled ?? true, url: t.Endpoint?.Url ?? null, own: t.TargetId === status.targetId,
  });
  const toSubscription = (s: SubscriptionResponse): Subscription => ({
    subscriptionId: s.SubscriptionId, entity: s.Entity ?? '', op: s.Op ?? '', targetId: s.TargetId,
    filter: (s.Filter ?? []).map((f) => (typeof f === 'string' ? f : JSON.stringify(f))), recipients: s.Recipients ?? [],
    own: s.TargetId === status.targetId,
  });

  // Re-point the app's target whenever the public URL changes. Subscribed before any
  // service starts: the tunnel may come online before this service has connected.
  ctx.bus.on('tunnel.changed', (tunnel) => {
    const next = tunnel.state === 'online' ? tunnel.targetUrl ?? null : publicTargetUrl;
    if (next === publicTargetUrl) return;
    publicTargetUrl = next;
    if (client) void ensureOwnTarget(client).then(
      (t) => set({ targetUrl: t.Endpoint?.Url ?? null, error: null }),
      (error: unknown) => set({ error: explain(error) }),
    );
  });

  return {
    name: 'connection',
    status: () => ({ ...status }),
    handlers: {
      connectionStatus: () => status,
      connect: ({ baseUrl, token }) => connect(baseUrl, token),
      connectSandbox: () => useSandbox().catch(rethrow),
      disconnect: () => {
        tokens.clear();
        client = null;
        ctx.settings.set('connection', connectionSettings, { baseUrl: null });
        return set({ kind: 'none', label: 'Not connected', baseUrl: null, connected: false, error: null, targetId: null, targetUrl: null, tokenStorage: null, sandboxKinds: [] });
      },
      listTargets: async () => ({ items: (await need().listTargets().catch(rethrow)).map(toTarget), limit: TARGET_LIMIT }),
      setTargetEnabled: async ({ targetId, enabled }) => {
        await (enabled ? need().enableTarget(targetId) : need().disableTarget(targetId)).catch(rethrow);
        return {};
      },
      deleteTarget: async ({ targetId }) => {
        await need().deleteTarget(targetId).catch(rethrow);
        if (targetId === status.targetId) set({ targetId: null, targetUrl: null });
        return {};
      },
      listSubscriptions: async () => ({ items: (await need().listSubscriptions().catch(rethrow)).map(toSubscription) }),
      subscribe: async ({ entity, op, filter, recipients }) => {
        const api = need();
        if (!status.targetId) throw new ApiError('unavailable', 'The app has no target at this Maximizer yet: reconnect to create it');
        const created = await api
          .createSubscription({ Entity: entity, Op: op, TargetId: status.targetId, Filter: filter?.length ? filter : null, Recipients: recipients?.length ? recipients : null })
          .catch(rethrow);
        return toSubscription(created);
      },
      unsubscribe: async ({ subscriptionId }) => {
        await need().deleteSubscription(subscriptionId).catch(rethrow);
        return {};
      },
      previewFilter: ({ entity, op, filter }) => previewFilter(ctx.store, entity, op, filter),
      sandboxGenerate: ({ kind }) => {
        if (!sandbox || status.kind !== 'sandbox') throw new ApiError('unavailable', 'The sandbox is not the active connection');
        if (kind && !(GENERATED_KINDS as readonly string[]).includes(kind)) throw new ApiError('bad_request', `Unknown kind "${kind}": one of ${GENERATED_KINDS.join(', ')}`);
        return { id: sandbox.generate(kind as GeneratedKind | undefined).Id };
      },
    },
    async start() {
      const saved = ctx.settings.get('connection', connectionSettings);
      const token = saved.baseUrl ? tokens.load() : null;
      try {
        if (saved.baseUrl && token) await connect(saved.baseUrl, token);
        else await useSandbox();
      } catch (error) {
        // Starting offline or with an expired token is normal: the UI says why.
        set({ error: explain(error) });
        ctx.log(`connection: ${explain(error).message}`);
      }
    },
    async stop() {
      await sandbox?.stop();
    },
  };
}
