import { describe, expect, it } from 'vitest';
import { changedLeaves, diffEvent, findNode, flattenTree, formatPath } from '@shared/changes';

const tree = diffEvent({
  op: 'update',
  original: { Key: 'K', Name: 'a', Address: { City: 'A', Zip: '1' }, Phone: { Number: '1' }, U: ['2'] },
  new: { Key: 'K', name: 'b', Address: { City: 'B' }, U: ['2', '3'] },
});

describe('tree helpers', () => {
  it('formats display paths', () => {
    expect(formatPath(['Address', 'City'])).toBe('Address.City');
    expect(formatPath(['Udf/$TYPEID(57997)', 0])).toBe('Udf/$TYPEID(57997)[0]');
  });

  it('finds nodes ignoring case', () => {
    expect(findNode(tree.nodes, ['address', 'CITY'])?.after).toBe('B');
    expect(findNode(tree.nodes, ['U', 1])?.kind).toBe('added');
    expect(findNode(tree.nodes, ['Nope'])).toBeUndefined();
  });

  it('flattens to rows, opening changed containers by default and honouring filters', () => {
    const rows = flattenTree(tree.nodes);
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.node.name}`)).toEqual(['Key', 'name', 'Address', '  City', '  Zip', 'U', '  0', '  1', 'Phone']);
    const collapsed = flattenTree(tree.nodes, { include: (n) => n.kind !== 'untouched', isExpanded: () => false });
    expect(collapsed.map((r) => [r.node.name, r.expandable, r.expanded])).toEqual([
      ['Key', false, false],
      ['name', false, false],
      ['Address', true, false],
      ['U', true, false],
    ]);
  });

  it('lists the leaves that differ', () => {
    expect(changedLeaves(tree).map((n) => formatPath(n.path))).toEqual(['name', 'Address.City', 'U[1]']);
  });
});
