import { hostname } from 'node:os';
import { ApiError, type ConnectionStatus, type ConnectionTest, type SavedConnection, type Target } from '@shared/contract';
import { SECRET_HEADER } from '@shared/headers';
import {
  isMaximizerError,
  MaximizerClient,
  MaximizerError,
  normalizeBaseUrl,
  resendableHeaders,
  type Header,
  type HeaderRequest,
  type TargetResponse,
} from '../maximizer';
import { GENERATED_KINDS } from '../sandbox';
import type { BuiltInSandbox } from '../sandbox/built-in';
import type { Service, ServiceContext } from '../service';
import { hostOf, SANDBOX_ID, SavedConnections, type SavedEntry } from './saved';
import { TokenStore, type SecretBox } from './token-store';
import { describeToken, lapsedLine } from './token-kind';
import type { TokenInfo, TokenKind } from '@shared/contract';

export const TARGET_LIMIT = 10;

/** Entity × Op pairs the sandbox sends: subscribed when the sandbox target is created, so events flow at once. */
const SANDBOX_STARTER = [
  ['Lead', 'create'],
  ['Lead', 'update'],
  ['Lead', 'delete'],
  ['Opportunity', 'create'],
  ['Opportunity', 'update'],
  ['Opportunity', 'delete'],
  ['Export', 'read'],
] as const;

/** A failure as the connection status shows it (a problem, not a thrown error: the app keeps running). */
function explain(error: unknown): { kind: string; message: string; assumption?: string } {
  if (isMaximizerError(error)) return { kind: error.kind, message: error.message, ...(error.assumption && { assumption: error.assumption }) };
  if (error instanceof ApiError) return { kind: error.code, message: error.message };
  return { kind: 'unexpected', message: (error as Error).message ?? String(error) };
}

const hideSecret = (url: string) => url.replace(/secret=[^&]+/, 'secret=…');

const idle = (): ConnectionStatus => ({
  kind: 'none',
  label: 'Not connected',
  baseUrl: null,
  connected: false,
  error: null,
  targetId: null,
  targetUrl: null,
  tokenStorage: null,
  sandboxKinds: [],
  connectionId: null,
  sandboxRate: null,
  token: null,
});

/** A 401 on reconnecting with a short-lived token means it lapsed: said in one line, pointing to a PAT. */
function reconnectProblem(error: unknown, info: TokenInfo, label: string): { kind: string; message: string; assumption?: string } {
  if (isMaximizerError(error) && error.kind === 'unauthorized' && info.shortLived) return { kind: 'token_lapsed', message: lapsedLine(info, label) };
  return explain(error);
}

/** What connecting found: the app's own target (null when the target limit left no room). */
interface Linked {
  own: TargetResponse | null;
  created: boolean;
  count: number;
  /** Why Maximizer refused to create the app's target at the limit (its sandbox label included). */
  refusal?: { message: string; assumption?: string };
}

/** What the subscriptions and sandbox services use of the active connection; only this service writes its status. */
export interface Connection {
  status(): ConnectionStatus;
  /** The active connection's client; a contract error when there is none. */
  client(): MaximizerClient;
  /** The built-in sandbox's generator rate, shown in the status (not_connected unless the sandbox is active). */
  setSandboxRate(perMinute: number): ConnectionStatus;
}

/**
 * Which Maximizer the app manages webhooks on (one of several saved connections, or the built-in
 * sandbox), and the app's own target there, kept pointed at the receiver's current URL.
 * Tokens stay in this service: stored by the TokenStore, given to the client, never returned.
 */
