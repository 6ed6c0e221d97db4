import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { likeMatch, matchesFilter, parseFilter, type Filter, type FilterEvent } from '@shared/filters';

function filter(strings: string[]): Filter {
  const result = parseFilter(strings);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.filter;
}

const cond = (field: string, op: string, value: unknown): string => JSON.stringify({ [field]: { [op]: value } });

// Field names include UDF notation and characters that would be path separators elsewhere.
const fieldName = fc.oneof(
  fc.constantFrom('Revenue', 'CompanyName', 'Key', 'Status', 'Udf/$TYPEID(57997)', 'rows', 'Address.City'),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.startsWith('$') && s.trim() !== ''),
);
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant(null), fc.record({ City: fc.string() }));
// One spelling per name: real events never hold `Revenue` and `revenue` side by side (when they do, the exact spelling wins).
const section = fc.dictionary(fc.constantFrom('Revenue', 'companyname', 'Key', 'STATUS', 'Udf/$TYPEID(57997)', 'rows'), value, { maxKeys: 5 });
const event: fc.Arbitrary<FilterEvent> = fc.record({
  entity: fc.constant('lead'),
  op: fc.constantFrom('create', 'update', 'delete'),
  original: fc.option(section, { nil: null }),
  new: fc.option(section, { nil: undefined }),
});
const field = fc.constantFrom('Revenue', 'CompanyName', 'Key', 'Status', 'Udf/$TYPEID(57997)', 'Rows', 'Missing');

/** A valid filter string over the fields the events above use. */
const conditionString = fc.oneof(
  fc.tuple(field, fc.constantFrom('$EQ', '$NE'), scalar).map(([f, op, v]) => cond(f, op, v)),
  fc
    .tuple(field, fc.constantFrom('$GT', '$GE', '$LT', '$LE'), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 3 })))
    .map(([f, op, v]) => cond(f, op, v)),
  fc.tuple(field, fc.constantFrom('$IN', '$NIN'), fc.array(scalar, { maxLength: 3 })).map(([f, op, v]) => cond(f, op, v)),
  fc.tuple(field, fc.constantFrom('$LIKE', '$NLIKE'), fc.stringMatching(/^[%a-c]{0,4}$/)).map(([f, op, v]) => cond(f, op, v)),
  fc.tuple(fc.constantFrom('$EXISTS', '$NEXISTS', '$HASFIELD'), field).map(([op, f]) => JSON.stringify({ [op]: f })),
);

/** Random-case spelling of a name: field names must be found whatever their case. */
const recase = (name: string, flips: boolean[]): string =>
  [...name].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c.toLowerCase())).join('');

describe('parseFilter properties', () => {
  it('never throws, and reports errors only at indexes that exist, in order, at most once each', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), conditionString, fc.anything()), { maxLength: 6 }), (strings) => {
        const result = parseFilter(strings);
        if (result.ok) {
          expect(result.filter.conditions).toHaveLength(strings.length);
          return;
        }
        const indexes = result.errors.map((e) => e.index as number);
        expect(indexes.every((i) => Number.isInteger(i) && i >= 0 && i < strings.length)).toBe(true);
        expect([...indexes].sort((a, b) => a - b)).toEqual([...new Set(indexes)]);
        expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
      }),
    );
  });

  it('names exactly the bad strings among good ones', () => {
    const bad = fc.oneof(
      fc.string().filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      }),
      fc
        .tuple(
          fieldName,
          fc.stringMatching(/^\$[A-Z]{2,8}$/).filter((op) => !['$EQ', '$NE', '$GT', '$GE', '$LT', '$LE', '$IN', '$NIN', '$LIKE', '$NLIKE'].includes(op)),
          scalar,
        )
        .map(([f, op, v]) => cond(f, op, v)),
      fc.tuple(conditionString, conditionString).map(([a, b]) => JSON.stringify({ ...JSON.parse(a), ...JSON.parse(b), Other: { $EQ: 1 } })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), conditionString, bad), { minLength: 1, maxLength: 8 }), (rows) => {
        const strings = rows.map(([good, g, b]) => (good ? g : b));
        const expected = rows.flatMap(([good], i) => (good ? [] : [i]));
        const result = parseFilter(strings);
        expect(result.ok ? [] : result.errors.map((e) => e.index)).toEqual(expected);
      }),
    );
  });

  it('round-trips any field name and operator value into a condition', () => {
    fc.assert(
      fc.property(fieldName, fc.constantFrom('$EQ', '$NE'), scalar, (f, op, v) => {
        const result = parseFilter([cond(f, op, v)]);
        // JSON has no -0: the filter holds what the JSON text says.
        expect(result.ok && result.filter.conditions[0]).toMatchObject({ field: f, op, value: JSON.parse(JSON.stringify(v)), index: 0 });
      }),
    );
  });
});

