import { ApiError, type ShapeDetail, type ShapeSummary } from '@shared/contract';
import { describeDrift, fixtureNames, majorOf, modelName, parentPath, presenceOf, shapeFamily, type FieldStats } from '@shared/shapes';
import { compareVersions } from '@shared/changes/versions';
import type { Service, ServiceContext } from '../service';
import type { ShapeRow } from '../store';
import { modelFromEvents, modelFromShape } from './models';
import { INDEX_BOUNDS, jsonTextOverBounds } from '@shared/json-bounds';

/** Shapes learned by the indexer (see learner.ts), read for the Shapes view and the automation API. */
export function shapesService(ctx: ServiceContext): Service<'shapes'> {
  const repo = ctx.store.shapes;

  const summary = (row: ShapeRow, fields: number, drift: number): ShapeSummary => ({
    id: row.id,
    entity: row.entity,
    entitySpellings: row.spellings,
    op: row.op,
    kind: row.kind,
    major: row.major,
    versions: Object.entries(row.versions)
      .map(([version, count]) => ({ version, count }))
      .sort((a, b) => compareVersions(a.version, b.version)),
    events: row.events,
    fields,
    drift,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
  });

  function detail(row: ShapeRow): ShapeDetail {
    const fields = repo.fields(row.id);
    const byPath = new Map(fields.map((f) => [f.path, f]));
    const fieldList = fields.map((f: FieldStats) => {
      const parent = parentPath(f.path);
      // Presence of a nested field is judged against its parent: `Address.City` is "always" if every Address had one.
      const parentEvents = parent === null ? row.events : (byPath.get(parent)?.events ?? row.events);
      const presence = presenceOf(f, parentEvents);
      return {
        path: f.spellings.at(-1) ?? f.path,
        id: f.path,
        parent,
        spellings: f.spellings,
        types: f.types,
        events: f.events,
        inOriginal: f.inOriginal,
        inNew: f.inNew,
        always: presence.always,
        presence: presence.label,
        firstSeen: f.firstSeen,
        lastSeen: f.lastSeen,
        firstEventId: f.firstEventId,
        lastEventId: f.lastEventId,
        examples: f.examples,
      };
    });
    const drift = repo.driftCounts().get(row.id) ?? 0;
    return { ...summary(row, fields.length, drift), fieldList };
  }

  return {
    handlers: {
      listShapes: () => {
        const drift = repo.driftCounts();
        const counts = repo.fieldCounts();
        return { items: repo.shapes().map((row) => summary(row, counts.get(row.id) ?? 0, drift.get(row.id) ?? 0)) };
      },
      getShape: (input) => {
        if ('id' in input) {
          const row = repo.shape(input.id);
          if (!row) throw new ApiError('not_found', `No shape with id ${input.id}`);
          return detail(row);
        }
        const entity = input.entity.trim().toLowerCase();
        const matches = repo
          .shapes()
          .filter(
            (s) =>
              s.entityKey === entity &&
              (input.op === undefined || s.op === input.op.trim().toLowerCase()) &&
              (input.kind === undefined || s.kind === input.kind) &&
              (input.major === undefined || s.major === input.major),
          )
          .sort((a, b) => b.lastSeen - a.lastSeen || b.id - a.id);
        if (!matches[0]) throw new ApiError('not_found', `No shape learned for ${input.entity}${input.op ? ` ${input.op}` : ''}`);
        return detail(matches[0]);
      },
      generateModel: async (input) => {
        if ('shapeId' in input) {
          const row = repo.shape(input.shapeId);
          if (!row) throw new ApiError('not_found', `No shape with id ${input.shapeId}`);
          const shape = detail(row);
          return modelFromShape({ ...shape, versions: shape.versions.map((v) => v.version), envelope: row.envelope, fields: shape.fieldList }, input.language);
        }
        const events = repo.eventPayloads(input.eventIds);
        if (!events.length) throw new ApiError('not_found', 'None of those events is stored');
        const first = events[0]!;
        const name = input.name ?? modelName({ entity: first.entity ?? 'Event', op: first.op ?? '', kind: 'record', major: -1 });
        // quicktype recurses over the samples: what the indexer would not walk, it does not get either.
        for (const event of events) {
          const over = jsonTextOverBounds(event.payload, INDEX_BOUNDS);
          if (over) throw new ApiError('bad_request', `Event ${event.id} ${over}: no model can be inferred from it`);
        }
        return await modelFromEvents(
          name,
          events.map((e) => e.payload),
          input.language,
        );
      },
      exportFixtures: (input) => {
        let events: { id: number; entity: string | null; op: string | null; recordKey: string | null; payload: string }[];
        if ('eventIds' in input) events = repo.eventPayloads(input.eventIds);
        else {
          const row = repo.shape(input.shapeId);
          if (!row) throw new ApiError('not_found', `No shape with id ${input.shapeId}`);
          // Bounded scan of this Entity × Op, newest first, keeping the events of this shape.
          const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
          events = repo
            .latestOf(row.entity, row.op, input.limit * 20)
            .filter((e) => {
              const family = shapeFamily(e.entity ?? '', e.op, parse(e.original), parse(e.new));
              return family.kind === row.kind && majorOf(e.version) === row.major;
            })
            .slice(0, input.limit);
        }
        if (!events.length) throw new ApiError('not_found', 'No stored events to export');
        const names = fixtureNames(events);
        return { files: events.map((e, i) => ({ name: names[i]!, eventId: e.id, content: e.payload })) };
      },
      listDrift: (query) => {
        const rows = query.eventId !== undefined ? repo.eventDrift(query.eventId) : repo.listDrift(query);
        return { items: rows.slice(0, query.limit).map((d) => ({ ...d, message: describeDrift(d) })) };
      },
    },
  };
}
