import { afterEach, expect, it } from 'vitest';
import { officialSamples } from '../../helpers/reference';
import { ShapeStore } from '../../helpers/shapes';
import { shapesService } from '../../../electron/engine/shapes/service';
import type { ServiceContext } from '../../../electron/engine/service';

const open: ShapeStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

function setup() {
  const s = new ShapeStore();
  open.push(s);
  s.post(...officialSamples().map((x) => x.raw));
  return { s, api: shapesService({ store: s.store } as ServiceContext).handlers! };
}

it('chosen events become one fixture each, exactly as sent, named entity-op-Key', async () => {
  const { s, api } = setup();
  const leads = s.store.events.list({ limit: 100, entity: 'lead' }).items;
  const { files } = await api.exportFixtures!({ eventIds: leads.map((e) => e.id) });
  expect(files.map((f) => f.name).sort()).toEqual([
    'lead-create-Lead_230908000320772238169LE_0.json',
    'lead-delete-Lead_230908000320772238169LE_0.json',
    'lead-update-Lead_230908000320772238169LE_0.json',
  ]);
  for (const file of files) expect(file.content).toBe(s.store.events.get(file.eventId)!.payload);
  // Numbers keep their spelling: the file is the payload text, not a re-serialization.
  expect(files.find((f) => f.name.startsWith('lead-create'))!.content).toContain('6.0');
});

it('several events of one record get distinct names; a shape exports only its own events', async () => {
  const { s, api } = setup();
  const update = JSON.parse(officialSamples().find((x) => x.name === 'Opportunities / Opportunity Update')!.raw) as { id: string };
  s.post({ ...update, id: 'again-1' }, { ...update, id: 'again-2' });
  const plain = await api.getShape!({ entity: 'opportunity', op: 'update', kind: 'record' });
  const { files } = await api.exportFixtures!({ shapeId: plain.id, limit: 100 });
  expect(files.map((f) => f.name)).toEqual([
    'opportunity-update-Opportunity_230724251323288900004O_0.json',
    'opportunity-update-Opportunity_230724251323288900004O_0-2.json',
    'opportunity-update-Opportunity_230724251323288900004O_0-3.json',
  ]);
  // Stage changes share Entity and Op but are another shape: not exported with plain updates.
  expect(files.every((f) => !/salesStage/i.test(f.content))).toBe(true);
});

it('unknown events are a clear not_found', async () => {
  const { api } = setup();
  await expect(Promise.resolve().then(() => api.exportFixtures!({ eventIds: [999_999] }))).rejects.toMatchObject({ code: 'not_found' });
});
