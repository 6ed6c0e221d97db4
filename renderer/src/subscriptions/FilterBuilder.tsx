import { useEffect, useState } from 'react';
import { api } from '../api';
import { toast } from '../common/toast';
import { useSubscriptions } from './store';

const OPERATORS = ['$EQ', '$NE', '$GT', '$GE', '$LT', '$LE', '$IN', '$NIN', '$LIKE', '$NLIKE'];

/** Builds Maximizer filter strings, shows them raw and editable, and previews them on stored events. */
export function FilterBuilder() {
  const [entity, setEntity] = useState('Opportunity');
  const [op, setOp] = useState('update');
  const [field, setField] = useState('Revenue');
  const [operator, setOperator] = useState('$GT');
  const [value, setValue] = useState('1000');
  const [raw, setRaw] = useState('');
  const [preview, setPreview] = useState<{ matched: number; total: number; errors: string[] } | null>(null);
  const strings = raw.split('\n').map((s) => s.trim()).filter(Boolean);

  useEffect(() => {
    const timer = setTimeout(() => {
      void api.previewFilter({ entity, op, filter: strings }).then(setPreview, (e: Error) => setPreview({ matched: 0, total: 0, errors: [e.message] }));
    }, 250);
    return () => clearTimeout(timer);
  }, [entity, op, raw]);

  const addCondition = () => {
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      // a bare word is a string value
    }
    const condition = operator === '$EXISTS' || operator === '$NEXISTS' ? { [operator]: field } : { [field]: { [operator]: parsed } };
    setRaw((r) => `${r.trim() ? `${r.trim()}\n` : ''}${JSON.stringify(condition)}`);
  };
  const subscribe = async () => {
    try {
      await api.subscribe({ entity, op, filter: strings });
      toast(`Subscribed to ${entity} × ${op}${strings.length ? ' with a filter' : ''}`);
      await useSubscriptions.getState().refresh();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  };
  return (
    <section className="sub-card">
      <h3>Subscribe with a filter</h3>
      <div className="form-row">
        <input value={entity} onChange={(e) => setEntity(e.target.value)} size={12} aria-label="Entity" data-testid="filter-entity" />
        <select value={op} onChange={(e) => setOp(e.target.value)} aria-label="Op" data-testid="filter-op">
          {['create', 'update', 'delete', 'read'].map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <input value={field} onChange={(e) => setField(e.target.value)} size={22} aria-label="Field" title="A field name; UDFs as Udf/$TYPEID(n)" />
        <select value={operator} onChange={(e) => setOperator(e.target.value)} aria-label="Operator">
          {[...OPERATORS, '$EXISTS', '$NEXISTS'].map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <input value={value} onChange={(e) => setValue(e.target.value)} size={16} aria-label="Value" title='JSON: 1000, "Qualified", ["a","b"], true; $LIKE uses % as its only wildcard' />
        <button className="btn btn-sm" type="button" onClick={addCondition}>
          Add condition
        </button>
      </div>
      <p className="muted small">
        Every string must match (AND). UDFs match only as <code>Udf/$TYPEID(n)</code>. The strings are sent as written:
      </p>
      <textarea value={raw} onChange={(e) => setRaw(e.target.value)} rows={3} cols={70} spellCheck={false} data-testid="filter-raw" placeholder='{"Revenue": {"$GT": 1000}}' />
      <p data-testid="filter-preview" className={preview?.errors.length ? 'error' : 'muted'}>
        {preview === null
          ? 'Checking stored events…'
          : preview.errors.length
            ? preview.errors.join('; ')
            : `Would have matched ${preview.matched} of ${preview.total} stored ${entity} × ${op} events`}
      </p>
      <button className="btn btn-primary" type="button" disabled={!!preview?.errors.length} onClick={() => void subscribe()} data-testid="filter-subscribe">
        Subscribe {entity} × {op}
      </button>
    </section>
  );
}
