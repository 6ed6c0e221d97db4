import { describe, expect, it } from 'vitest';
import { buildTimeline, diffEvent, findNode } from '@shared/changes';
import { evolved, hiddenUntouchedCount, isExpanded, preview } from '../../../renderer/src/changes/rows';
import { effectiveTab } from '../../../renderer/src/detail/tab-choice';

const update = diffEvent({
  op: 'update',
  original: { Key: 'k', Name: 'a', Age: 3, Address: { City: 'X', Zip: '1', Country: 'CA' }, Phone1: { Number: '1' } },
  new: { Key: 'k', Name: 'b', Address: { City: 'Y' } },
});

describe('the Changes view rows', () => {
  it('counts hidden untouched fields once per untouched subtree', () => {
    // Age, Phone1 (a whole object), Address.Zip, Address.Country
    expect(hiddenUntouchedCount(update)).toBe(4);
  });

  it('opens changed containers by default and follows expand/collapse all and the user’s toggles', () => {
    const address = findNode(update.nodes, ['Address'])!;
    const phone = findNode(update.nodes, ['Phone1'])!;
    const none = new Map<string, boolean>();
    expect(isExpanded({ base: 'default', overrides: none }, address)).toBe(true);
    expect(isExpanded({ base: 'default', overrides: none }, phone)).toBe(false);
    expect(isExpanded({ base: 'all', overrides: none }, phone)).toBe(true);
    expect(isExpanded({ base: 'none', overrides: none }, address)).toBe(false);
    expect(isExpanded({ base: 'all', overrides: new Map([[JSON.stringify(['Phone1']), false]]) }, phone)).toBe(false);
  });

  it('previews values on one line', () => {
    expect(preview('x'.repeat(100), 10)).toBe(`"${'x'.repeat(8)}…`);
    expect(preview({ a: 1, b: 2 })).toBe('{2 fields}');
    expect(preview(['1'])).toBe('[1 item]');
    expect(preview(null)).toBe('null');
  });
});

describe('timeline: only fields that changed', () => {
  it('keeps fields whose value evolved, not every field a create added', () => {
    const timeline = buildTimeline([
      { op: 'create', new: { Key: 'k', Name: 'a', City: 'X' }, original: null, timestamp: '2025-01-01T00:00:00Z' },
      { op: 'update', original: { Key: 'k', Name: 'a', City: 'X' }, new: { Key: 'k', Name: 'b' }, timestamp: '2025-01-02T00:00:00Z' },
    ]);
    expect(timeline.fields.filter(evolved).map((f) => f.label)).toEqual(['Name']);
  });
});

describe('the detail tab an event opens in', () => {
  it('is Changes, Request for an unparsed body, or what the user picked', () => {
    expect(effectiveTab({ recordKey: null }, null)).toBe('changes');
    expect(effectiveTab({ recordKey: null, parseError: 'bad' }, null)).toBe('request');
    expect(effectiveTab({ recordKey: null }, 'event')).toBe('event');
    // Timeline needs a record key; otherwise the default applies.
    expect(effectiveTab({ recordKey: null }, 'timeline')).toBe('changes');
    expect(effectiveTab({ recordKey: 'k' }, 'timeline')).toBe('timeline');
  });
});
