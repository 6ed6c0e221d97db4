import type { Db } from './database';
import type { DriftFinding, EnvelopeStats, FieldStats, JsonType, ShapeKind } from '@shared/shapes';

/** One shape as stored: Entity × Op × kind × major, with the versions and spellings seen. */
export interface ShapeRow {
  id: number;
  entityKey: string;
  entity: string;
  op: string;
  kind: ShapeKind;
  major: number;
  versions: Record<string, number>;
  spellings: string[];
  envelope: EnvelopeStats;
  events: number;
  firstSeen: number;
  lastSeen: number;
  firstEventId: number;
  lastEventId: number;
}

export interface DriftRow extends DriftFinding {
  id: number;
  eventId: number;
  shapeId: number;
  receivedAt: number;
}

interface RawShape {
  id: number;
  entity_key: string;
  entity: string;
  op: string;
  kind: ShapeKind;
  major: number;
  versions: string;
  spellings: string;
  envelope: string;
  events: number;
  first_seen: number;
  last_seen: number;
  first_event_id: number;
  last_event_id: number;
}
interface RawField {
  shape_id: number;
  path: string;
  spellings: string;
  types: string;
  events: number;
  in_original: number;
  in_new: number;
  first_seen: number;
  last_seen: number;
  first_event_id: number;
  last_event_id: number;
  examples: string;
}
interface RawDrift {
  id: number;
  event_id: number;
  shape_id: number;
  kind: DriftFinding['kind'];
  path: string | null;
  type: string | null;
  previous: string | null;
  received_at: number;
}

const toShape = (r: RawShape): ShapeRow => ({
  id: r.id,
  entityKey: r.entity_key,
  entity: r.entity,
  op: r.op,
  kind: r.kind,
  major: r.major,
  versions: JSON.parse(r.versions) as Record<string, number>,
  spellings: JSON.parse(r.spellings) as string[],
  envelope: JSON.parse(r.envelope) as EnvelopeStats,
  events: r.events,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  firstEventId: r.first_event_id,
  lastEventId: r.last_event_id,
});
const toField = (r: RawField): FieldStats => ({
  path: r.path,
  spellings: JSON.parse(r.spellings) as string[],
  types: JSON.parse(r.types) as JsonType[],
  events: r.events,
  inOriginal: r.in_original,
  inNew: r.in_new,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  firstEventId: r.first_event_id,
  lastEventId: r.last_event_id,
  examples: JSON.parse(r.examples) as string[],
});
const toDrift = (r: RawDrift): DriftRow => ({
  id: r.id,
  eventId: r.event_id,
  shapeId: r.shape_id,
  kind: r.kind,
  path: r.path,
  type: r.type,
  previous: r.previous,
  receivedAt: r.received_at,
});