export function connectionService(ctx: ServiceContext, sandbox: BuiltInSandbox, secretBox?: SecretBox): Service<'connection'> & { connection: Connection } {
  const tokens = new TokenStore(ctx.dataDir, secretBox);
  const saved = new SavedConnections(ctx.settings, (id) => {
    const legacy = tokens.takeLegacy();
    if (legacy) tokens.save(id, legacy);
  });
  const ownName = `Maximizer Webhook Inspector (${hostname()})`;
  let client: MaximizerClient | null = null;
  let publicTargetUrl: string | null = null;
  let lastSecret = ctx.receiver.secret;
  let status = idle();

  const set = (next: Partial<ConnectionStatus>) => {
    status = { ...status, ...next };
    ctx.bus.emit('connection.changed', status);
    return status;
  };
  // The secret travels in the target's X-Inspector-Secret header only: URLs end up in logs and
  // screenshots (the receiver still accepts ?secret= for URLs pasted by hand).
  const wantedUrl = () => (publicTargetUrl ?? ctx.receiver.localUrl).replace(/\?.*$/, '');
  const need = (): MaximizerClient => {
    if (!client) throw new ApiError('unavailable', 'Not connected: connect to Maximizer or use the sandbox first', { reason: 'not_connected' });
    return client;
  };
  const newClient = (baseUrl: string, token: string) => new MaximizerClient({ baseUrl, token, log: (line) => ctx.log(line) });

  // Switching connections and re-pointing the target run one at a time, so a tunnel change during a
  // connect cannot PUT through a client that is being replaced, and two PUTs never race.
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  }

  /** Our secret header replaces any older one; other headers someone added are kept. */
  function endpointFor(existing: Header[] | null | undefined): { Url: string; Headers: HeaderRequest[] } {
    const others = resendableHeaders(existing).filter((h) => h.Key.toLowerCase() !== SECRET_HEADER.toLowerCase());
    return { Url: wantedUrl(), Headers: [...others, { Key: SECRET_HEADER, Value: ctx.receiver.secret }] };
  }

  const upToDate = (t: TargetResponse) =>
    t.Endpoint?.Url === wantedUrl() &&
    t.Endpoint?.Headers?.some((h) => h.Key?.toLowerCase() === SECRET_HEADER.toLowerCase() && h.Value === ctx.receiver.secret) === true;

  /** Points an existing target at the receiver (PUT replaces it whole, so name and other headers are re-sent). */
  async function repoint(api: MaximizerClient, target: TargetResponse, name = target.Name ?? ownName): Promise<TargetResponse> {
    const updated = await api.updateTarget(target.TargetId, { Name: name, Endpoint: endpointFor(target.Endpoint?.Headers) });
    ctx.log(`maximizer: target "${name}" now points at ${hideSecret(wantedUrl())}`);
    return updated;
  }

  /** Finds the app's own target (by the id we saved, else by name), creates it if missing, and points it at the receiver. */
  async function link(api: MaximizerClient, knownId: string | null): Promise<Linked> {
    const all = await api.listTargets();
    const own = (knownId ? all.find((t) => t.TargetId === knownId) : undefined) ?? all.find((t) => t.Name?.toLowerCase() === ownName.toLowerCase());
    if (own) return { own: upToDate(own) ? own : await repoint(api, own), created: false, count: all.length };
    let created: TargetResponse;
    try {
      created = await api.createTarget({ Name: ownName, Endpoint: endpointFor(null) });
    } catch (error) {
      // The guide calls 10 "the current limit", so the app asks anyway and lets Maximizer say no; which
      // status it says no with is undocumented (CONTRACT §2), so a refusal at the limit is read as the limit.
      const refused = isMaximizerError(error) && (error.kind === 'conflict' || error.kind === 'validation');
      if (refused && all.length >= TARGET_LIMIT) return { own: null, created: false, count: all.length, refusal: explain(error) };
      throw error;
    }
    ctx.log(`maximizer: created target "${ownName}" pointing at ${hideSecret(wantedUrl())}`);
    return { own: created, created: true, count: all.length + 1 };
  }

  const limitError = (count: number, refusal: Linked['refusal']) => ({
    kind: 'target_limit',
    message: `This CRM already has ${count} targets and Maximizer refused another (${TARGET_LIMIT} is its documented "current limit"), so the app could not add its own. Reuse one of them for this app or delete one you no longer need (Targets, below).`,
    ...(refusal?.assumption && { assumption: refusal.assumption }),
  });

  function commit(
    kind: 'sandbox' | 'maximizer',
    id: string,
    label: string,
    baseUrl: string,
    linked: Linked,
    api: MaximizerClient,
    token: TokenInfo | null = null,
  ): ConnectionStatus {
    client = api;
    if (kind === 'maximizer') saved.setTarget(id, linked.own?.TargetId ?? null);
    ctx.log(`connection: managing webhooks at ${kind === 'sandbox' ? 'the built-in sandbox' : `${label} (${baseUrl})`}`);
    return set({
      kind,
      baseUrl,
      connected: true,
      connectionId: id,
      label,
      error: linked.own ? null : limitError(linked.count, linked.refusal),
      targetId: linked.own?.TargetId ?? null,
      targetUrl: linked.own?.Endpoint?.Url ?? null,
      tokenStorage: kind === 'sandbox' ? null : tokens.description,
      sandboxKinds: kind === 'sandbox' ? [...GENERATED_KINDS] : [],
      sandboxRate: kind === 'sandbox' ? sandbox.rate : null,
      token,
    });
  }

  async function useSandbox(): Promise<ConnectionStatus> {
    const { baseUrl, token } = await sandbox.ensure();
    const api = newClient(baseUrl, token);
    const linked = await link(api, status.kind === 'sandbox' ? status.targetId : null);
    if (linked.created && linked.own) {
      // A new user's first minutes: the sandbox's usual traffic, already subscribed.
      for (const [entity, op] of SANDBOX_STARTER)
        await api.createSubscription({ Entity: entity, Op: op, TargetId: linked.own.TargetId, Filter: null, Recipients: null });
    }
    sandbox.resume();
    saved.setActive(SANDBOX_ID);
    return commit('sandbox', SANDBOX_ID, 'Sandbox', baseUrl, linked, api);
  }

  async function useSaved(entry: SavedEntry, token: string): Promise<ConnectionStatus> {
    const api = newClient(entry.baseUrl, token);
    const info = describeToken(token, entry.tokenKind, Date.now());
    let linked: Linked;
    try {
      linked = await link(api, entry.targetId);
    } catch (error) {
      const problem = reconnectProblem(error, info, entry.label);
      if (problem.kind === 'token_lapsed') throw new MaximizerError({ kind: 'unauthorized', status: 401, attempts: 1, message: problem.message });
      throw error;
    }
    sandbox.pause();
    saved.setActive(entry.id);
    return commit('maximizer', entry.id, entry.label, entry.baseUrl, linked, api, info);
  }

  /** Validates what a user typed into a client; a bad URL or token is a plain 400 (the client's own error). */
  function clientFor(baseUrlInput: string, token: string): { api: MaximizerClient; baseUrl: string } {
    const baseUrl = normalizeBaseUrl(baseUrlInput);
    return { api: newClient(baseUrl, token), baseUrl };
  }

  async function connect(baseUrlInput: string, token: string, label: string | undefined, tokenKind: TokenKind | undefined): Promise<ConnectionStatus> {
    const { api, baseUrl } = clientFor(baseUrlInput, token);
    const existing = saved.list().find((e) => e.label.toLowerCase() === (label?.trim() || hostOf(baseUrl)).toLowerCase());
    // The connection is saved only once the token has proved itself; a failure leaves the current one active.
    const linked = await link(api, existing?.baseUrl === baseUrl ? existing.targetId : null);
    const entry = saved.upsert(baseUrl, label, tokenKind);
    tokens.save(entry.id, token);
    sandbox.pause();
    saved.setActive(entry.id);
    const info = describeToken(token, tokenKind, Date.now());
    ctx.log(`connection: connected with a ${info.label}${info.shortLived ? ' (short-lived: the connection will lapse)' : ''}`);
    return commit('maximizer', entry.id, entry.label, baseUrl, linked, api, info);
  }

  async function select(id: string): Promise<ConnectionStatus> {
    if (id === SANDBOX_ID) return useSandbox();
    const entry = saved.get(id);
    if (!entry) throw new ApiError('not_found', `There is no saved connection "${id}"`);
    const token = tokens.load(id);
    if (!token) throw new ApiError('unavailable', `The token of "${entry.label}" is no longer available here: connect to it again with a token.`);
    return useSaved(entry, token);
  }

  async function testConnection(baseUrlInput: string, token: string, tokenKind: TokenKind | undefined): Promise<ConnectionTest> {
    const info = describeToken(token, tokenKind, Date.now());
    try {
      const { api } = clientFor(baseUrlInput, token);
      const all = await api.listTargets();
      const ownTarget = all.some((t) => t.Name?.toLowerCase() === ownName.toLowerCase());
      const room = ownTarget
        ? "The app's own target is already there."
        : all.length >= TARGET_LIMIT
          ? `It has ${TARGET_LIMIT} or more targets, Maximizer's documented "current limit": connecting will still ask for one, and if Maximizer refuses, ask you to reuse or delete one.`
          : "Connecting will add the app's own target.";
      return {
        ok: true,
        targets: all.length,
        limit: TARGET_LIMIT,
        ownTarget,
        token: info,
        message: `The token works: this CRM has ${all.length} of ${TARGET_LIMIT} targets. ${room}`,
      };
    } catch (error) {
      return { ok: false, ...explain(error), limit: TARGET_LIMIT, token: info };
    }
  }

  function listConnections(): { items: SavedConnection[]; tokenStorage: string } {
    const active = saved.active;
    return {
      tokenStorage: tokens.description,
      items: [
        { id: SANDBOX_ID, label: 'Sandbox', kind: 'sandbox', baseUrl: null, active: active === SANDBOX_ID, hasToken: true },
        ...saved
          .list()
          .map((e) => ({ id: e.id, label: e.label, kind: 'maximizer' as const, baseUrl: e.baseUrl, active: active === e.id, hasToken: tokens.has(e.id) })),
      ],
    };
  }

  const toTarget = (t: TargetResponse): Target => ({
    targetId: t.TargetId,
    name: t.Name ?? null,
    enabled: t.Enabled ?? true,
    url: t.Endpoint?.Url ?? null,
    own: t.TargetId === status.targetId,
  });
  // Re-point the app's target whenever the public URL changes. Subscribed before any
  // service starts: the tunnel may come online before this service has connected.
  ctx.bus.on('tunnel.changed', (tunnel) => {
    // While reconnecting the old public URL is kept (the same subdomain is requested again); once the
    // tunnel is turned off, only the local URL can work.
    const next = tunnel.state === 'online' ? (tunnel.targetUrl ?? null) : tunnel.state === 'disabled' ? null : publicTargetUrl;
    if (next === publicTargetUrl) return;
    publicTargetUrl = next;
    follow('the new public URL');
  });
  // A rotated secret: the target must send the new one (the old one is accepted for a grace period).
  ctx.bus.on('receiver.changed', (receiver) => {
    if (receiver.secret !== lastSecret) ((lastSecret = receiver.secret), follow('the new secret'));
  });

  /** Brings the app's own target in line with the receiver's current URL and secret. */
  function follow(what: string): void {
    void serial(async () => {
      const api = client;
      if (!api || !status.targetId) return;
      try {
        const current = (await api.listTargets()).find((t) => t.TargetId === status.targetId);
        if (!current)
          return void set({
            targetId: null,
            targetUrl: null,
            error: { kind: 'target_gone', message: "The app's target was deleted at Maximizer: reconnect to create it again." },
          });
        const updated = upToDate(current) ? current : await repoint(api, current);
        if (client === api) set({ targetUrl: updated.Endpoint?.Url ?? null, error: null });
      } catch (error) {
        const { message } = explain(error);
        ctx.log(`maximizer: could not update the app's target to ${what}: ${message}`);
        if (client === api) set({ error: { kind: 'target_update', message: `The app's target was not updated to ${what}: ${message}` } });
      }
    });
  }

  function setSandboxRate(perMinute: number): ConnectionStatus {
    if (status.kind !== 'sandbox' || !sandbox.running())
      throw new ApiError('unavailable', 'The sandbox is not the active connection', { reason: 'not_connected' });
    sandbox.setRate(perMinute);
    return set({ sandboxRate: perMinute });
  }

  const connection: Connection = { status: () => ({ ...status }), client: need, setSandboxRate };

  return {
    connection,
    handlers: {
      connectionStatus: () => status,
      connect: ({ baseUrl, token, label, tokenKind }) => serial(() => connect(baseUrl, token, label, tokenKind)),
      testConnection: ({ baseUrl, token, tokenKind }) => testConnection(baseUrl, token, tokenKind),
      connectSandbox: () => serial(() => useSandbox()),
      listConnections: () => listConnections(),
      selectConnection: ({ id }) => serial(() => select(id)),
      forgetConnection: async ({ id }) => {
        if (id === SANDBOX_ID) throw new ApiError('bad_request', 'The built-in sandbox is always available and cannot be forgotten.');
        const wasActive = saved.active === id;
        if (!saved.remove(id)) throw new ApiError('not_found', `There is no saved connection "${id}"`);
        tokens.clear(id);
        ctx.log('connection: a saved connection and its token were forgotten');
        if (wasActive) await serial(() => useSandbox());
        return {};
      },
      disconnect: () =>
        serial(async () => {
          client = null;
          sandbox.pause();
          saved.setActive(null);
          ctx.log('connection: not managing webhooks any more');
          return set(idle());
        }),
      listTargets: async () => ({ items: (await need().listTargets()).map(toTarget), limit: TARGET_LIMIT }),
      setTargetEnabled: async ({ targetId, enabled }) => {
        await (enabled ? need().enableTarget(targetId) : need().disableTarget(targetId));
        return {};
      },
      deleteTarget: async ({ targetId }) => {
        await need().deleteTarget(targetId);
        if (targetId === status.targetId)
          set({
            targetId: null,
            targetUrl: null,
            error: { kind: 'target_gone', message: "The app's own target was deleted: reconnect to create it again, or reuse another target." },
          });
        return {};
      },
      renameTarget: async ({ targetId, name }) => {
        const api = need();
        const target = (await api.listTargets()).find((t) => t.TargetId === targetId);
        if (!target) throw new ApiError('not_found', `Target ${targetId} no longer exists (it may have been deleted elsewhere). Refresh the list.`);
        if (!target.Endpoint?.Url) throw new ApiError('bad_request', 'This target has no URL, so Maximizer would refuse it as it is; delete it instead.');
        const updated = await api.updateTarget(targetId, {
          Name: name,
          Endpoint: { Url: target.Endpoint.Url, Headers: resendableHeaders(target.Endpoint.Headers) },
        });
        return toTarget(updated);
      },
      adoptTarget: ({ targetId }) =>
        serial(async () => {
          const api = need();
          const all = await api.listTargets();
          const target = all.find((t) => t.TargetId === targetId);
          if (!target) throw new ApiError('not_found', `Target ${targetId} no longer exists (it may have been deleted elsewhere). Refresh the list.`);
          const current = status.targetId ? all.find((t) => t.TargetId === status.targetId) : undefined;
          if (current && current.TargetId !== targetId)
            throw new ApiError(
              'conflict',
              `The app already has its own target here ("${current.Name}"). Delete that one first if you want to reuse "${target.Name}".`,
            );
          const adopted = await repoint(api, target, ownName);
          if (status.connectionId && status.connectionId !== SANDBOX_ID) saved.setTarget(status.connectionId, adopted.TargetId);
          return set({ targetId: adopted.TargetId, targetUrl: adopted.Endpoint?.Url ?? null, error: null });
        }),
    },
    async start() {
      const active = saved.active;
      if (active === null || ctx.options.connect === false) return; // the user disconnected on purpose, or a one-shot command runs
      const entry = active === SANDBOX_ID ? undefined : saved.get(active);
      try {
        await serial(() => (entry ? select(entry.id) : useSandbox()));
      } catch (error) {
        // Starting offline or with an expired token is normal: the UI says why and offers the others.
        const problem = explain(error);
        if (entry) set({ ...idle(), kind: 'maximizer', label: entry.label, baseUrl: entry.baseUrl, connectionId: entry.id, error: problem });
        else set({ error: problem });
        ctx.log(`connection: ${problem.message}`);
      }
    },
  };
}
