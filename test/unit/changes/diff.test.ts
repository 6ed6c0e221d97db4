import { describe, expect, it } from 'vitest';
import { compareValues, diffEvent, findNode, textSides, type ChangeNode, type ChangeTree } from '@shared/changes';
import { encodeKey } from '@shared/keys';

const update = (original: unknown, next: unknown): ChangeTree => diffEvent({ op: 'update', original, new: next });

function at(tree: ChangeTree, ...path: (string | number)[]): ChangeNode {
  const found = findNode(tree.nodes, path);
  if (!found) throw new Error(`no node at ${path.join('.')}`);
  return found;
}

describe('nested objects', () => {
  it('diff recursively; a nested field absent from New is untouched', () => {
    const tree = update({ Address: { City: 'Vancouver', ZipCode: 'V6B', Country: 'Canada' } }, { Address: { City: 'Toronto', country: 'Canada' } });
    const address = at(tree, 'Address');
    expect(address.kind).toBe('changed');
    expect(address.children?.map((c) => [c.name, c.kind])).toEqual([
      ['City', 'changed'],
      ['country', 'equal'],
      ['ZipCode', 'untouched'],
    ]);
    expect(address.counts).toMatchObject({ changed: 1, equal: 1, untouched: 1 });
    expect(at(tree, 'Address', 'City')).toMatchObject({ before: 'Vancouver', after: 'Toronto', path: ['Address', 'City'] });
    expect(tree.totals).toMatchObject({ changed: 1, equal: 1, untouched: 1 });
  });

  it('a written nested object whose fields all equal Original is equal', () => {
    const tree = update({ Phone1: { Number: '1-800', Extension: '888' } }, { Phone1: { Number: '1-800' } });
    expect(at(tree, 'Phone1').kind).toBe('equal');
    expect(at(tree, 'Phone1', 'Extension').kind).toBe('untouched');
  });

  it('a nested field only in New is added', () => {
    const tree = update({ Phone2: { Number: '1' } }, { Phone2: { Number: '1', Extension: '9' } });
    expect(at(tree, 'Phone2').kind).toBe('changed');
    expect(at(tree, 'Phone2', 'Extension')).toMatchObject({ kind: 'added', after: '9', hasBefore: false });
  });
});

describe('arrays (compared by index, written whole)', () => {
  it('flags a changed element', () => {
    const tree = update({ 'Udf/$TYPEID(57997)': ['2'] }, { 'Udf/$TYPEID(57997)': ['3'] });
    expect(at(tree, 'Udf/$TYPEID(57997)').kind).toBe('changed');
    expect(at(tree, 'Udf/$TYPEID(57997)', 0)).toMatchObject({ kind: 'changed', before: '2', after: '3', index: 0, path: ['Udf/$TYPEID(57997)', 0] });
  });

  it('elements past the new end are removed, extra ones added', () => {
    const shorter = update({ Tags: ['a', 'b', 'c'] }, { Tags: ['a'] });
    expect(at(shorter, 'Tags').children?.map((c) => c.kind)).toEqual(['equal', 'removed', 'removed']);
    expect(at(shorter, 'Tags').kind).toBe('changed');
    const longer = update({ Tags: ['a'] }, { Tags: ['a', 'b'] });
    expect(at(longer, 'Tags').children?.map((c) => c.kind)).toEqual(['equal', 'added']);
  });

  it('equal arrays are equal; objects inside arrays diff recursively', () => {
    expect(at(update({ U: ['8'] }, { U: ['8'] }), 'U').kind).toBe('equal');
    const tree = update({ Rows: [{ Id: 1, Name: 'a' }] }, { Rows: [{ Id: 1, Name: 'b' }] });
    expect(at(tree, 'Rows', 0, 'Name')).toMatchObject({ kind: 'changed', before: 'a', after: 'b' });
    expect(at(tree, 'Rows', 0, 'Id').kind).toBe('equal');
  });
});

describe('case variants', () => {
  it('match Key/key and keep both spellings, showing New’s', () => {
    const tree = update({ key: 'K', salesStageSetupName: 'Qualified' }, { Key: 'K', SalesStageSetupName: 'Presentation' });
    expect(tree.nodes.map((n) => [n.name, n.kind, n.originalName, n.newName])).toEqual([
      ['Key', 'equal', 'key', 'Key'],
      ['SalesStageSetupName', 'changed', 'salesStageSetupName', 'SalesStageSetupName'],
    ]);
  });

  it('prefer the exact spelling when Original has both variants', () => {
    const tree = update({ key: 'lower', Key: 'upper' }, { Key: 'upper' });
    expect(tree.nodes.map((n) => [n.name, n.kind, n.originalName])).toEqual([
      ['Key', 'equal', 'Key'],
      ['key', 'untouched', 'key'],
    ]);
  });

  it('match nested names ignoring case', () => {
    const tree = update({ address: { city: 'A' } }, { Address: { City: 'B' } });
    expect(at(tree, 'Address', 'City')).toMatchObject({ kind: 'changed', originalName: 'city', newName: 'City' });
  });
});

