import { useState, type FormEvent } from 'react';
import type { ForwardRule } from '@shared/contract';
import { Icon } from '../common/Icon';
import { toast } from '../common/toast';
import { useForwarding } from '../store/forwarding';
import { errorText, reportError } from '../errors';

const OPS = ['', 'create', 'update', 'delete', 'read'];

/** One filter per line, each a Maximizer filter string such as `{"Revenue": {"$GT": 1000}}`. */
const filterLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function describe(rule: ForwardRule): string {
  const what = rule.entity || rule.op ? `${rule.entity ?? 'any entity'} · ${rule.op ?? 'any op'}` : 'every webhook';
  return rule.filter.length ? `${what} · ${rule.filter.length} filter${rule.filter.length > 1 ? 's' : ''}` : what;
}

function AddRuleForm() {
  const [url, setUrl] = useState('');
  const [entity, setEntity] = useState('');
  const [op, setOp] = useState('');
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await useForwarding.getState().addRule({ url: url.trim(), entity: entity.trim() || null, op: op || null, filter: filterLines(filter) });
      setError(null);
      setFilter('');
      toast('Forward rule added');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fw-form" onSubmit={(e) => void submit(e)} data-testid="forward-form">
      <label className="fw-field fw-grow">
        <span>Forward to</span>
        <input
          type="text"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="http://localhost:3000/webhook"
          data-testid="forward-url"
          required
        />
      </label>
      <label className="fw-field">
        <span>Entity</span>
        <input type="text" value={entity} onChange={(e) => setEntity(e.target.value)} placeholder="any" data-testid="forward-entity" />
      </label>
      <label className="fw-field">
        <span>Op</span>
        <select value={op} onChange={(e) => setOp(e.target.value)} data-testid="forward-op">
          {OPS.map((o) => (
            <option key={o} value={o}>
              {o || 'any'}
            </option>
          ))}
        </select>
      </label>
      <label className="fw-field fw-wide">
        <span>Filter (optional, one Maximizer filter per line, all must match)</span>
        <textarea rows={2} value={filter} onChange={(e) => setFilter(e.target.value)} placeholder='{"Revenue": {"$GT": 1000}}' data-testid="forward-filter" />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="forward-add">
        Add rule
      </button>
      {error && (
        <div className="fw-wide small error-text fw-error" data-testid="forward-error">
          {error}
        </div>
      )}
    </form>
  );
}

function RetryDelay() {
  const settings = useForwarding((s) => s.settings);
  if (!settings) return null;
  const save = async (value: number) => {
    try {
      await useForwarding.getState().setRetryDelay(value);
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <label className="fw-inline small muted">
      Delay between attempts
      <input
        type="number"
        min={0}
        max={60000}
        step={100}
        defaultValue={settings.retryDelayMs}
        onBlur={(e) => void save(Number(e.target.value))}
        data-testid="forward-delay"
      />
      ms (Maximizer’s is undocumented)
    </label>
  );
}

export function RulesPanel() {
  const rules = useForwarding((s) => s.rules);
  const toggle = (rule: ForwardRule) =>
    void useForwarding
      .getState()
      .setRuleEnabled(rule, !rule.enabled)
      .catch((e: unknown) => reportError(e));
  const remove = (rule: ForwardRule) =>
    void useForwarding
      .getState()
      .removeRule(rule)
      .catch((e: unknown) => reportError(e));
  return (
    <section className="fw-panel" data-testid="forward-rules">
      <h3>Forward rules</h3>
      <p className="muted small">
        Every matching webhook is sent on to your handler with its exact body bytes and original headers (not the inspector’s own secret), with Maximizer’s
        rules: a 200 within 2 s, else up to 3 attempts. Forwarding runs after the receiver has acknowledged.
      </p>
      {rules.length > 0 && (
        <ul className="fw-rules">
          {rules.map((rule) => (
            <li key={rule.id} className={rule.enabled ? '' : 'fw-disabled'} data-testid="forward-rule">
              <input
                type="checkbox"
                checked={rule.enabled}
                onChange={() => toggle(rule)}
                title={rule.enabled ? 'Turn off' : 'Turn on'}
                aria-label={`Forward to ${rule.url}`}
              />
              <code className="fw-url">{rule.url}</code>
              <span className="muted small">{describe(rule)}</span>
              {rule.filter.length > 0 && (
                <code className="small muted ellipsis" title={rule.filter.join('\n')}>
                  {rule.filter.join(' AND ')}
                </code>
              )}
              <span className="toolbar-spacer" />
              <button type="button" className="btn btn-ghost btn-sm icon-only" onClick={() => remove(rule)} title="Delete this rule" aria-label="Delete rule">
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddRuleForm />
      <RetryDelay />
    </section>
  );
}
