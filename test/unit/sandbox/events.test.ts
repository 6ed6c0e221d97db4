import { describe, expect, it } from 'vitest';
import { decodeKey } from '@shared/keys';
import { buildEvent, type EmitInput } from '../../../electron/engine/sandbox/events';
import { renderPayload } from '../../../electron/engine/sandbox/payload';
import { seededRandom } from '../../../electron/engine/sandbox/random';

const NOW = Date.parse('2025-06-01T12:00:00.250Z');
const context = () => ({ now: () => NOW, random: seededRandom(1), workspaceId: 'WS', sourceId: 'SRC' });
const build = (input: EmitInput) => buildEvent(input, context());

describe('buildEvent', () => {
  it('fills Id, 7-digit timestamps with ProcessedTimestamp at now and Timestamp before it, and the workspace', () => {
    const event = build({ Entity: 'lead', Op: 'create' });
    expect(event.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.ProcessedTimestamp).toMatch(/^2025-06-01T12:00:00\.250\d{4}Z$/);
    expect(event.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(event.Timestamp < event.ProcessedTimestamp).toBe(true);
    expect([event.WorkspaceId, event.SourceId]).toEqual(['WS', 'SRC']);
  });

  it('mints one record key for both sections when none is given, named as the section spells its fields', () => {
    const update = build({ Entity: 'Opportunity', Op: 'update', Original: { salesStageSetupName: 'A' }, New: { salesStageSetupName: 'B' } });
    expect(Object.keys(update.Original!)[0]).toBe('key');
    expect(update.New!.key).toBe(update.Original!.key);
    expect(decodeKey(update.New!.key)).toMatchObject({ type: 'Opportunity', number: '0', id: expect.stringMatching(/^250601\d{15}O$/) });
    const lead = build({ Entity: 'lead', Op: 'update', New: { Position: 'CFO' } });
    expect(Object.keys(lead.New!)).toEqual(['Key', 'Position']);
    expect(decodeKey(lead.New!.Key)).toMatchObject({ type: 'Lead', id: expect.stringMatching(/LE$/) });
  });

  it('keeps a given key and copies it to the other section', () => {
    const event = build({ Entity: 'lead', Op: 'update', Original: { Key: 'K1', A: 1 }, New: { A: 2 } });
    expect(event.New).toEqual({ Key: 'K1', A: 2 });
  });

  it('gives each op its sections: create has no Original, delete and read no New; Export has no key', () => {
    const create = build({ Entity: 'lead', Op: 'create', Original: { X: 1 } });
    expect(create.Original).toBeNull();
    expect(create.New).toHaveProperty('Key');
    const remove = build({ Entity: 'opportunity', Op: 'delete', New: { X: 1 } });
    expect(remove.New).toBeNull();
    expect(remove.Original).toHaveProperty('Key');
    const read = build({ Entity: 'Export', Op: 'read', Original: { entityType: 1, rows: 3 } });
    expect(read.New).toBeNull();
    expect(read.Original).toEqual({ entityType: 1, rows: 3 });
  });

  it('uses the entity versions of the samples unless one is given', () => {
    expect(build({ Entity: 'lead', Op: 'create' }).Version).toBe('0.8');
    expect(build({ Entity: 'opportunity', Op: 'update' }).Version).toBe(0.1);
    expect(build({ Entity: 'Opportunity', Op: 'update', New: { SalesStageSetupKey: 'x' } }).Version).toBe('1.1');
    expect(build({ Entity: 'Export', Op: 'read' }).Version).toBe('1.0');
    expect(build({ Entity: 'lead', Op: 'create', Version: '2.13' }).Version).toBe('2.13');
    expect(build({ Entity: 'lead', Op: 'create', Version: null }).Version).toBe('0.8');
  });

  it('does not share objects with the caller', () => {
    const input = { Entity: 'lead', Op: 'update', New: { Address: { City: 'A' } } };
    const event = build(input);
    input.New.Address.City = 'B';
    expect((event.New!.Address as { City: string }).City).toBe('A');
  });
});

describe('renderPayload', () => {
  const event = buildEvent({ Entity: 'lead', Op: 'delete', Original: { Key: 'K' } }, context());

  it('renders the guide style as an array of one PascalCase event with the Recipients', () => {
    const [body] = JSON.parse(renderPayload(event, ['a@acme.com'], 'guide'));
    expect(body).toEqual({
      Id: event.Id,
      Timestamp: event.Timestamp,
      ProcessedTimestamp: event.ProcessedTimestamp,
      WorkspaceId: 'WS',
      SourceId: 'SRC',
      Recipients: ['a@acme.com'],
      Options: null,
      Entity: 'lead',
      Data: { Op: 'delete', Original: { Key: 'K' }, New: null, Version: '0.8' },
    });
  });

  it('renders the Postman style as one object with lowercase keys, leaving absent sections out', () => {
    expect(renderPayload(event, [], 'postman')).toBe(
      `{"id":"${event.Id}","timestamp":"${event.Timestamp}","workspaceid":"WS","recipients":[],"options":null,"processedTimestamp":"${event.ProcessedTimestamp}","entity":"lead","data":{"op":"delete","original":{"Key":"K"},"version":"0.8"}}`,
    );
  });
});
