import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainFilter, likeMatch, matchesFilter, matchesSubscription, parseFilter, type Filter, type FilterEvent } from '@shared/filters';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function filter(...strings: string[]): Filter {
  const result = parseFilter(strings);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.filter;
}

/** Official Postman sample bodies by item name, read in place. */
function postman(name: string): FilterEvent {
  const collection = JSON.parse(readFileSync(resolve(repoRoot, '../shared/maximizer/webhooks-payloads.postman_collection.json'), 'utf8'));
  const items: { name: string; request?: { body?: { raw?: string } } }[] = collection.item.flatMap((folder: { item: unknown[] }) => folder.item);
  const raw = items.find((item) => item.name === name)?.request?.body?.raw;
  if (!raw) throw new Error(`no sample ${name}`);
  const body = JSON.parse(raw);
  return { entity: body.entity, op: body.data.op, original: body.data.original, new: body.data.new };
}

const update: FilterEvent = {
  entity: 'lead',
  op: 'update',
  original: { Key: 'K', CompanyName: 'Old Co', Revenue: 500, Status: 1, Tags: ['a', 'b'], OnlyOriginal: 'here' },
  new: { Key: 'K', CompanyName: 'New Co', Revenue: 1500, Nothing: null },
};

describe('matchesFilter', () => {
  it('matches everything with the empty filter', () => {
    expect(matchesFilter(filter(), update)).toBe(true);
    expect(matchesFilter(filter(), {})).toBe(true);
  });

  it('reads New first, then Original', () => {
    expect(matchesFilter(filter('{"Revenue": {"$GT": 1000}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"CompanyName": {"$EQ": "Old Co"}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"OnlyOriginal": {"$EQ": "here"}}'), update)).toBe(true);
  });

  it('fails every value operator, negative ones included, when the field is in neither section', () => {
    for (const op of ['$EQ', '$NE', '$GT', '$GE', '$LT', '$LE']) expect(matchesFilter(filter(`{"Missing": {"${op}": 1}}`), update)).toBe(false);
    for (const op of ['$IN', '$NIN']) expect(matchesFilter(filter(`{"Missing": {"${op}": [1]}}`), update)).toBe(false);
    for (const op of ['$LIKE', '$NLIKE']) expect(matchesFilter(filter(`{"Missing": {"${op}": "%"}}`), update)).toBe(false);
  });

  it('ignores the case of field names', () => {
    expect(matchesFilter(filter('{"revenue": {"$EQ": 1500}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"$EXISTS": "COMPANYNAME"}'), update)).toBe(true);
  });

  it('ANDs all strings', () => {
    expect(matchesFilter(filter('{"Revenue": {"$GT": 1000}}', '{"CompanyName": {"$LIKE": "new%"}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"Revenue": {"$GT": 1000}}', '{"CompanyName": {"$LIKE": "old%"}}'), update)).toBe(false);
  });

  it('compares numbers numerically and never coerces types', () => {
    expect(matchesFilter(filter('{"Revenue": {"$EQ": 1500.0}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"Revenue": {"$EQ": "1500"}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"Revenue": {"$GT": "1000"}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"Revenue": {"$GE": 1500}}', '{"Revenue": {"$LE": 1500}}', '{"Revenue": {"$LT": 1501}}'), update)).toBe(true);
  });

  it('compares strings with $GT… as text, so ISO dates order correctly', () => {
    const event = { new: { CloseDate: '2018-01-02T08:00:00Z' } };
    expect(matchesFilter(filter('{"CloseDate": {"$GT": "2018-01-01"}}'), event)).toBe(true);
    expect(matchesFilter(filter('{"CloseDate": {"$LT": "2018-01-01"}}'), event)).toBe(false);
  });

  it('matches arrays with $EQ/$IN when any element does, and negates for $NE/$NIN', () => {
    expect(matchesFilter(filter('{"Tags": {"$EQ": "b"}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"Tags": {"$IN": ["x", "a"]}}'), update)).toBe(true);
    expect(matchesFilter(filter('{"Tags": {"$NE": "b"}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"Tags": {"$NIN": ["x", "y"]}}'), update)).toBe(true);
  });

  it('treats a present null as present: $EXISTS true, $EQ false, $NE true', () => {
    expect(matchesFilter(filter('{"$EXISTS": "Nothing"}'), update)).toBe(true);
    expect(matchesFilter(filter('{"Nothing": {"$EQ": ""}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"Nothing": {"$NE": ""}}'), update)).toBe(true);
  });

  it('checks both sections for $EXISTS and neither for $NEXISTS', () => {
    expect(matchesFilter(filter('{"$EXISTS": "OnlyOriginal"}'), update)).toBe(true);
    expect(matchesFilter(filter('{"$NEXISTS": "OnlyOriginal"}'), update)).toBe(false);
    expect(matchesFilter(filter('{"$NEXISTS": "Nowhere"}'), update)).toBe(true);
    expect(matchesFilter(filter('{"$HASFIELD": "Nowhere"}'), update)).toBe(false);
  });

  it('does not read nested paths', () => {
    const event = { new: { Address: { City: 'Vancouver' } } };
    expect(matchesFilter(filter('{"Address.City": {"$EQ": "Vancouver"}}'), event)).toBe(false);
    expect(matchesFilter(filter('{"$EXISTS": "Address"}'), event)).toBe(true);
  });
});

