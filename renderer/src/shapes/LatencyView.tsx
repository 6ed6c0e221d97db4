import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { CallOutput } from '@shared/contract';
import { entityName } from '@shared/entities';
import { percentile } from '@shared/shapes/latency';
import { useLatency } from '../store/shapes';
import { errorText } from '../errors';
import { count, fullTime } from '../common/format';
import { useVersions } from '../versions/lastSeen';
import { Chart, type Band } from './Chart';
import './shapes.css';

type Stats = CallOutput<'deliveryStats'>;

const RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
type Range = keyof typeof RANGES;

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const fmt = (ms: number | null) => (ms === null ? '—' : Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** Latency tab: events per minute and Timestamp → received percentiles over time, per Entity, outages marked. */
export function LatencyView() {
  const [range, setRange] = useState<Range>('1h');
  const [entity, setEntity] = useState('');
  const seen = useVersions((s) => s.seen);
  const entities = useMemo(() => [...new Map(seen.map((v) => [v.entity.toLowerCase(), entityName(v.entity)])).values()].sort(), [seen]);

  // New webhooks redraw the charts (at most every two seconds) and the window moves every minute: see the shapes store.
  const latency = useLatency(RANGES[range], entity);
  const stats: Stats | null = latency.data ?? null;
  const error = latency.error ? errorText(latency.error) : null;

  const view = useMemo(() => {
    if (!stats) return null;
    const x = stats.buckets.map((b) => b.start / 1000);
    const perMinute = stats.buckets.map((b) => (b.count * 60_000) / stats.bucketMs);
    const rate: uPlot.AlignedData = [x, perMinute];
    const latency: uPlot.AlignedData = [
      x,
      stats.buckets.map((b) => seconds(b.p50)),
      stats.buckets.map((b) => seconds(b.p95)),
      stats.buckets.map((b) => seconds(b.p99)),
      stats.buckets.map((b) => seconds(b.deliveryP50)),
    ];
    const bands: Band[] = stats.outages.map((o) => ({ start: o.start / 1000, end: (o.end ?? stats.until) / 1000, label: 'tunnel down' }));
    const total = stats.buckets.reduce((n, b) => n + b.count, 0);
    const p95s = stats.buckets.flatMap((b) => (b.p95 === null ? [] : [b.p95])).sort((a, b) => a - b);
    return { rate, latency, bands, total, worstP95: p95s.at(-1) ?? null, typicalP95: percentile(p95s, 50) };
  }, [stats]);

  return (
    <div className="latency-view" data-testid="latency-view">
      <div className="latency-controls">
        <select value={entity} onChange={(e) => setEntity(e.target.value)} aria-label="Entity" data-testid="latency-entity">
          <option value="">All entities</option>
          {entities.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
        <select value={range} onChange={(e) => setRange(e.target.value as Range)} aria-label="Window" data-testid="latency-range">
          {Object.keys(RANGES).map((r) => (
            <option key={r} value={r}>
              Last {r}
            </option>
          ))}
        </select>
        {view && stats && (
          <span className="muted small" data-testid="latency-summary">
            {count(view.total)} webhooks · bucket {stats.bucketMs / 60_000} min · p95 typical {fmt(view.typicalP95)}, worst {fmt(view.worstP95)}
            {stats.truncated && ' · window too busy: oldest part shown'}
          </span>
        )}
      </div>
      {error && <div className="banner banner-error">Could not load delivery stats: {error}</div>}
      {view && (
        <>
          <section className="latency-panel">
            <h3>Webhooks per minute</h3>
            <Chart
              data={view.rate}
              series={[{ label: 'per minute', stroke: '#2563eb', fill: 'rgba(37, 99, 235, 0.15)', width: 1.5, paths: undefined }]}
              bands={view.bands}
              yLabel="per min"
              testId="rate-chart"
            />
          </section>
          <section className="latency-panel">
            <h3>Latency: Maximizer’s Timestamp → received here</h3>
            <Chart
              data={view.latency}
              series={[
                { label: 'p50', stroke: '#15803d', width: 1.5, value: (_, v) => fmt(v === null ? null : v * 1000) },
                { label: 'p95', stroke: '#b45309', width: 1.5, value: (_, v) => fmt(v === null ? null : v * 1000) },
                { label: 'p99', stroke: '#c2352f', width: 1.5, value: (_, v) => fmt(v === null ? null : v * 1000) },
                { label: 'Processed → received p50', stroke: '#7c3aed', width: 1, dash: [4, 4], value: (_, v) => fmt(v === null ? null : v * 1000) },
              ]}
              bands={view.bands}
              yLabel="seconds"
              testId="latency-chart"
            />
            <p className="muted small">
              Gaps are minutes with no webhook. Shaded: the tunnel was enabled but down, so Maximizer could not reach this app. Maximizer’s clock is not this
              machine’s: small negative figures are clock skew.
            </p>
          </section>
          {stats && stats.outages.length > 0 && (
            <section className="latency-panel" data-testid="outages">
              <h3>Tunnel outages</h3>
              <ul className="small">
                {stats.outages.map((o) => (
                  <li key={o.start}>
                    {fullTime(o.start)} → {o.end ? fullTime(o.end) : 'now'} ({o.state}
                    {o.reason ? `: ${o.reason}` : ''})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
