import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../../shared/filters';
import { conditionString, filterProblems, OPERATORS, scalar } from '../../../renderer/src/subscriptions/filter-text';

// The UI's filter builder must only ever produce strings Maximizer (and the sandbox's parser) accept.
describe('filter builder strings', () => {
  it('every operator of CONTRACT §3 yields a string the parser accepts', () => {
    const values: Record<string, string> = { scalar: 'Qualified', number: '1000', list: '1, "2", Hot', pattern: '%Corp%', none: '' };
    for (const { op, value } of OPERATORS) {
      const text = conditionString('Udf/$TYPEID(57993)', op, values[value]!);
      expect(parseFilter([text]), `${op}: ${text}`).toMatchObject({ ok: true });
    }
  });

  it('types values the way a user means them', () => {
    expect(conditionString('Revenue', '$GT', '1000')).toBe('{"Revenue":{"$GT":1000}}');
    expect(conditionString('Code', '$EQ', '"1000"')).toBe('{"Code":{"$EQ":"1000"}}');
    expect(conditionString('Active', '$NE', 'false')).toBe('{"Active":{"$NE":false}}');
    expect(conditionString('Stage', '$IN', '"Won, lost", 3')).toBe('{"Stage":{"$IN":["Won, lost",3]}}');
    expect(conditionString('Name', '$LIKE', '100%')).toBe('{"Name":{"$LIKE":"100%"}}'); // patterns stay text
    expect(conditionString(' SalesStageSetupKey ', '$EXISTS', 'ignored')).toBe('{"$EXISTS":"SalesStageSetupKey"}');
    expect(scalar('-2.5e3')).toBe(-2500);
  });

  it('what it builds matches events as the sandbox would deliver them', () => {
    const filter = parseFilter([conditionString('Revenue', '$GT', '1000'), conditionString('Objective', '$LIKE', 'Big%')]);
    if (!filter.ok) throw new Error('unexpected');
    expect(matchesFilter(filter.filter, { entity: 'Opportunity', op: 'update', new: { Revenue: 5000, Objective: 'Big deal' } })).toBe(true);
    expect(matchesFilter(filter.filter, { entity: 'Opportunity', op: 'update', new: { Revenue: 500, Objective: 'Big deal' } })).toBe(false);
  });

  it('explains a bad raw string, naming which one', () => {
    expect(filterProblems([])).toBeNull();
    expect(filterProblems(['{"Revenue":{"$GT":1}}', '{"Revenue":{"$GREATER":1}}'])).toMatch(/Filter\[1\].*\$GREATER/);
    expect(filterProblems(['not json'])).toMatch(/Filter\[0\]/);
  });
});
