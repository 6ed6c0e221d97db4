import { useMemo } from 'react';
import type { DriftItem, ShapeDetail, ShapeField, ShapeSummary } from '@shared/contract';
import { entityName } from '@shared/entities';
import { lastSegment } from '@shared/shapes/observe';
import { fullTime, plural } from '../common/format';
import { goToSection } from '../shell/route';
import { useEvents } from '../store/events';
import { OpBadge } from '../events/OpBadge';
import { goToShape, useShapeRoute } from './route';
import { useShape, useShapeList } from '../store/shapes';
import { errorText } from '../errors';
import { ModelPanel } from './ModelPanel';
import './shapes.css';

const shapeLabel = (s: ShapeSummary) => `${s.kind === 'stage change' ? 'stage change · ' : ''}${s.major < 0 ? 'version unknown' : `v${s.major}.x`}`;

const NO_SHAPES: ShapeSummary[] = [];

/** Shapes tab: every Entity's shapes learned from traffic, and one shape's field tree. */
export function ShapesView() {
  const current = useShapeRoute();
  const list = useShapeList();
  const shape = useShape(current);
  const shapes = list.data ?? NO_SHAPES;
  const loaded = list.isFetched;
  const failed = list.error ?? shape.error;
  const error = failed ? errorText(failed) : null;
  const detail = shape.data?.detail ?? null;

  const byEntity = useMemo(() => {
    const groups = new Map<string, ShapeSummary[]>();
    for (const s of shapes) groups.set(s.entity.toLowerCase(), [...(groups.get(s.entity.toLowerCase()) ?? []), s]);
    return [...groups.values()];
  }, [shapes]);

  return (
    <div className="shapes-view" data-testid="shapes-view">
      <aside className="shapes-list" aria-label="Shapes">
        {error && <div className="banner banner-error">Could not load shapes: {error}</div>}
        {loaded && !shapes.length && (
          <div className="empty-state compact">
            <h3>No shapes yet</h3>
            <p className="muted">Each webhook that arrives teaches the inspector its Entity’s fields. Send a sample or subscribe to events.</p>
          </div>
        )}
        {byEntity.map((group) => (
          <section key={group[0]!.entity.toLowerCase()} className="shapes-entity" data-testid="shape-entity">
            <h3 title={`Spelled: ${[...new Set(group.flatMap((s) => s.entitySpellings))].join(', ')}`}>{entityName(group[0]!.entity)}</h3>
            <ul>
              {group.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={`shape-item ${s.id === current ? 'active' : ''}`}
                    onClick={() => goToShape(s.id)}
                    data-testid="shape-item"
                    data-shape-id={s.id}
                  >
                    <OpBadge op={s.op || null} />
                    <span className="shape-item-label">{shapeLabel(s)}</span>
                    <span className="muted small">{plural(s.events, 'event')}</span>
                    {s.drift > 0 && (
                      <span className="drift-badge" title={`${plural(s.drift, 'drift flag')}`}>
                        {s.drift}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
      <section className="shape-detail">
        {detail && detail.id === current ? (
          <ShapeFields shape={detail} drift={shape.data?.drift ?? []} />
        ) : (
          <div className="empty-state compact">
            <p className="muted">{shapes.length ? 'Pick a shape to see its fields.' : ''}</p>
          </div>
        )}
      </section>
    </div>
  );
}

function ShapeFields({ shape, drift }: { shape: ShapeDetail; drift: DriftItem[] }) {
  const depth = useMemo(() => {
    const byId = new Map(shape.fieldList.map((f) => [f.id, f]));
    const of = (f: ShapeField): number => (f.parent === null ? 0 : 1 + of(byId.get(f.parent) ?? { ...f, parent: null }));
    return new Map(shape.fieldList.map((f) => [f.id, of(f)]));
  }, [shape]);
  return (
    <div className="shape-fields" data-testid="shape-detail">
      <header className="shape-head">
        <h2>
          {entityName(shape.entity)} <OpBadge op={shape.op || null} /> {shapeLabel(shape)}
        </h2>
        <p className="muted small">
          {plural(shape.events, 'event')} · versions {shape.versions.map((v) => `${v.version} ×${v.count}`).join(', ')} · first {fullTime(shape.firstSeen)} ·
          last {fullTime(shape.lastSeen)}
        </p>
      </header>
      <ModelPanel key={shape.id} shape={shape} />
      <div className="field-table" role="table" aria-label="Fields">
        <div className="field-row field-head" role="row">
          <span role="columnheader">Field</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Presence</span>
          <span role="columnheader">Examples</span>
          <span role="columnheader">Seen</span>
        </div>
        {shape.fieldList.map((f) => (
          <div key={f.id} className="field-row" role="row" data-testid="shape-field" data-path={f.path}>
            <span role="cell" className="field-name" style={{ paddingLeft: `${(depth.get(f.id) ?? 0) * 16}px` }} title={f.path}>
              <code>{fieldLabel(f.path)}</code>
              {f.spellings.length > 1 && (
                <span className="muted small" title="Spellings seen">
                  {' '}
                  ({f.spellings.map(fieldLabel).join(', ')})
                </span>
              )}
              <button
                type="button"
                className="btn btn-ghost btn-sm field-link"
                onClick={() => showEvents(shape, f)}
                data-testid="field-events"
                title="Events carrying this field"
              >
                events →
              </button>
            </span>
            <span role="cell">
              {f.types.map((t) => (
                <span key={t} className={`type-chip type-${t}`}>
                  {t}
                </span>
              ))}
            </span>
            <span role="cell" className={f.always ? '' : 'muted'}>
              {f.presence}
            </span>
            <span role="cell" className="field-examples" title={f.examples.join('\n')}>
              {f.examples.map((e) => (
                <code key={e}>{e}</code>
              ))}
            </span>
            <span role="cell" className="muted small" title={`first ${fullTime(f.firstSeen)}\nlast ${fullTime(f.lastSeen)}`}>
              {plural(f.events, 'event')}
            </span>
          </div>
        ))}
      </div>
      {drift.length > 0 && (
        <section className="shape-drift" data-testid="shape-drift">
          <h3>Drift</h3>
          <ul>
            {drift.map((d) => (
              <li key={d.id}>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => openEvent(d.eventId)}>
                  {fullTime(d.receivedAt)}
                </button>{' '}
                {d.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** `Address.City` → `City`; an array's elements show as `[ ]` under it. */
const fieldLabel = (path: string) => (path.endsWith('[]') ? '[ ]' : lastSegment(path));

/**
 * The list filtered to this entity and op, with "has field" on the field's dotted path
 * (`Address.City`; array steps are not part of the list's field paths).
 */
function showEvents(shape: ShapeDetail, field: ShapeField) {
  useEvents.getState().setFilters({ entity: shape.entity, op: shape.op || undefined, field: field.path.replace(/\[\]/g, '') });
  goToSection('events');
}

function openEvent(id: number) {
  goToSection('events');
  void useEvents.getState().open(id);
}
