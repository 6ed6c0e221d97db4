import { describe, expect, it } from 'vitest';
import {
  buildTimeline,
  compareEvents,
  compareTimestamps,
  eventsOfRecord,
  findNode,
  recordIdentity,
  recordState,
  sortByTimestamp,
  type FieldHistory,
} from '@shared/changes';
import { encodeKey } from '@shared/keys';
import { postmanSamples, samplesOf } from './samples';

const LEAD_KEY = 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw';

const requests = () =>
  postmanSamples()
    .filter((s) => s.kind === 'request')
    .map((s) => s.event);

function field(fields: FieldHistory[], label: string): FieldHistory {
  const found = fields.find((f) => f.label === label);
  if (!found) throw new Error(`no field ${label}`);
  return found;
}

describe('timestamps', () => {
  it('order by instant, with 7 fractional digits and none mixed', () => {
    expect(compareTimestamps('2023-04-12T12:12:12Z', '2023-04-12T12:12:12.5Z')).toBeLessThan(0);
    expect(compareTimestamps('2023-09-08T21:25:29.2257517Z', '2023-09-08T21:25:29.2257518Z')).toBeLessThan(0);
    expect(compareTimestamps('2023-09-08T21:25:29.2257517Z', '2023-09-08T21:25:29.22575170Z')).toBe(0);
    expect(compareTimestamps('2023-09-08T23:00:00+02:00', '2023-09-08T22:00:00Z')).toBeLessThan(0);
    expect(
      sortByTimestamp([
        { timestamp: null, n: 1 },
        { timestamp: '2024-01-01T00:00:00Z', n: 2 },
      ]).map((e) => e.n),
    ).toEqual([2, 1]);
  });
});

describe('record timeline on the official Lead samples', () => {
  it('selects the events of one record (create, update, delete) in time order', () => {
    const shuffled = requests().reverse();
    const lead = eventsOfRecord(shuffled, LEAD_KEY);
    expect(lead.map((e) => e.op)).toEqual(['create', 'update', 'delete']);
    expect(eventsOfRecord(shuffled, 'VXNlcglNQVNURVI=')).toEqual([]);
  });

  it('shows how each field evolved', () => {
    const timeline = buildTimeline(eventsOfRecord(requests(), LEAD_KEY));
    expect(timeline.events.map((e) => e.op)).toEqual(['create', 'update', 'delete']);
    expect(field(timeline.fields, 'Website').points.map((p) => [p.eventIndex, p.kind, p.value])).toEqual([
      [0, 'added', 'https://www.example.com/'],
      [1, 'equal', 'https://www.example.com/ Update'],
      [2, 'record', 'https://www.example.com/Update'],
    ]);
    // Nested objects flatten to their fields; fields absent from an event have no point there.
    expect(field(timeline.fields, 'Address.City').points.map((p) => [p.eventIndex, p.kind])).toEqual([
      [0, 'added'],
      [1, 'untouched'],
      [2, 'record'],
    ]);
    expect(field(timeline.fields, 'Age').points.map((p) => [p.eventIndex, p.value])).toEqual([
      [1, 194],
      [2, 257],
    ]);
    // Arrays stay whole values.
    expect(field(timeline.fields, 'Udf/$TYPEID(57997)').points[0]?.value).toEqual(['2']);
    expect(field(timeline.fields, 'CompanyName').changeCount).toBe(1);
  });
});

describe('record timeline across case variants', () => {
  it('groups by decoded key and merges field spellings', () => {
    const [v11] = samplesOf('Opportunity Stage Change', 'request');
    const first = v11!.event;
    const second = {
      op: 'Update',
      timestamp: '2023-09-29T08:00:00Z',
      original: { Key: (first.original as Record<string, unknown>).key, SalesStageSetupName: 'Proposal', UserKey: 'VXNlcglNYXN0ZXI=' },
      new: { Key: (first.new as Record<string, unknown>).key, SalesStageSetupName: 'Closed Won' },
    };
    const other = { op: 'update', timestamp: '2023-09-29T09:00:00Z', original: null, new: { Key: encodeKey('Opportunity', 'OTHER') } };
    expect(recordIdentity(first)).toBe(recordIdentity(second));
    const events = eventsOfRecord([second, other, first], String((first.new as Record<string, unknown>).key));
    expect(events).toEqual([first, second]);
    const timeline = buildTimeline(events);
    const stage = timeline.fields.find((f) => f.label.toLowerCase() === 'salesstagesetupname');
    expect(stage?.label).toBe('SalesStageSetupName');
    expect(stage?.points.map((p) => [p.kind, p.before, p.value])).toEqual([
      ['changed', 'Budget Agreement', 'Proposal'],
      ['changed', 'Proposal', 'Closed Won'],
    ]);
    expect(stage?.changeCount).toBe(2);
  });
});

describe('side-by-side comparison', () => {
  it('record state after an update is Original with New applied, nested objects merged', () => {
    const state = recordState({
      op: 'update',
      original: { Key: 'K', name: 'a', Address: { City: 'A', Zip: '1' }, U: ['1', '2'] },
      new: { Name: 'b', Address: { City: 'B' }, U: ['3'] },
    });
    expect(state).toEqual({ Key: 'K', Name: 'b', Address: { City: 'B', Zip: '1' }, U: ['3'] });
  });

  it('compares the Lead create with the Lead update as records', () => {
    const [create, update] = eventsOfRecord(requests(), LEAD_KEY);
    const tree = compareEvents(create!, update!);
    expect(tree.mode).toBe('compare');
    expect(findNode(tree.nodes, ['CompanyName'])).toMatchObject({
      kind: 'changed',
      before: 'Lead for Intraction phrase test',
      after: 'CompanyName Test Update',
    });
    expect(findNode(tree.nodes, ['Age'])).toMatchObject({ kind: 'added', after: 194 });
    expect(findNode(tree.nodes, ['Phone2', 'Extension'])).toMatchObject({ kind: 'added', after: '' });
    expect(findNode(tree.nodes, ['Address', 'City'])?.kind).toBe('equal');
    expect(findNode(tree.nodes, ['Key'])?.kind).toBe('equal');
  });
});
