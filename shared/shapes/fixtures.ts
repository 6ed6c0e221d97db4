import { decodeKey } from '../keys';

const safe = (text: string) =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);

/**
 * `lead-create-Lead_230908000320772238169LE_0.json`: Entity, Op and the record's Key
 * (decoded when it is a Maximizer key), so a handler's test names say what they hold.
 * Several events of one record get `-2`, `-3`…; an event without a key uses its id.
 */
export function fixtureNames(events: readonly { id: number; entity: string | null; op: string | null; recordKey: string | null }[]): string[] {
  const used = new Map<string, number>();
  return events.map((e) => {
    const key = e.recordKey ? (decodeKey(e.recordKey)?.text ?? e.recordKey) : `event-${e.id}`;
    const base = [safe(e.entity ?? 'unknown').toLowerCase() || 'unknown', safe(e.op ?? 'none').toLowerCase() || 'none', safe(key) || `event-${e.id}`].join('-');
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return `${base}${n > 1 ? `-${n}` : ''}.json`;
  });
}
