import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFilterErrors, parseFilter } from '@shared/filters';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const errorsOf = (strings: unknown) => {
  const result = parseFilter(strings);
  if (result.ok) throw new Error('expected parse errors');
  return result.errors;
};

describe('parseFilter', () => {
  it('treats null, undefined and [] as the empty filter', () => {
    for (const empty of [null, undefined, []]) expect(parseFilter(empty)).toEqual({ ok: true, filter: { conditions: [] } });
  });

  it('parses every value operator and keeps the index and source of each string', () => {
    const strings = [
      '{"Revenue": {"$GT": 1000}}',
      '{"Revenue": {"$GE": 1000.5}}',
      '{"CloseDate": {"$LT": "2025-01-01"}}',
      '{"Age": {"$LE": 10}}',
      '{"Status": {"$EQ": 1}}',
      '{"Email": {"$NE": "x@acme.com"}}',
      '{"Udf/$TYPEID(57997)": {"$IN": ["2", "3"]}}',
      '{"SecAccess": {"$NIN": ["Private", true, 4]}}',
      '{"CompanyName": {"$LIKE": "%Acme%"}}',
      '{"CompanyName": {"$NLIKE": "Test%"}}',
    ];
    const result = parseFilter(strings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.filter.conditions.map((c) => [c.index, c.op, c.field])).toEqual([
      [0, '$GT', 'Revenue'],
      [1, '$GE', 'Revenue'],
      [2, '$LT', 'CloseDate'],
      [3, '$LE', 'Age'],
      [4, '$EQ', 'Status'],
      [5, '$NE', 'Email'],
      [6, '$IN', 'Udf/$TYPEID(57997)'],
      [7, '$NIN', 'SecAccess'],
      [8, '$LIKE', 'CompanyName'],
      [9, '$NLIKE', 'CompanyName'],
    ]);
    expect(result.filter.conditions[6]).toMatchObject({ value: ['2', '3'], source: strings[6] });
  });

  it('reads $EXISTS and $NEXISTS, and $HASFIELD as $EXISTS', () => {
    const result = parseFilter(['{"$EXISTS": "SalesStageSetupKey"}', '{"$NEXISTS": "Rows"}', '{ "$HASFIELD": "field-name" }']);
    expect(result.ok && result.filter.conditions.map((c) => [c.op, c.field])).toEqual([
      ['$EXISTS', 'SalesStageSetupKey'],
      ['$NEXISTS', 'Rows'],
      ['$EXISTS', 'field-name'],
    ]);
  });

  it("accepts the OpenAPI document's own example filter", () => {
    const doc = JSON.parse(readFileSync(resolve(repoRoot, '../shared/maximizer/webhooks-openapi.json'), 'utf8'));
    const example = doc.paths['/v1/subscriptions'].post.requestBody.content['application/json'].examples['Syntax Example'].value;
    expect(example.Filter).toHaveLength(3);
    expect(parseFilter(example.Filter).ok).toBe(true);
  });

  it('reports every bad string with its index and the reason', () => {
    const strings = [
      '{"Revenue": {"$GT": 1000}}',
      '{"Revenue": {"$GT": 1000}',
      '{"Revenue": {"$FOO": 1}}',
      '{"A": {"$EQ": 1}, "B": {"$EQ": 2}}',
      '{"A": {"$eq": 1}}',
    ];
    const errors = errorsOf(strings);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(errors[0]?.message).toMatch(/not valid JSON/);
    expect(errors[1]?.message).toMatch(/unknown operator \$FOO/);
    expect(errors[2]?.message).toMatch(/more than one top-level key/);
    expect(errors[3]?.message).toMatch(/upper case: \$EQ/);
  });

  it.each([
    ['{}', /empty object/],
    ['[1]', /expected a JSON object/],
    ['"text"', /expected a JSON object/],
    ['{"Revenue": 1000}', /expected \{"Revenue": \{"\$OP": value\}\}/],
    ['{"Revenue": {}}', /no operator/],
    ['{"Revenue": {"$GT": 1, "$LT": 5}}', /more than one operator/],
    ['{"Revenue": {"$GT": true}}', /\$GT needs a number/],
    ['{"Revenue": {"$EQ": null}}', /\$EQ needs a string, number or boolean/],
    ['{"Revenue": {"$EQ": [1]}}', /\$EQ needs a string, number or boolean/],
    ['{"Revenue": {"$IN": 5}}', /\$IN needs a JSON array/],
    ['{"Revenue": {"$IN": [1, {"a": 1}]}}', /list item 1/],
    ['{"Name": {"$LIKE": 5}}', /\$LIKE needs a string pattern/],
    ['{"$EXISTS": ""}', /non-empty string/],
    ['{"$EXISTS": 3}', /non-empty string/],
    ['{"$EQ": "Name"}', /write \{"Field": \{"\$EQ": value\}\}/],
    ['{"Name": {"$EXISTS": true}}', /takes a field name: write \{"\$EXISTS": "Name"\}/],
    ['{"$ALL": "Name"}', /unknown operator \$ALL/],
    ['{"": {"$EQ": 1}}', /field name is empty/],
  ])('rejects %s', (source, reason) => {
    const errors = errorsOf([source]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.index).toBe(0);
    expect(errors[0]?.message).toMatch(reason);
  });

  it('rejects items that are not strings, and a Filter that is not an array', () => {
    expect(errorsOf([{ Revenue: { $GT: 1 } }])[0]).toMatchObject({ index: 0, message: expect.stringMatching(/must be a string holding JSON/) });
    expect(errorsOf('{"Revenue": {"$GT": 1}}')).toEqual([{ index: null, message: expect.stringMatching(/must be an array/) }]);
  });

  it('formats errors naming the string', () => {
    const strings = ['{"Revenue": {"$GT": 1}}', '{"Revenue": {"$FOO": 1}}'];
    expect(formatFilterErrors(errorsOf(strings), strings)).toBe(
      'Filter[1] "{\\"Revenue\\": {\\"$FOO\\": 1}}": unknown operator $FOO; expected one of $EQ $NE $GT $GE $LT $LE $IN $NIN $LIKE $NLIKE',
    );
  });
});
