import { describe, expect, it } from 'vitest';
import { isObject } from '@shared/caseless';
import { diffEvent, findNode, walkNodes, type ChangeKind, type ChangeNode, type ChangeTree } from '@shared/changes';
import { allSamples, samplesOf, type Sample } from './samples';

const diffOf = (sample: Sample): ChangeTree => diffEvent(sample.event);

/** Top-level field names by kind, in display order. */
function namesBy(tree: ChangeTree, kind: ChangeKind): string[] {
  return tree.nodes.filter((n) => n.kind === kind).map((n) => n.name);
}

function node(tree: ChangeTree, ...path: (string | number)[]): ChangeNode {
  const found = findNode(tree.nodes, path);
  if (!found) throw new Error(`no node at ${path.join('.')}`);
  return found;
}

const byVersion = (item: string, version: string): Sample[] => samplesOf(item).filter((s) => s.event.version === version);

describe('every official sample', () => {
  const samples = allSamples();

  it('finds all Postman requests, saved examples and the guide example', () => {
    // 9 requests + 10 saved examples (Stage Change has two) + 1 guide event.
    expect(samples.filter((s) => s.kind === 'request')).toHaveLength(9);
    expect(samples.filter((s) => s.kind === 'example')).toHaveLength(10);
    expect(samples.filter((s) => s.kind === 'guide')).toHaveLength(1);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: each field is classified by Maximizer semantics', (_name, sample) => {
    const tree = diffOf(sample);
    const op = (sample.event.op ?? '').toLowerCase();
    const original = isObject(sample.event.original) ? sample.event.original : {};
    const next = isObject(sample.event.new) ? sample.event.new : {};
    expect(tree.counts.changed + tree.counts.equal + tree.counts.added + tree.counts.untouched + tree.counts.record).toBe(tree.nodes.length);
    expect(tree.counts.removed).toBe(0);

    if (op === 'delete' || op === 'read') {
      expect(tree.mode).toBe('record');
      expect(tree.nodes.map((n) => n.name)).toEqual(Object.keys(original));
      for (const n of walkNodes(tree.nodes)) expect(n.kind).toBe('record');
      return;
    }
    expect(tree.mode).toBe('diff');
    const lowerOriginal = new Set(Object.keys(original).map((k) => k.toLowerCase()));
    const lowerNew = new Set(Object.keys(next).map((k) => k.toLowerCase()));
    for (const n of tree.nodes) {
      const lower = n.name.toLowerCase();
      if (lowerNew.has(lower)) {
        // Written fields are shown in New's spelling, never as untouched.
        expect(Object.keys(next)).toContain(n.name);
        expect(n.kind).toBe(lowerOriginal.has(lower) ? (n.kind === 'equal' ? 'equal' : 'changed') : 'added');
      } else {
        expect(n.kind).toBe('untouched');
        expect(n.hasAfter).toBe(false);
      }
    }
    expect(tree.nodes).toHaveLength(new Set([...lowerOriginal, ...lowerNew]).size);
  });
});

