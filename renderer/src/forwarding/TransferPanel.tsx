import { useRef, useState } from 'react';
import type { ExportFormat, Job } from '@shared/contract';
import { count, plural } from '../common/format';
import { hasFilters, toListQuery } from '../events/filters';
import { useEvents } from '../store/events';
import { downloadJob } from './download';
import { useTransfer } from '../store/transfer';
import { reportError } from '../errors';

/** Why entries were skipped, in words: requests already stored and repeats are expected, problems are not. */
export function skippedText(imported: Job['imported']): string {
  if (!imported?.skipped) return '';
  const repeats = imported.repeats ?? 0;
  const existing = imported.existing ?? 0;
  const problems = imported.skipped - repeats - existing;
  const parts = [
    existing ? `${plural(existing, 'request')} already stored (same bytes, same time: imported before)` : '',
    repeats ? `skipped ${plural(repeats, 'repeat')} of a request earlier in the file (other events of one body)` : '',
    problems ? `skipped ${plural(problems, 'entry', 'entries')} that could not be read (below)` : '',
  ].filter(Boolean);
  return `; ${parts.join('; ')}`;
}

function Progress({ job, onCancel }: { job: Job; onCancel: () => void }) {
  const pct = job.total ? Math.round((job.done / job.total) * 100) : null;
  return (
    <div className="fw-progress" data-testid={`job-${job.kind}`} data-state={job.state}>
      {/* An indeterminate bar animates forever: it is shown only while the job runs. */}
      {job.state === 'running' ? (
        <progress max={job.total ?? undefined} value={job.total ? job.done : undefined} aria-label={`${job.kind} progress`} />
      ) : (
        <span className={`fw-job-done ${job.state === 'done' ? 'ok' : 'bad'}`} aria-hidden="true">
          {job.state === 'done' ? '✓' : '✕'}
        </span>
      )}
      <span className="small muted">
        {job.state === 'running'
          ? `${job.kind === 'export' ? 'Exporting' : 'Importing'} ${count(job.done)}${job.total ? ` of ${count(job.total)} (${pct}%)` : ''}…`
          : job.state === 'failed'
            ? `Failed: ${job.error}`
            : job.state === 'cancelled'
              ? 'Cancelled'
              : job.kind === 'export'
                ? `Exported ${plural(job.done, 'event')}`
                : `Imported ${plural(job.imported?.requests ?? 0, 'request')}${skippedText(job.imported)}`}
      </span>
      {job.state === 'running' && (
        <button type="button" className="btn btn-sm" onClick={onCancel} data-testid="job-cancel">
          Cancel
        </button>
      )}
    </div>
  );
}

/** Export events (all, or what the Events tab's filters show) as NDJSON, JSON or HAR; import them back. */
export function TransferPanel() {
  const jobs = useTransfer((s) => s.jobs);
  const filters = useEvents((s) => s.filters);
  const filtered = hasFilters(filters);
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [scope, setScope] = useState<'all' | 'filtered'>('all');
  const [exportId, setExportId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const exportJob = exportId ? jobs[exportId] : undefined;
  const importJob = importId ? jobs[importId] : undefined;

  const startExport = async () => {
    try {
      const { limit: _limit, before: _before, ...query } = toListQuery(filters, Date.now()) ?? {};
      const job = await useTransfer.getState().exportEvents({ format, ...(scope === 'filtered' ? { query } : {}) });
      setExportId(job.id);
    } catch (err) {
      reportError(err);
    }
  };
  const startImport = async (chosen: File) => {
    setFileError(null);
    try {
      // Said here, in place: an empty file never becomes a job.
      if (chosen.size === 0 || !(await chosen.text()).trim()) {
        setImportId(null);
        setFileError(`${chosen.name} is empty: nothing to import.`);
        return;
      }
      const job = await useTransfer.getState().importEvents(await chosen.text());
      setImportId(job.id);
    } catch (err) {
      reportError(err);
    } finally {
      if (file.current) file.current.value = '';
    }
  };
  const cancel = (id: string) =>
    void useTransfer
      .getState()
      .cancelJob(id)
      .catch((e: unknown) => reportError(e));

  return (
    <section className="fw-panel" data-testid="transfer">
      <h3>Export and import</h3>
      <p className="muted small">
        Exports carry each event with its raw requests (body as base64, so the bytes come back exactly); the receiver secret is redacted. Imported events are
        marked <em>imported</em>. cURL for one request is in the event’s header.
      </p>
      <div className="fw-form">
        <label className="fw-field">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export-format">
            <option value="ndjson">NDJSON (one event per line)</option>
            <option value="json">JSON</option>
            <option value="har">HAR 1.2</option>
          </select>
        </label>
        <label className="fw-field">
          <span>Events</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)} data-testid="export-scope">
            <option value="all">All stored events</option>
            <option value="filtered" disabled={!filtered}>
              Those matching the Events tab’s filters
            </option>
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void startExport()}
          disabled={exportJob?.state === 'running'}
          data-testid="export-start"
        >
          Export
        </button>
        {exportJob?.state === 'done' && (
          <button type="button" className="btn" onClick={() => void downloadJob(exportJob).catch((e: unknown) => reportError(e))} data-testid="export-download">
            Download {exportJob.output?.fileName}
          </button>
        )}
        <span className="toolbar-spacer" />
        <input
          ref={file}
          type="file"
          accept=".ndjson,.json,.har,application/json"
          hidden
          onChange={(e) => e.target.files?.[0] && void startImport(e.target.files[0])}
          data-testid="import-file"
        />
        <button type="button" className="btn" onClick={() => file.current?.click()} disabled={importJob?.state === 'running'} data-testid="import-start">
          Import a file…
        </button>
      </div>
      {exportJob && <Progress job={exportJob} onCancel={() => cancel(exportJob.id)} />}
      {fileError && (
        <p className="small error-text" role="alert" data-testid="import-error">
          {fileError}
        </p>
      )}
      {importJob && <Progress job={importJob} onCancel={() => cancel(importJob.id)} />}
      {importJob?.imported?.problems.length ? (
        <ul className="small error-text">
          {importJob.imported.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
