import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { isGuessableId, isTunnelId, privateId, readableId } from '../../../electron/engine/tunnel/names';
import { routeOf } from '../../../electron/engine/tunnel/server/routing';

describe('tunnel names', () => {
  it('generates readable subdomains that the public server accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 4, maxLength: 4 }), (values) => {
        let i = 0;
        const id = readableId(() => values[i++ % values.length]!);
        expect(id).toMatch(/^mwi-[a-z]+-[a-z]+-\d{4}$/);
        expect(isTunnelId(id)).toBe(true);
      }),
    );
  });

  it("makes the app's own subdomain unguessable: 72 random bits after the readable words", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 9, maxLength: 9 }), (bytes) => {
        const id = privateId(() => Buffer.from(bytes));
        expect(id).toMatch(/^mwi-[a-z]+-[a-z]+-[0-9a-z]{14}$/);
        expect(isTunnelId(id)).toBe(true);
        expect(isGuessableId(id)).toBe(false);
        // The suffix is the random bytes, all of them: nothing is thrown away.
        expect(
          BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
            .toString(36)
            .padStart(14, '0'),
        ).toBe(id.split('-').at(-1));
      }),
    );
    const ids = new Set(Array.from({ length: 1000 }, () => privateId(randomBytes)));
    expect(ids.size).toBe(1000);
    expect(isGuessableId('mwi-brave-otter-4821')).toBe(true);
  });

  it('accepts only what loca.lt accepts', () => {
    expect(['mwi-brave-otter-4821', 'abcd', 'a1b2c3'].every(isTunnelId)).toBe(true);
    expect(['abc', 'Upper-case', '-lead', 'trail-', 'under_score', 'dot.ted', 'a'.repeat(66)].some(isTunnelId)).toBe(false);
  });
});

describe('tunnel server routing', () => {
  const domains = ['tunnel.test', 'localhost'];
  it('finds the tunnel by header, Host subdomain or path prefix', () => {
    expect(routeOf('/hooks', { 'x-tunnel-id': 'Abcd-e' }, domains)).toEqual({ id: 'abcd-e', path: '/hooks' });
    expect(routeOf('/hooks?x', { host: 'brave-otter.tunnel.test:8080' }, domains)).toEqual({ id: 'brave-otter', path: '/hooks?x' });
    expect(routeOf('/', { host: 'brave-otter.localhost' }, domains)).toEqual({ id: 'brave-otter', path: '/' });
    expect(routeOf('/tunnels/brave-otter/hooks?s=1', { host: '127.0.0.1:1' }, domains)).toEqual({ id: 'brave-otter', path: '/hooks?s=1' });
    expect(routeOf('/tunnels/brave-otter?s=1', {}, domains)).toEqual({ id: 'brave-otter', path: '/?s=1' });
  });

  it('leaves the server its own endpoints', () => {
    for (const [url, host] of [
      ['/?new', '127.0.0.1:5192'],
      ['/mwi-brave-otter', 'tunnel.test'],
      ['/api/status', 'localhost:5192'],
      ['/x', 'a.b.tunnel.test'],
      ['/tunnels/', '127.0.0.1'],
    ] as const) {
      expect(routeOf(url, { host }, domains)).toBeUndefined();
    }
  });
});