describe('$LIKE', () => {
  it('has % as its only wildcard and ignores case', () => {
    expect(likeMatch('Acme Corp', 'acme%')).toBe(true);
    expect(likeMatch('Acme Corp', '%CORP')).toBe(true);
    expect(likeMatch('Acme Corp', '%me c%')).toBe(true);
    expect(likeMatch('Acme Corp', 'Acme')).toBe(false);
    expect(likeMatch('Acme', 'Acm_')).toBe(false);
    expect(likeMatch('Acm_', 'Acm_')).toBe(true);
    expect(likeMatch('A.*', 'a.*')).toBe(true);
    expect(likeMatch('Abc', 'A.*')).toBe(false);
    expect(likeMatch('', '%')).toBe(true);
    expect(likeMatch('abab', '%ab%ab%')).toBe(true);
    expect(likeMatch('aba', '%ab%ab%')).toBe(false);
    expect(likeMatch('ab', 'a%%b')).toBe(true);
  });

  it('does not match numbers or booleans', () => {
    expect(matchesFilter(filter('{"Revenue": {"$LIKE": "15%"}}'), update)).toBe(false);
    expect(matchesFilter(filter('{"Revenue": {"$NLIKE": "15%"}}'), update)).toBe(true);
  });
});

describe('on the official samples', () => {
  it('matches UDFs only in the Udf/$TYPEID(n) notation', () => {
    const lead = postman('Lead Create');
    expect(matchesFilter(filter('{"Udf/$TYPEID(57997)": {"$EQ": "2"}}'), lead)).toBe(true);
    expect(matchesFilter(filter('{"Udf/$TYPEID(57993)": {"$GE": 6}}'), lead)).toBe(true);
    expect(matchesFilter(filter('{"udf/$typeid(57994)": {"$IN": ["8"]}}'), lead)).toBe(true);
    expect(matchesFilter(filter('{"Udf/$NAME(Category)": {"$EQ": "2"}}'), lead)).toBe(false);
    expect(matchesFilter(filter('{"Udf/$TYPEID(57997)": {"$EQ": 2}}'), lead)).toBe(false);
  });

  it('tells a stage change from a plain opportunity update with $EXISTS', () => {
    const stageChange = filter('{"$EXISTS": "SalesStageSetupKey"}');
    expect(matchesFilter(stageChange, postman('Opportunity Stage Change'))).toBe(true);
    expect(matchesFilter(stageChange, postman('Opportunity Update'))).toBe(false);
  });

  it('finds Rows in an Export even though the payload spells it rows', () => {
    expect(matchesFilter(filter('{ "Rows" : { "$GT": 20 } }'), postman('Opportunities Export'))).toBe(true);
    expect(matchesFilter(filter('{ "Rows" : { "$GT": 20 } }'), postman('AbEntry Export'))).toBe(false);
  });

  it('matches Entity and Op ignoring case', () => {
    const sample = postman('Opportunity Stage Change');
    expect(matchesSubscription({ entity: 'opportunity', op: 'Update', filter: filter() }, sample)).toBe(true);
    expect(matchesSubscription({ entity: 'Opportunity', op: 'create', filter: filter() }, sample)).toBe(false);
  });
});

describe('explainFilter', () => {
  it('says which string rejected the event and why', () => {
    const result = explainFilter(filter('{"Revenue": {"$GT": 1000}}', '{"Missing": {"$EQ": 1}}', '{"CompanyName": {"$EQ": "x"}}'), update);
    expect(result.matched).toBe(false);
    expect(result.results.map((r) => [r.index, r.matched])).toEqual([
      [0, true],
      [1, false],
      [2, false],
    ]);
    expect(result.results[1]?.reason).toBe('Missing is in neither New nor Original');
    expect(result.results[2]?.reason).toBe('CompanyName in New is "New Co"');
  });
});