/** Every SQL statement about shapes, fields and drift (the store owns SQL; the learner owns the rules). */
export function shapesRepository(db: Db) {
  const stmt = {
    generation: db.prepare(`SELECT value FROM counters WHERE name = 'shapes_generation'`).pluck(),
    allShapes: db.prepare(`SELECT * FROM shapes ORDER BY entity_key, op, kind, major`),
    shape: db.prepare(`SELECT * FROM shapes WHERE id = ?`),
    allFields: db.prepare(`SELECT * FROM shape_fields`),
    fields: db.prepare(`SELECT * FROM shape_fields WHERE shape_id = ? ORDER BY path`),
    insertShape: db.prepare(
      `INSERT INTO shapes (entity_key, entity, op, kind, major, versions, spellings, envelope, events, first_seen, last_seen, first_event_id, last_event_id)
       VALUES (@entityKey, @entity, @op, @kind, @major, @versions, @spellings, @envelope, @events, @firstSeen, @lastSeen, @firstEventId, @lastEventId)`,
    ),
    updateShape: db.prepare(
      `UPDATE shapes SET entity = @entity, versions = @versions, spellings = @spellings, envelope = @envelope, events = @events, first_seen = @firstSeen,
         last_seen = @lastSeen, first_event_id = @firstEventId, last_event_id = @lastEventId WHERE id = @id`,
    ),
    saveField: db.prepare(
      `INSERT OR REPLACE INTO shape_fields (shape_id, path, spellings, types, events, in_original, in_new, first_seen, last_seen, first_event_id, last_event_id, examples)
       VALUES (@shapeId, @path, @spellings, @types, @events, @inOriginal, @inNew, @firstSeen, @lastSeen, @firstEventId, @lastEventId, @examples)`,
    ),
    insertDrift: db.prepare(`INSERT INTO shape_drift (event_id, shape_id, kind, path, type, previous, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    eventDrift: db.prepare(`SELECT * FROM shape_drift WHERE event_id = ? ORDER BY id`),
    driftCounts: db.prepare(`SELECT shape_id AS shapeId, count(*) AS n FROM shape_drift GROUP BY shape_id`),
    fieldCounts: db.prepare(`SELECT shape_id AS shapeId, count(*) AS n FROM shape_fields GROUP BY shape_id`),
  };

  const shapeParams = (s: ShapeRow) => ({
    ...s,
    versions: JSON.stringify(s.versions),
    spellings: JSON.stringify(s.spellings),
    envelope: JSON.stringify(s.envelope),
  });

  return {
    /** Bumped by a clear: a learner holding shapes in memory reloads when it changes. */
    generation: () => stmt.generation.get() as number,
    shapes: () => (stmt.allShapes.all() as RawShape[]).map(toShape),
    shape: (id: number) => {
      const row = stmt.shape.get(id) as RawShape | undefined;
      return row ? toShape(row) : undefined;
    },
    /** Every field of every shape, by shape id (the learner's cold start). */
    allFields(): Map<number, FieldStats[]> {
      const out = new Map<number, FieldStats[]>();
      for (const row of stmt.allFields.iterate() as IterableIterator<RawField>) {
        const list = out.get(row.shape_id) ?? [];
        list.push(toField(row));
        out.set(row.shape_id, list);
      }
      return out;
    },
    fields: (shapeId: number) => (stmt.fields.all(shapeId) as RawField[]).map(toField),
    insertShape: (s: Omit<ShapeRow, 'id'>): number => Number(stmt.insertShape.run(shapeParams({ ...s, id: 0 })).lastInsertRowid),
    updateShape: (s: ShapeRow) => void stmt.updateShape.run(shapeParams(s)),
    saveField: (shapeId: number, f: FieldStats) =>
      void stmt.saveField.run({
        ...f,
        shapeId,
        spellings: JSON.stringify(f.spellings),
        types: JSON.stringify(f.types),
        examples: JSON.stringify(f.examples),
      }),
    insertDrift: (eventId: number, shapeId: number, d: DriftFinding, receivedAt: number) =>
      void stmt.insertDrift.run(eventId, shapeId, d.kind, d.path, d.type, d.previous, receivedAt),
    eventDrift: (eventId: number) => (stmt.eventDrift.all(eventId) as RawDrift[]).map(toDrift),
    driftCounts: () => new Map((stmt.driftCounts.all() as { shapeId: number; n: number }[]).map((r) => [r.shapeId, r.n])),
    fieldCounts: () => new Map((stmt.fieldCounts.all() as { shapeId: number; n: number }[]).map((r) => [r.shapeId, r.n])),
    /** Chosen events' JSON text, in the order asked (for models and fixtures); unknown ids are left out. */
    eventPayloads(ids: readonly number[]): { id: number; entity: string | null; op: string | null; recordKey: string | null; payload: string }[] {
      const byId = new Map<number, { id: number; entity: string | null; op: string | null; recordKey: string | null; payload: string }>();
      const select = db.prepare('SELECT id, entity, op, record_key AS recordKey, payload FROM events WHERE id = ?');
      for (const id of ids) {
        const row = select.get(id) as { id: number; entity: string | null; op: string | null; recordKey: string | null; payload: string } | undefined;
        if (row) byId.set(id, row);
      }
      return [...byId.values()];
    },
    /**
     * The latest events of one Entity and Op, newest first, for the caller to sort into shapes
     * (events carry no shape id: a shape is judged from their content).
     */
    latestOf(entity: string, op: string, limit: number) {
      return db
        .prepare(
          `SELECT id, entity, op, record_key AS recordKey, version, original, new, payload FROM events
           WHERE entity = ? COLLATE NOCASE AND coalesce(op, '') = ? COLLATE NOCASE ORDER BY id DESC LIMIT ?`,
        )
        .all(entity, op, limit) as {
        id: number;
        entity: string | null;
        op: string | null;
        recordKey: string | null;
        version: string | null;
        original: string | null;
        new: string | null;
        payload: string;
      }[];
    },
    /** Newest first; paged by drift id. */
    listDrift(query: { shapeId?: number; entity?: string; kind?: DriftFinding['kind']; before?: number; limit: number }): DriftRow[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.shapeId !== undefined) (where.push('d.shape_id = ?'), params.push(query.shapeId));
      if (query.entity) (where.push('s.entity_key = ?'), params.push(query.entity.trim().toLowerCase()));
      if (query.kind) (where.push('d.kind = ?'), params.push(query.kind));
      if (query.before !== undefined) (where.push('d.id < ?'), params.push(query.before));
      const sql = `SELECT d.* FROM shape_drift d JOIN shapes s ON s.id = d.shape_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, query.limit) as RawDrift[]).map(toDrift);
    },
  };
}

export type ShapesRepository = ReturnType<typeof shapesRepository>;

/** Part of a clear: shapes go with the events, and the generation tells the indexer's copy. */
export const CLEAR_SHAPES_SQL = `DELETE FROM shapes; DELETE FROM shape_fields; DELETE FROM shape_drift;
  UPDATE counters SET value = value + 1 WHERE name = 'shapes_generation';`;

/** For the list row's badge and the "drift only" filter. */
export const DRIFT_COLUMN = `(SELECT group_concat(DISTINCT kind) FROM shape_drift d WHERE d.event_id = e.id) AS drift`;
export const DRIFT_ONLY_WHERE = 'e.id IN (SELECT event_id FROM shape_drift)';