describe('matchesFilter properties', () => {
  it('is the AND of its strings, in any order', () => {
    fc.assert(
      fc.property(fc.array(conditionString, { maxLength: 5 }), fc.array(conditionString, { maxLength: 5 }), event, (a, b, e) => {
        const both = matchesFilter(filter([...a, ...b]), e);
        expect(both).toBe(matchesFilter(filter(a), e) && matchesFilter(filter(b), e));
        expect(matchesFilter(filter([...b, ...a]), e)).toBe(both);
        expect(matchesFilter(filter([...a, ...a]), e)).toBe(matchesFilter(filter(a), e));
      }),
    );
  });

  it('does not depend on the case of field names', () => {
    fc.assert(
      fc.property(conditionString, fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), event, (source, flips, e) => {
        const doc = JSON.parse(source) as Record<string, unknown>;
        const [key, body] = Object.entries(doc)[0] as [string, unknown];
        const recased = key.startsWith('$') ? { [key]: recase(body as string, flips) } : { [recase(key, flips)]: body };
        expect(matchesFilter(filter([JSON.stringify(recased)]), e)).toBe(matchesFilter(filter([source]), e));
      }),
    );
  });

  it('makes $NE, $NIN, $NLIKE the negation of $EQ, $IN, $LIKE for present fields, and false for absent ones', () => {
    fc.assert(
      fc.property(field, scalar, fc.array(scalar, { maxLength: 3 }), fc.stringMatching(/^[%a-c]{0,4}$/), event, (f, v, list, pattern, e) => {
        const present = [e.new, e.original].some((s) => s && Object.keys(s).some((k) => k.toLowerCase() === f.toLowerCase()));
        const pairs: [string, string, unknown][] = [
          ['$EQ', '$NE', v],
          ['$IN', '$NIN', list],
          ['$LIKE', '$NLIKE', pattern],
        ];
        for (const [positive, negative, operand] of pairs) {
          const yes = matchesFilter(filter([cond(f, positive, operand)]), e);
          const no = matchesFilter(filter([cond(f, negative, operand)]), e);
          if (present) expect(no).toBe(!yes);
          else expect([yes, no]).toEqual([false, false]);
        }
      }),
    );
  });

  it('makes $NEXISTS the negation of $EXISTS, and $HASFIELD the same as $EXISTS', () => {
    fc.assert(
      fc.property(field, event, (f, e) => {
        const exists = matchesFilter(filter([JSON.stringify({ $EXISTS: f })]), e);
        expect(matchesFilter(filter([JSON.stringify({ $NEXISTS: f })]), e)).toBe(!exists);
        expect(matchesFilter(filter([JSON.stringify({ $HASFIELD: f })]), e)).toBe(exists);
        const inOriginal = e.original ? Object.keys(e.original).some((k) => k.toLowerCase() === f.toLowerCase()) : false;
        const inNew = e.new ? Object.keys(e.new).some((k) => k.toLowerCase() === f.toLowerCase()) : false;
        expect(exists).toBe(inOriginal || inNew);
      }),
    );
  });

  it('orders numbers like the number line: exactly one of $LT, $EQ, $GT holds, $GE = $GT or $EQ', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (actual, bound) => {
        const e = { new: { Revenue: actual } };
        const m = (op: string) => matchesFilter(filter([cond('Revenue', op, bound)]), e);
        // JSON has no -0: the bound goes through JSON.stringify, so compare with what the filter holds.
        const b = JSON.parse(JSON.stringify(bound)) as number;
        expect([m('$LT'), m('$EQ'), m('$GT')].filter(Boolean)).toHaveLength(1);
        expect(m('$GE')).toBe(m('$GT') || m('$EQ'));
        expect(m('$LE')).toBe(m('$LT') || m('$EQ'));
        expect(m('$GT')).toBe(actual > b);
      }),
    );
  });

  it('reads a field from New whatever Original holds, and from Original only when New lacks it', () => {
    fc.assert(
      fc.property(scalar, scalar, scalar, (inNew, inOriginal, probe) => {
        const f = [cond('Revenue', '$EQ', probe)];
        expect(matchesFilter(filter(f), { original: { Revenue: inOriginal }, new: { Revenue: inNew } })).toBe(
          matchesFilter(filter(f), { new: { Revenue: inNew } }),
        );
        expect(matchesFilter(filter(f), { original: { Revenue: inOriginal }, new: { Other: 1 } })).toBe(
          matchesFilter(filter(f), { new: { Revenue: inOriginal } }),
        );
      }),
    );
  });

  it('matches an array with $EQ/$IN exactly when some element would match alone', () => {
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 4 }), scalar, (items, probe) => {
        const eq = (v: unknown) => matchesFilter(filter([cond('Udf/$TYPEID(1)', '$EQ', probe)]), { new: { 'Udf/$TYPEID(1)': v } });
        expect(eq(items)).toBe(items.some((item) => eq(item)));
        expect(matchesFilter(filter([cond('Udf/$TYPEID(1)', '$IN', [probe])]), { new: { 'Udf/$TYPEID(1)': items } })).toBe(eq(items));
      }),
    );
  });
});

describe('likeMatch properties', () => {
  /** Reference: SQL-style LIKE with % only, via a RegExp over a small ASCII alphabet (no case-folding surprises). */
  const reference = (text: string, pattern: string): boolean =>
    new RegExp(
      `^${pattern
        .split('%')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*')}$`,
      'i',
    ).test(text);
  const alphabet = fc.constantFrom('a', 'B', 'b', '%', '_', '.', '*', '\\', ' ');

  it('agrees with a reference implementation', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((c) => c.join('').replaceAll('%', 'a')),
        fc.array(alphabet, { maxLength: 6 }).map((c) => c.join('')),
        (text, pattern) => {
          expect(likeMatch(text, pattern)).toBe(reference(text, pattern));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds any substring between % and any text equal to the pattern, whatever the case', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, middle, after) => {
        const m = middle.replaceAll('%', '');
        expect(likeMatch(before + m + after, `%${m.toUpperCase()}%`)).toBe(true);
        expect(likeMatch(m, m.toLowerCase())).toBe(true);
        expect(likeMatch(before + m + after, '%')).toBe(true);
      }),
    );
  });
});
