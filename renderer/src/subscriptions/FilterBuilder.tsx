import { useEffect, useMemo, useState } from 'react';
import type { PreviewMatch } from '@shared/contract';
import { parseFilter, typeMismatches } from '@shared/filters';
import { AssumptionNote } from '../common/AssumptionNote';
import { toast } from '../common/toast';
import { goToSection } from '../shell/route';
import { useEvents } from '../store/events';
import { conditionString, filterProblems, OPERATORS, splitLines, VALUE_HINTS, type Operator } from './filter-text';
import { cellKey, useFilterPreview, useLists, useSubscriptions } from '../store/subscriptions';
import { useShapeOf } from '../store/shapes';
import { errorText, reportError } from '../errors';
import { clockTime } from '../common/format';
import { MAXIMIZER_ENTITIES } from '@shared/entities';

const ENTITIES = MAXIMIZER_ENTITIES;
const FIELD_HINTS = ['Revenue', 'Objective', 'Key', 'SalesStageSetupKey', 'FirstName', 'LastName', 'CompanyName', 'Email', 'Udf/$TYPEID(57993)'];

interface Preview {
  matched: number;
  total: number;
  items: PreviewMatch[];
  errors: string[];
  rules?: { rule: string; events: number; note: string; assumption: string }[];
}

/** Field name (lower case) → JSON types seen, from the learned shape of this Entity × Op. */
type LearnedTypes = Map<string, readonly string[]>;

const NO_TYPES: LearnedTypes = new Map();

function useLearnedTypes(entity: string, op: string): LearnedTypes {
  const [asked, setAsked] = useState<{ entity: string; op: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setAsked({ entity: entity.trim(), op }), 250);
    return () => clearTimeout(timer);
  }, [entity, op]);
  // No shape learned yet (the read fails): nothing to warn about.
  const shape = useShapeOf(asked).data;
  return useMemo(() => (shape ? new Map(shape.fieldList.filter((f) => f.parent === null).map((f) => [f.id, f.types])) : NO_TYPES), [shape]);
}

/** Comparisons whose value can never match the field's learned type, for the typed conditions and the one being built. */
function typeWarnings(strings: string[], types: LearnedTypes): string[] {
  if (types.size === 0 || strings.length === 0) return [];
  const parsed = parseFilter(strings);
  return parsed.ok ? typeMismatches(parsed.filter.conditions, (field) => types.get(field)) : [];
}

/**
 * Builds Maximizer filter strings for every operator, shows them raw and editable, validates them
 * with the sandbox's own parser, and previews them on stored events ("would have matched N of M").
 */
