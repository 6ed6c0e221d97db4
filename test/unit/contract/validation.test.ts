import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/contract';
import { EventBus } from '../../../electron/engine/bus';
import { checkingContract, ContractViolation } from '../../../electron/engine/contract-checks';
import { dispatch } from '../../../electron/engine/rpc';

/** Handlers whose `entityVersions` breaks its output schema (a count that is not a number). */
const broken = {
  entityVersions: () => ({ items: [{ entity: 'Lead', version: '0.8', count: 'many', lastSeen: 1 }] }),
} as unknown as Handlers;

describe('contract checks', () => {
  it('are on in every test run', () => {
    expect(process.env.MWI_VALIDATE_CONTRACT).toBe('1');
    expect(checkingContract()).toBe(true);
  });

  it('turn an output that breaks its schema into an internal error naming the call and the field', async () => {
    const result = await dispatch(broken, 'entityVersions', {}, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).toContain('The output of entityVersions does not match the contract');
    expect(result.error.message).toContain('items[0].count');
  });

  it('let the same output through where checks are off (a user’s app)', async () => {
    expect(await dispatch(broken, 'entityVersions', {}, false)).toMatchObject({ ok: true });
  });

  it('reject an event payload that breaks its schema at the emitter', () => {
    const bus = new EventBus(true);
    const seen: unknown[] = [];
    bus.onAny((event) => seen.push(event));
    expect(() => bus.emit('events.attempt', { id: 1, attempts: 'two' } as never)).toThrow(ContractViolation);
    expect(seen).toEqual([]);
    bus.emit('events.attempt', { id: 1, attempts: 2, lastReceivedAt: 5 });
    expect(seen).toEqual([{ name: 'events.attempt', payload: { id: 1, attempts: 2, lastReceivedAt: 5 } }]);
    expect(() => new EventBus(false).emit('events.attempt', { id: 1, attempts: 'two' } as never)).not.toThrow();
  });
});
