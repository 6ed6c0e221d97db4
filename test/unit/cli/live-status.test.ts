import { describe, expect, it } from 'vitest';
import { connectionStatus } from '../../../shared/contract/connection';
import { statusOutput } from '../../../shared/contract/status';
import { tunnelState } from '../../../shared/contract/tunnel';
import { CONNECTION_KINDS, liveStatus, TUNNEL_STATES } from '../../../electron/cli/mwi/running';
import { instanceInfoProblem } from '../../../electron/server/instance';

/** A running instance's `status` answer, as its engine sends it (checked against the contract's schema below). */
const answer = {
  version: '0.1.0',
  mode: 'browser',
  dataDir: '/data',
  receiver: { localUrl: 'http://127.0.0.1:5191/hooks?secret=s3cret-s3cret', port: 5191, secret: 's3cret-s3cret', maxBodyBytes: 10_485_760 },
  counts: { events: 12, requests: 14, rejected: 2, pending: 0, oldestPendingAt: null, indexLagMs: 0 },
  tunnel: {
    state: 'online',
    enabled: true,
    host: 'https://localtunnel.me',
    subdomain: 'mwi-x',
    since: 1_700_000_000_000,
    publicUrl: 'https://mwi-x.loca.lt',
    targetUrl: 'https://mwi-x.loca.lt/hooks?secret=s',
  },
  forwarding: { rules: 0, enabledRules: 0, active: 0, inFlight: 0, queued: 0, response: { status: 200, delayMs: 0, failNext: 0, failStatus: 500 } },
  connection: {
    kind: 'sandbox',
    label: 'Sandbox',
    baseUrl: null,
    connected: true,
    error: null,
    targetId: null,
    targetUrl: null,
    tokenStorage: null,
    sandboxKinds: [],
  },
};

describe("`mwi status` reads a running instance's answer without zod", () => {
  it("keeps the same enums as the contract's schemas", () => {
    expect([...TUNNEL_STATES].sort()).toEqual([...tunnelState.options].sort());
    expect([...CONNECTION_KINDS].sort()).toEqual([...connectionStatus.shape.kind.options].sort());
  });

  it('takes what the engine answers and keeps the fields it prints', () => {
    // What the contract accepts, so this sample is a real answer, not one shaped for the checker.
    expect(statusOutput.safeParse(answer).error).toBeUndefined();
    const live = liveStatus(answer, 'browser mode (pid 1)');
    expect(live).toMatchObject({ version: '0.1.0', counts: answer.counts, tunnel: { state: 'online', publicUrl: 'https://mwi-x.loca.lt' } });
    expect(live.connection).toEqual({ kind: 'sandbox', label: 'Sandbox', connected: true, targetUrl: null, error: null });
    // An app from before the index lag was reported sends neither field: the contract's defaults.
    const older = { ...answer, counts: { events: 1, requests: 1, rejected: 0, pending: 0 } };
    expect(liveStatus(older, 'x').counts).toMatchObject({ oldestPendingAt: null, indexLagMs: 0 });
  });

  it('names the field and the instance when an answer is not one it can print', () => {
    expect(() => liveStatus({ ...answer, counts: { ...answer.counts, events: 'many' } }, 'browser mode (pid 7)')).toThrow(
      /browser mode \(pid 7\) answered status with an unexpected counts\.events \(expected a number\)/,
    );
    expect(() => liveStatus({ ...answer, tunnel: { ...answer.tunnel, state: 'sleeping' } }, 'x')).toThrow(/tunnel\.state/);
    expect(() => liveStatus('<html>', 'x')).toThrow(/unexpected answer \(expected an object\)/);
  });
});

describe('automation.json, checked by hand for the same reason', () => {
  const info = { pid: 4242, kind: 'browser', url: 'http://127.0.0.1:5190', token: 'abcdefgh12345678', startedAt: 1_700_000_000_000 };
  it('a file the app wrote passes; each broken field is named', () => {
    expect(instanceInfoProblem(info)).toBeNull();
    expect(instanceInfoProblem({ ...info, extra: 'from a newer app' })).toBeNull();
    expect(instanceInfoProblem([])).toMatch(/not a JSON object/);
    expect(instanceInfoProblem({ ...info, pid: -1 })).toMatch(/^pid/);
    expect(instanceInfoProblem({ ...info, kind: 'daemon' })).toMatch(/^kind/);
    expect(instanceInfoProblem({ ...info, url: 'file:///etc/passwd' })).toMatch(/^url/);
    expect(instanceInfoProblem({ ...info, token: 'short' })).toMatch(/^token/);
    expect(instanceInfoProblem({ ...info, startedAt: 'now' })).toMatch(/^startedAt/);
  });
});