export function FilterBuilder() {
  const { subscriptions } = useLists();
  const [entity, setEntity] = useState('Opportunity');
  const [op, setOp] = useState('update');
  const [field, setField] = useState('Revenue');
  const [operator, setOperator] = useState<Operator>('$GT');
  const [value, setValue] = useState('1000');
  const [raw, setRaw] = useState('');
  const [recipients, setRecipients] = useState('');
  const [asked, setAsked] = useState<{ input: { entity: string; op: string; filter: string[] }; newest: number | undefined } | null>(null);
  const [busy, setBusy] = useState(false);
  const strings = splitLines(raw);
  const problems = filterProblems(strings);
  const meta = OPERATORS.find((o) => o.op === operator)!;
  const existing = subscriptions.find((s) => s.own && cellKey(s.entity, s.op) === cellKey(entity, op));

  // New arrivals count too: the preview re-runs (debounced) when the newest stored event changes.
  const newest = useEvents((s) => s.items[0]?.id);
  useEffect(() => {
    if (problems || !entity.trim()) return;
    const timer = setTimeout(() => setAsked({ input: { entity: entity.trim(), op, filter: strings }, newest }), 250);
    return () => clearTimeout(timer);
  }, [entity, op, raw, problems, newest]);
  // Keyed by what was asked: an answer for an earlier filter never shows for the one typed since.
  const answer = useFilterPreview(asked?.input ?? { entity: '-', op: '-', filter: [] }, asked?.newest, asked !== null);
  const preview: Preview | null = answer.error ? { matched: 0, total: 0, items: [], errors: [errorText(answer.error)] } : (answer.data ?? null);

  // Editing an existing subscription starts from its filter.
  useEffect(() => {
    if (existing) setRaw(existing.filter.join('\n'));
  }, [existing?.subscriptionId]);

  const candidate = field.trim() ? conditionString(field, operator, value) : '';
  const candidateProblem = candidate ? filterProblems([candidate]) : 'Enter a field name';
  const learned = useLearnedTypes(entity, op);
  const candidateWarning = candidate && !candidateProblem ? typeWarnings([candidate], learned)[0]?.replace(/^Filter\[0\]: /, '') : undefined;
  const rawWarnings = problems ? [] : typeWarnings(strings, learned);

  const send = async () => {
    setBusy(true);
    try {
      if (existing) {
        await useSubscriptions.getState().change('updateSubscription', { subscriptionId: existing.subscriptionId, filter: strings });
        toast(`${entity} × ${op}: filter updated`);
      } else {
        const list = recipients
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        await useSubscriptions.getState().change('subscribe', { entity: entity.trim(), op, filter: strings, ...(list.length && { recipients: list }) });
        toast(`Subscribed to ${entity} × ${op}${strings.length ? ' with a filter' : ''}`);
      }
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const openEvent = (id: number) => {
    goToSection('events');
    void useEvents.getState().open(id);
  };

  return (
    <section className="sub-card">
      <h3>Subscribe with a filter</h3>
      <div className="form-row">
        <input value={entity} onChange={(e) => setEntity(e.target.value)} size={14} aria-label="Entity" list="filter-entities" data-testid="filter-entity" />
        <datalist id="filter-entities">
          {ENTITIES.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        <select value={op} onChange={(e) => setOp(e.target.value)} aria-label="Op" data-testid="filter-op">
          {['create', 'update', 'delete', 'read'].map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        {existing && <span className="muted small">This app is subscribed: saving replaces its filter.</span>}
      </div>
      <div className="form-row wrap">
        <input value={field} onChange={(e) => setField(e.target.value)} size={22} aria-label="Field" list="filter-fields" data-testid="filter-field" />
        <datalist id="filter-fields">
          {FIELD_HINTS.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <select value={operator} onChange={(e) => setOperator(e.target.value as Operator)} aria-label="Operator" data-testid="filter-operator">
          {OPERATORS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.op} {o.label}
            </option>
          ))}
        </select>
        {meta.value !== 'none' && (
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            size={20}
            aria-label="Value"
            title={VALUE_HINTS[meta.value]}
            data-testid="filter-value"
          />
        )}
        <button
          className="btn btn-sm"
          type="button"
          disabled={!!candidateProblem}
          title={candidateProblem ?? candidate}
          onClick={() => setRaw((r) => `${r.trim() ? `${r.trim()}\n` : ''}${candidate}`)}
          data-testid="filter-add"
        >
          Add condition
        </button>
      </div>
      <p className="muted small">
        {VALUE_HINTS[meta.value]}. {candidate && !candidateProblem && <code>{candidate}</code>}
      </p>
      {candidateWarning && (
        <p className="error small" data-testid="filter-type-warning">
          {candidateWarning}
        </p>
      )}
      <details className="small">
        <summary>User-defined fields (UDFs)</summary>
        <p className="muted">
          Write a UDF as <code>Udf/$TYPEID(n)</code>, where n is the field's numeric type id (find it with the Octopus API's schema read). It is one flat field
          name: the <code>/</code> is not a path. <code>Udf/$NAME(name)</code> and <code>Udf/$TAG(tag)</code> are accepted by Maximizer but never match, because
          events always carry the <code>$TYPEID</code> form. Table UDFs hold lists such as <code>["2"]</code>: <code>$EQ</code> and <code>$IN</code> match when
          any element does. Nested fields (<code>Address.City</code>) are not supported.
        </p>
      </details>
      <p className="muted small">Filter strings, one per line; every one must match (AND). They are sent exactly as written:</p>
      <textarea
        value={raw}
        onChange={(e) => setRaw(e.target.value)}
        rows={3}
        cols={70}
        spellCheck={false}
        data-testid="filter-raw"
        placeholder='{"Revenue": {"$GT": 1000}}'
      />
      {problems && (
        <p className="error small" data-testid="filter-problems">
          {problems}
        </p>
      )}
      {rawWarnings.length > 0 && (
        <p className="error small" data-testid="filter-raw-type-warning">
          {rawWarnings.join(' ')}
        </p>
      )}
      <p data-testid="filter-preview" className={preview?.errors.length ? 'error' : 'muted'}>
        {problems
          ? 'Fix the filter to preview it.'
          : preview === null
            ? 'Checking stored events…'
            : preview.errors.length
              ? preview.errors.join('; ')
              : `Would have matched ${preview.matched} of ${preview.total} stored ${entity} × ${op} events`}
      </p>
      {!problems && preview && !preview.errors.length && (preview.rules?.length ?? 0) > 0 && (
        <ul className="small muted" data-testid="filter-preview-rules">
          {preview.rules!.map((r) => (
            <li key={r.rule} data-testid={`filter-rule-${r.rule}`}>
              {r.events} event{r.events === 1 ? '' : 's'}: {r.note} <AssumptionNote point={r.assumption} />
            </li>
          ))}
        </ul>
      )}
      {!problems && preview && preview.items.length > 0 && (
        <ul className="sub-preview small" data-testid="filter-preview-list">
          {preview.items.slice(0, 20).map((item) => (
            <li key={item.id}>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => openEvent(item.id)} title="Open in Events">
                #{item.id}
              </button>{' '}
              <span className="muted">{clockTime(item.receivedAt).slice(0, 8)}</span> {item.summary}
            </li>
          ))}
          {preview.matched > 20 && <li className="muted">… and {preview.matched - 20} more</li>}
        </ul>
      )}
      {!existing && (
        <label className="form-row">
          <span className="muted small">Recipients (optional, comma-separated)</span>
          <input value={recipients} onChange={(e) => setRecipients(e.target.value)} size={40} placeholder="ops@example.com" data-testid="filter-recipients" />
        </label>
      )}
      <button
        className="btn btn-primary"
        type="button"
        disabled={busy || !!problems || !entity.trim()}
        onClick={() => void send()}
        data-testid="filter-subscribe"
      >
        {existing ? `Save filter for ${entity} × ${op}` : `Subscribe ${entity} × ${op}`}
      </button>
    </section>
  );
}