describe('Lead samples (v0.8, PascalCase)', () => {
  it.each(samplesOf('Lead Create').map((s) => [s.name, s] as const))('%s: every New field is added, nested ones too', (_n, sample) => {
    const tree = diffOf(sample);
    expect(tree.op).toBe('create');
    expect(tree.counts).toMatchObject({ added: 19, changed: 0, equal: 0, untouched: 0 });
    const address = node(tree, 'Address');
    expect(address.kind).toBe('added');
    expect(address.children?.map((c) => c.name)).toEqual(['AddressLine1', 'AddressLine2', 'City', 'StateProvince', 'ZipCode', 'Country']);
    expect(address.counts?.added).toBe(6);
    expect(node(tree, 'Phone1', 'Default')).toMatchObject({ kind: 'added', after: true, afterType: 'boolean' });
    expect(node(tree, 'Udf/$TYPEID(57997)', 0)).toMatchObject({ kind: 'added', after: '2', index: 0 });
    expect(node(tree, 'Udf/$TYPEID(57993)')).toMatchObject({ kind: 'added', after: 6 });
    expect(node(tree, 'AssignedTo').afterKey).toMatchObject({ type: 'User', id: 'Master', number: null });
    expect(tree.recordKey).toMatchObject({ from: 'new', decoded: { type: 'Lead', id: '230908000320772238169LE', number: '0' } });
  });

  it.each(samplesOf('Lead Update').map((s) => [s.name, s] as const))('%s: the 10 written fields equal Original, 18 are untouched', (_n, sample) => {
    const tree = diffOf(sample);
    expect(namesBy(tree, 'changed')).toEqual([]);
    expect(namesBy(tree, 'equal')).toEqual([
      'Key',
      'CompanyName',
      'MrMs',
      'FirstName',
      'MiddleName',
      'LastName',
      'Salutation',
      'Position',
      'Website',
      'CloseDate',
    ]);
    expect(namesBy(tree, 'untouched')).toEqual([
      'Email',
      'Status',
      'AssignedTo',
      'Address',
      'Creator',
      'CreationDate',
      'ModifiedBy',
      'LastModifyDate',
      'Phone1',
      'Phone2',
      'FullName',
      'Age',
      'ProcessSetupKey',
      'ProcessStageSetupKey',
      'SecAccess',
      'Udf/$TYPEID(57993)',
      'Udf/$TYPEID(57994)',
      'Udf/$TYPEID(57997)',
    ]);
    expect(tree.counts).toMatchObject({ equal: 10, untouched: 18, changed: 0, added: 0 });
    expect(node(tree, 'Website')).toMatchObject({ before: 'https://www.example.com/ Update', after: 'https://www.example.com/ Update' });
    // Nested untouched data keeps its structure and its key decodings.
    expect(node(tree, 'Address', 'City')).toMatchObject({ kind: 'untouched', before: 'city test', hasAfter: false });
    expect(node(tree, 'Address', 'Key').beforeKey).toMatchObject({ type: 'Address', id: '230908000320772238169LE' });
    expect(node(tree, 'Creator').beforeKey).toMatchObject({ type: 'User', id: 'MASTER' });
    expect(node(tree, 'ProcessStageSetupKey').beforeKey).toMatchObject({ type: 'ProcessStageSetup', id: '@*/LEAD', number: '3' });
    expect(node(tree, 'Key')).toMatchObject({ kind: 'equal', afterKey: { type: 'Lead' } });
  });

  it.each(samplesOf('Lead Delete').map((s) => [s.name, s] as const))('%s: Original is shown as the record', (_n, sample) => {
    const tree = diffOf(sample);
    expect(tree.mode).toBe('record');
    expect(tree.counts.record).toBe(28);
    expect(node(tree, 'Age')).toMatchObject({ kind: 'record', value: 257, before: 257 });
    expect(node(tree, 'Phone2', 'Extension')).toMatchObject({ kind: 'record', value: '' });
    expect(tree.recordKey).toMatchObject({ from: 'original', decoded: { type: 'Lead' } });
  });
});

describe('Opportunity samples (v0.1, number version)', () => {
  it('Create carries only the Key, added', () => {
    const tree = diffOf(samplesOf('Opportunity Create', 'request')[0]!);
    expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([['Key', 'added']]);
    expect(tree.recordKey?.decoded).toMatchObject({ type: 'Opportunity', id: '230908251528177520002O', number: '0' });
  });

  it('Update with only the Key written: nothing changed', () => {
    const tree = diffOf(samplesOf('Opportunity Update', 'request')[0]!);
    expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([['Key', 'equal']]);
  });

  it('Delete shows the Key as the record', () => {
    const tree = diffOf(samplesOf('Opportunity Delete', 'request')[0]!);
    expect(tree.mode).toBe('record');
    expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([['Key', 'record']]);
  });
});