describe('type changes', () => {
  it.each([
    ['number → string', 6, '6', 'number', 'string'],
    ['object → null', { City: 'A' }, null, 'object', 'null'],
    ['null → object', null, { City: 'A' }, 'null', 'object'],
    ['array → string', ['2'], '2', 'array', 'string'],
    ['boolean → number', true, 1, 'boolean', 'number'],
  ] as const)('%s is changed and flagged', (_label, before, after, beforeType, afterType) => {
    const node = at(update({ F: before }, { F: after }), 'F');
    expect(node).toMatchObject({ kind: 'changed', typeChanged: true, beforeType, afterType, before, after });
    expect(node.children).toBeUndefined();
  });

  it('same JSON number written differently (12000.0 vs 12000) is equal', () => {
    const node = at(update(JSON.parse('{"Revenue": 12000.0}'), JSON.parse('{"Revenue": 12000}')), 'Revenue');
    expect(node).toMatchObject({ kind: 'equal', typeChanged: false });
  });
});

describe('long strings', () => {
  const long = 'The quick brown fox jumps over the lazy dog near the riverbank.';

  it('a changed string over 40 characters carries a character diff that rebuilds both sides', () => {
    const edited = long.replace('lazy', 'sleepy');
    const node = at(update({ Notes: long }, { Notes: edited }), 'Notes');
    expect(node.textDiff?.mode).toBe('chars');
    expect(textSides(node.textDiff!)).toEqual({ before: long, after: edited });
    const changed = node.textDiff!.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`);
    expect(changed.join(' ')).not.toContain('quick');
    expect(node.textDiff!.segments[0]).toEqual({ op: 'equal', text: 'The quick brown fox jumps over the ' });
  });

  it('short single-line strings get no inline diff; short multiline ones do', () => {
    expect(at(update({ A: 'Qualified' }, { A: 'Presentation' }), 'A').textDiff).toBeUndefined();
    expect(at(update({ A: 'line 1\nline 2' }, { A: 'line 1\nline 3' }), 'A').textDiff?.mode).toBe('chars');
  });

  it('a 1 MB string edited in the middle stays exact through the prefix/suffix fallback', () => {
    const big = 'x'.repeat(500_000) + 'MIDDLE' + 'y'.repeat(500_000);
    const edited = big.replace('MIDDLE', 'CENTER');
    const node = at(update({ Blob: big }, { Blob: edited }), 'Blob');
    expect(node.textDiff).toBeDefined();
    expect(
      node
        .textDiff!.segments.filter((s) => s.op !== 'equal')
        .map((s) => s.text.length)
        .every((n) => n <= 6),
    ).toBe(true);
    expect(textSides(node.textDiff!)).toEqual({ before: big, after: edited });
  });

  it('a middle larger than the cap, on one line, is shown trimmed', () => {
    const a = `start ${'a'.repeat(5000)} end`;
    const b = `start ${'b'.repeat(5000)} end`;
    const node = at(update({ Blob: a }, { Blob: b }), 'Blob');
    expect(node.textDiff?.mode).toBe('trimmed');
    expect(node.textDiff?.segments.map((s) => s.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(textSides(node.textDiff!)).toEqual({ before: a, after: b });
  });

  it('a large multiline note edited in two far places is diffed by line, then by character', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Line ${i}: follow up with the client about the renewal.`);
    const a = lines.join('\n');
    const editedLines = [...lines];
    editedLines[10] = 'Line 10: follow up with the CUSTOMER about the renewal.';
    editedLines[390] = 'Line 390: follow up with the client about the contract.';
    const b = editedLines.join('\n');
    const node = at(update({ Notes: a }, { Notes: b }), 'Notes');
    expect(node.textDiff?.mode).toBe('lines');
    expect(textSides(node.textDiff!)).toEqual({ before: a, after: b });
    const edits = node.textDiff!.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`);
    expect(edits).toEqual(['delete:client', 'insert:CUSTOMER', 'delete:renewal', 'insert:contract']);
  });

  it('falls back to trimmed once the event’s character budget is spent', () => {
    const a = `${long} first`;
    const node = at(diffEvent({ op: 'update', original: { N: a }, new: { N: `${long} second` } }, { charDiffBudget: 0 }), 'N');
    expect(node.textDiff?.mode).toBe('trimmed');
  });
});

describe('operations', () => {
  it('create: every New field is added, nested children too', () => {
    const tree = diffEvent({ op: 'create', original: null, new: { Key: 'K', Address: { City: 'A' }, U: ['1'] } });
    expect(tree.mode).toBe('diff');
    expect(tree.counts).toMatchObject({ added: 3 });
    expect(at(tree, 'Address', 'City')).toMatchObject({ kind: 'added', after: 'A', hasBefore: false });
    expect(at(tree, 'U', 0).kind).toBe('added');
    expect(tree.totals.added).toBe(3);
  });

  it('delete and read: Original is the record', () => {
    for (const op of ['delete', 'Delete', 'read']) {
      const tree = diffEvent({ op, original: { Key: 'K', Address: { City: 'A' } }, new: null });
      expect(tree.mode).toBe('record');
      expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([
        ['Key', 'record'],
        ['Address', 'record'],
      ]);
      expect(at(tree, 'Address', 'City')).toMatchObject({ kind: 'record', value: 'A' });
      expect(tree.totals).toMatchObject({ record: 2 });
    }
  });

  it('delete with only New still shows a record, with a note', () => {
    const tree = diffEvent({ op: 'delete', original: null, new: { Key: 'K', A: { B: 1 } } });
    expect(tree.mode).toBe('record');
    expect(tree.nodes.map((n) => n.kind)).toEqual(['record', 'record']);
    expect(at(tree, 'A', 'B').kind).toBe('record');
    expect(tree.totals).toMatchObject({ record: 2, added: 0 });
    expect(tree.notes.join(' ')).toMatch(/Original is missing/);
  });

  it('update with New null: everything untouched', () => {
    const tree = diffEvent({ op: 'update', original: { Key: 'K', Name: 'n' }, new: null });
    expect(tree.nodes.map((n) => n.kind)).toEqual(['untouched', 'untouched']);
    expect(tree.counts.untouched).toBe(2);
    expect(tree.notes.join(' ')).toMatch(/New is null/);
  });

  it('update without Original: written fields are added', () => {
    const tree = diffEvent({ op: 'update', original: undefined, new: { Name: 'n' } });
    expect(tree.nodes.map((n) => n.kind)).toEqual(['added']);
  });

  it('a non-object payload is shown as one value', () => {
    const tree = diffEvent({ op: 'update', original: { A: 1 }, new: 'oops' });
    expect(tree.nodes).toHaveLength(1);
    expect(tree.nodes[0]).toMatchObject({ kind: 'changed', typeChanged: true, afterType: 'string' });
    expect(tree.notes.length).toBeGreaterThan(0);
  });
});

describe('Maximizer keys', () => {
  it('decode values that are keys and leave others as they are', () => {
    const opp = encodeKey('Opportunity', '240919251645204140001O');
    const tree = update({ OwnerKey: 'TODO', Key: opp, Note: 'hello world' }, { Key: opp });
    expect(at(tree, 'Key').afterKey).toMatchObject({ type: 'Opportunity', id: '240919251645204140001O', number: '0' });
    expect(at(tree, 'OwnerKey').beforeKey).toBeUndefined();
    expect(at(tree, 'Note').beforeKey).toBeUndefined();
  });

  it('the same user spelled in another case is equal, marked as such', () => {
    const node = at(update({ ModifiedBy: 'VXNlcglNQVNURVI=' }, { ModifiedBy: 'VXNlcglNYXN0ZXI=' }), 'ModifiedBy');
    expect(node).toMatchObject({ kind: 'equal', sameUserKey: true });
    expect(node.beforeKey?.id).toBe('MASTER');
    expect(node.afterKey?.id).toBe('Master');
  });

  it('a different user is changed', () => {
    const node = at(update({ ModifiedBy: encodeKey('User', 'MASTER', null) }, { ModifiedBy: encodeKey('User', 'LSHAO', null) }), 'ModifiedBy');
    expect(node.kind).toBe('changed');
  });
});

describe('compareValues (two full records)', () => {
  it('absence is removal here: left-only removed, right-only added', () => {
    const tree = compareValues({ A: 1, B: 2, C: { D: 1 } }, { a: 1, C: { D: 2 }, E: 3 });
    expect(tree.mode).toBe('compare');
    expect(tree.nodes.map((n) => [n.name, n.kind])).toEqual([
      ['a', 'equal'],
      ['C', 'changed'],
      ['E', 'added'],
      ['B', 'removed'],
    ]);
    expect(tree.counts).toMatchObject({ equal: 1, changed: 1, added: 1, removed: 1, untouched: 0 });
  });
});
