import { describe, expect, it } from 'vitest';
import { parseFilter, typeMismatches, unstatedRules, type Condition } from '../../../shared/filters';
import { previewFilter } from '../../../electron/engine/subscriptions/preview';

const conditions = (...strings: string[]): Condition[] => {
  const parsed = parseFilter(strings);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filter.conditions;
};
const one = (text: string) => conditions(text)[0]!;

describe('unstatedRules: which unstated rule an outcome depended on', () => {
  it('a value read from Original', () => {
    expect(unstatedRules(one('{"Revenue":{"$GT":5}}'), { original: { Revenue: 9 }, new: { Key: 'k' } })).toEqual(['from-original']);
    expect(unstatedRules(one('{"Revenue":{"$GT":5}}'), { original: { Revenue: 9 }, new: { Revenue: 3 } })).toEqual([]);
  });
  it('a field in neither section (a negative operator fails too)', () => {
    expect(unstatedRules(one('{"Stage":{"$NE":"Won"}}'), { original: {}, new: { Key: 'k' } })).toEqual(['missing-field']);
    expect(unstatedRules(one('{"$EXISTS":"Stage"}'), { original: {}, new: {} })).toEqual([]);
  });
  it('case: $EQ exact where only case differs, $LIKE ignoring case where case differs', () => {
    expect(unstatedRules(one('{"Stage":{"$EQ":"won"}}'), { new: { Stage: 'Won' } })).toEqual(['case']);
    expect(unstatedRules(one('{"Stage":{"$EQ":"Won"}}'), { new: { Stage: 'Won' } })).toEqual([]);
    expect(unstatedRules(one('{"Stage":{"$IN":["lost","WON"]}}'), { new: { Stage: 'Won' } })).toEqual(['case']);
    expect(unstatedRules(one('{"Name":{"$LIKE":"acme%"}}'), { new: { Name: 'ACME Corp' } })).toEqual(['case']);
    expect(unstatedRules(one('{"Name":{"$LIKE":"ACME%"}}'), { new: { Name: 'ACME Corp' } })).toEqual([]);
  });
  it('text against a number, in equality and order', () => {
    expect(unstatedRules(one('{"Revenue":{"$GT":"1000"}}'), { new: { Revenue: 5000 } })).toEqual(['string-vs-number']);
    expect(unstatedRules(one('{"Revenue":{"$EQ":5000}}'), { new: { Revenue: '5000' } })).toEqual(['string-vs-number']);
    expect(unstatedRules(one('{"Revenue":{"$GT":1000}}'), { new: { Revenue: 5000 } })).toEqual([]);
  });
});

describe("typeMismatches: the builder's warning from the learned field types", () => {
  const learned: Record<string, string[]> = { revenue: ['number'], stage: ['string', 'null'], udf: ['array'] };
  const types = (field: string) => learned[field];
  it("warns when a comparison value can never match the field's type", () => {
    const warnings = typeMismatches(conditions('{"Revenue":{"$GT":"1000"}}', '{"Stage":{"$IN":["Won",3]}}'), types);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Filter\[0\]: Revenue has been number .* "1000" \(string\) can never match/);
    expect(warnings[1]).toMatch(/^Filter\[1\]: Stage has been string .* 3 \(number\)/);
  });
  it('is quiet for matching types, unknown fields, arrays, $LIKE and $EXISTS', () => {
    expect(
      typeMismatches(
        conditions('{"Revenue":{"$GT":1000}}', '{"Other":{"$EQ":"x"}}', '{"Udf":{"$EQ":"2"}}', '{"Revenue":{"$LIKE":"1%"}}', '{"$EXISTS":"Revenue"}'),
        types,
      ),
    ).toEqual([]);
  });
});

describe('previewFilter states the unstated rules that decided results', () => {
  const rows = [
    { id: 1, entity: 'Opportunity', op: 'update', original: '{"Revenue":9000}', new: '{"Key":"k"}', summary: 'a', receivedAt: 1 },
    { id: 2, entity: 'Opportunity', op: 'update', original: '{}', new: '{"Key":"k"}', summary: 'b', receivedAt: 2 },
    { id: 3, entity: 'Opportunity', op: 'update', original: '{}', new: '{"Revenue":2000}', summary: 'c', receivedAt: 3 },
  ];
  const events = { ofEntityOp: () => rows.values() };
  it('counts the events each rule decided, with its CONTRACT point', () => {
    const preview = previewFilter(events, 'Opportunity', 'update', ['{"Revenue":{"$GT":1000}}']);
    expect([preview.matched, preview.total]).toEqual([2, 3]);
    expect(preview.rules.map((r) => [r.rule, r.events])).toEqual([
      ['from-original', 1],
      ['missing-field', 1],
    ]);
    expect(preview.rules[0]!.assumption).toMatch(/^CONTRACT\.md section 3/);
    expect(previewFilter(events, 'Opportunity', 'update', ['{"Revenue":{"$GT":"1000"}}']).rules.map((r) => r.rule)).toEqual([
      'from-original',
      'string-vs-number',
      'missing-field',
    ]);
  });
  it('says nothing when no result depended on an unstated rule', () => {
    expect(previewFilter({ ofEntityOp: () => [rows[2]!].values() }, 'Opportunity', 'update', ['{"Revenue":{"$GT":1000}}']).rules).toEqual([]);
  });
});
