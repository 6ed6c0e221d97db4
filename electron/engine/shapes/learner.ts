import {
  familyId,
  judgeDrift,
  learnEnvelope,
  learnEvent,
  majorOf,
  observeEvent,
  shapeFamily,
  type DriftFinding,
  type DriftKind,
  type FieldStats,
} from '@shared/shapes';
import { compareVersions } from '@shared/changes/versions';
import type { IndexedEvent, IndexHook, ShapeRow, ShapesRepository, Store } from '../store';
import { getOwn, setOwn } from '@shared/json-bounds';

interface ShapeState {
  row: ShapeRow;
  events: number;
  fields: Map<string, FieldStats>;
}

/**
 * Learns shapes as the indexer parses events, inside the indexer's own transaction
 * (behind the ack, never on it): an event and what its shape learned from it commit
 * together, so a crash resumes exactly where indexing stopped and nothing is learned twice.
 * The shapes live in memory between slices; only what changed is written back.
 */
export class ShapeLearner implements IndexHook {
  private generation = -1;
  private readonly shapes = new Map<string, ShapeState>();
  /** Per Entity × Op × kind: its shapes by major, to judge a new major. */
  private readonly families = new Map<string, ShapeState[]>();
  private readonly dirty = new Map<ShapeState, Set<string>>();

  constructor(
    private readonly repo: ShapesRepository,
    /** The receiver's secrets (current, and previous during a rotation): never kept as example values. */
    private readonly secrets: () => readonly string[] = () => [],
  ) {}

  begin(): void {
    const generation = this.repo.generation();
    if (generation !== this.generation) this.load(generation);
  }

  event(e: IndexedEvent): DriftKind[] {
    if (e.entity === null || !e.entity.trim()) return [];
    // A payload edited by hand (edited replay) or made up by a test send is not Maximizer's traffic.
    if (e.origin === 'edited' || e.origin === 'test') return [];
    const family = shapeFamily(e.entity, e.op, e.original, e.new);
    const major = majorOf(e.version);
    const key = `${familyId(family)}\u0000${major}`;
    const sightings = observeEvent(e.original, e.new, this.secrets());
    let state = this.shapes.get(key);
    let findings: DriftFinding[];
    if (!state) {
      const siblings = this.families.get(familyId(family)) ?? [];
      findings = [];
      const highest = siblings.filter((s) => s.row.major >= 0).sort((a, b) => b.row.major - a.row.major)[0];
      if (major >= 0 && highest && highest.row.major < major) {
        const previous = Object.keys(highest.row.versions).sort(compareVersions).at(-1) ?? String(highest.row.major);
        findings.push({ kind: 'new_major', path: null, type: e.version, previous });
      }
      const row: Omit<ShapeRow, 'id'> = {
        entityKey: family.entityKey,
        entity: e.entity.trim(),
        op: family.op,
        kind: family.kind,
        major,
        versions: {},
        spellings: [],
        envelope: {},
        events: 0,
        firstSeen: e.receivedAt,
        lastSeen: e.receivedAt,
        firstEventId: e.id,
        lastEventId: e.id,
      };
      state = { row: { ...row, id: this.repo.insertShape(row) }, events: 0, fields: new Map() };
      this.shapes.set(key, state);
      this.families.set(familyId(family), [...siblings, state]);
    } else {
      findings = judgeDrift(state, sightings);
    }
    const changed = learnEvent(state, sightings, { eventId: e.id, receivedAt: e.receivedAt });
    const row = state.row;
    row.events = state.events;
    const version = e.version ?? '?';
    setOwn(row.versions, version, (getOwn(row.versions, version) ?? 0) + 1);
    if (!row.spellings.includes(e.entity.trim()) && row.spellings.length < 8) row.spellings.push(e.entity.trim());
    learnEnvelope(row.envelope, e.source);
    row.lastSeen = Math.max(row.lastSeen, e.receivedAt);
    row.lastEventId = e.id;
    const dirty = this.dirty.get(state) ?? new Set<string>();
    for (const path of changed) dirty.add(path);
    this.dirty.set(state, dirty);
    for (const finding of findings) this.repo.insertDrift(e.id, row.id, finding, e.receivedAt);
    return [...new Set(findings.map((f) => f.kind))];
  }

  commit(): void {
    for (const [state, paths] of this.dirty) {
      this.repo.updateShape(state.row);
      for (const path of paths) {
        const field = state.fields.get(path);
        if (field) this.repo.saveField(state.row.id, field);
      }
    }
    this.dirty.clear();
  }

  /** The transaction rolled back: what is in memory may be ahead of the database, so reload next time. */
  abort(): void {
    this.dirty.clear();
    this.generation = -1;
  }

  private load(generation: number): void {
    this.shapes.clear();
    this.families.clear();
    this.dirty.clear();
    const fields = this.repo.allFields();
    for (const row of this.repo.shapes()) {
      const state: ShapeState = { row, events: row.events, fields: new Map((fields.get(row.id) ?? []).map((f) => [f.path, f])) };
      const family = familyId(row);
      this.shapes.set(`${family}\u0000${row.major}`, state);
      this.families.set(family, [...(this.families.get(family) ?? []), state]);
    }
    this.generation = generation;
  }
}

/** Every store that indexes (the receiver's, the bench's seeding) learns shapes the same way. */
export function learnShapes(store: Pick<Store, 'shapes' | 'events'>, secrets?: () => readonly string[]): ShapeLearner {
  const learner = new ShapeLearner(store.shapes, secrets);
  store.events.setIndexHook(learner);
  return learner;
}