describe('Opportunity Stage Change', () => {
  it.each(byVersion('Opportunity Stage Change', '1.1').map((s) => [s.name, s] as const))('%s: stage name and key changed, the rest untouched', (_n, sample) => {
    const tree = diffOf(sample);
    expect(namesBy(tree, 'equal')).toEqual(['key']);
    expect(namesBy(tree, 'changed')).toEqual(['salesStageSetupKey', 'salesStageSetupName']);
    expect(namesBy(tree, 'untouched')).toEqual(['salesProcessSetupKey', 'salesProcessSetupName', 'objective', 'revenue', 'userKey']);
    expect(node(tree, 'salesStageSetupName')).toMatchObject({ before: 'Budget Agreement', after: 'Proposal', typeChanged: false });
    expect(node(tree, 'salesStageSetupName').textDiff).toBeUndefined();
    const key = node(tree, 'salesStageSetupKey');
    expect(key.beforeKey).toMatchObject({ type: 'SalesProcessStageSetup', id: '220406251352479980007G', number: '0' });
    expect(key.afterKey).toMatchObject({ type: 'SalesProcessStageSetup', id: '220406251352323730006G', number: '0' });
    expect(node(tree, 'revenue')).toMatchObject({ kind: 'untouched', before: 12000 });
  });

  it('v1.0 example: New has no key, so the key is untouched and the record key comes from Original', () => {
    const [sample] = byVersion('Opportunity Stage Change', '1.0');
    const tree = diffOf(sample!);
    expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([
      ['salesStageSetupKey', 'changed'],
      ['key', 'untouched'],
      ['salesProcessSetupKey', 'untouched'],
      ['userKey', 'untouched'],
    ]);
    expect(tree.recordKey).toMatchObject({ from: 'original', decoded: { type: 'Opportunity', id: 'OPP_DEMO_2' } });
    // "TODO" is not a key: shown as it is, with no decoding.
    expect(node(tree, 'userKey')).toMatchObject({ before: 'TODO' });
    expect(node(tree, 'userKey').beforeKey).toBeUndefined();
  });

  it('guide example (PascalCase, Op "Update"): SalesStageSetupName Qualified → Presentation', () => {
    const [sample] = samplesOf('guide');
    const tree = diffOf(sample!);
    expect(tree.op).toBe('update');
    expect(namesBy(tree, 'changed')).toEqual(['SalesStageSetupKey', 'SalesStageSetupName']);
    expect(node(tree, 'SalesStageSetupName')).toMatchObject({ before: 'Qualified', after: 'Presentation' });
    expect(node(tree, 'SalesStageSetupKey').beforeKey).toMatchObject({ type: 'SalesProcessStage', id: '1528', number: null });
    expect(node(tree, 'SalesStageSetupKey').afterKey).toMatchObject({ type: 'SalesProcessStage', id: '1529', number: null });
    expect(namesBy(tree, 'equal')).toEqual(['Key']);
    expect(namesBy(tree, 'untouched')).toEqual(['SalesProcessSetupKey', 'SalesProcessSetupName', 'Objective', 'Revenue', 'UserKey']);
    expect(tree.counts).toMatchObject({ changed: 2, equal: 1, untouched: 5 });
  });

  it('matches the v1.1 camelCase Original against a PascalCase New and shows the New spelling', () => {
    const [sample] = byVersion('Opportunity Stage Change', '1.1');
    const next = sample!.event.new as Record<string, unknown>;
    const pascal = Object.fromEntries(Object.entries(next).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));
    const tree = diffEvent({ op: 'update', original: sample!.event.original, new: pascal });
    expect(namesBy(tree, 'changed')).toEqual(['SalesStageSetupKey', 'SalesStageSetupName']);
    expect(node(tree, 'SalesStageSetupName')).toMatchObject({ originalName: 'salesStageSetupName', newName: 'SalesStageSetupName' });
    expect(node(tree, 'Key')).toMatchObject({ kind: 'equal', originalName: 'key', newName: 'Key' });
    expect(tree.counts.untouched).toBe(5);
  });
});

describe('Export samples (read)', () => {
  it.each([
    ['Opportunities Export', 2, 30],
    ['AbEntry Export', 1, 11],
  ] as const)('%s shows Original as the record', (item, entityType, rows) => {
    for (const sample of samplesOf(item)) {
      const tree = diffOf(sample);
      expect(tree.mode).toBe('record');
      expect(tree.op).toBe('read');
      expect(tree.nodes.map((n) => [n.name, n.kind, n.value])).toEqual([
        ['entityType', 'record', entityType],
        ['userKey', 'record', 'VXNlcglMU0hBTw=='],
        ['rows', 'record', rows],
      ]);
      expect(node(tree, 'userKey').beforeKey).toMatchObject({ type: 'User', id: 'LSHAO' });
      expect(tree.recordKey).toBeNull();
    }
  });
});
