import { useId, useRef, useState, type RefObject } from 'react';
import { keepFocus } from '../app/keep-focus.js';
import {
  EXPORT_FORMATS,
  FORMAT_LABELS,
  ITEM_FAILURE_TYPES,
  type ExportFormat,
  type ExportView,
} from '../../shared/contract/export-channels.js';
import type { ScreenId } from '../app/screen-id.js';
import { Checkbox } from '../app/Checkbox.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';
import { ExportProgressPanel } from './ExportProgressPanel.js';
import { ExportSteps } from './ExportSteps.js';
import { TimeLeft } from './TimeLeft.js';
import { useExport } from './use-export.js';
import './export.css';

const OUTCOME_LABELS: Record<string, string> = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Stopped: can be resumed',
  completed: 'Completed',
  completed_with_errors: 'Completed with errors',
  failed: 'Failed',
  given_up: 'Given up',
};
/** Job-level failure types in words (Pleo's job enum; each failed item carries its own type). */
const JOB_FAILURE_WORDS: Record<string, string> = {
  validation_failure: 'some items could not be exported (each failed item carries the type you chose)',
  canceled_by_user: 'given up by you',
};
const formatName = (f: ExportFormat) => `${FORMAT_LABELS[f]} (.${f})`;
const FORMAT_HELP: Record<ExportFormat, string> = {
  csv: 'Opens in any spreadsheet or accounting tool; formulas are neutralised.',
  xlsx: 'Amounts as numbers, header row frozen; written once every item is reported.',
};
const FORMAT_WITH_ARTICLE: Record<ExportFormat, string> = { csv: 'a CSV file', xlsx: 'an Excel workbook' };
const short = (id: string) => `…${id.slice(-6)}`;

/** "2, 17, 4031" -> [2, 17, 4031]; undefined when something is not a row number. */
export function parseRows(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const rows = parts.map(Number);
  return rows.every((n) => Number.isInteger(n) && n >= 1) ? rows : undefined;
}

/**
 * "Export expenses": the second checklist, after staging access. The partner finds the oldest
 * waiting export job, picks a CSV file or an Excel workbook, optionally marks rows as failed (to show
 * completed_with_errors), and runs the export; every step is proven by what the app did.
 */
export function ExportScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { view, error, busy, act: runAction } = useExport();
  const runHeading = useRef<HTMLHeadingElement>(null);
  const jobHeading = useRef<HTMLHeadingElement>(null);
  const targetHeading = useRef<HTMLHeadingElement>(null);
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const headingFor: Record<string, RefObject<HTMLHeadingElement | null>> = {
    queue: queueHeading,
    find: jobHeading,
    target: targetHeading,
  };
  // Every action keeps keyboard focus in place (keep-focus.ts); run actions land on the Run heading.
  const act: typeof runAction = (name, run, pick) =>
    keepFocus(
      () => runAction(name, run, pick),
      () => (headingFor[name] ?? runHeading).current,
    );
  const [items, setItems] = useState('1000');
  const [cancelWaiting, setCancelWaiting] = useState(false);
  const [rowsText, setRowsText] = useState('');
  const [failureType, setFailureType] = useState<(typeof ITEM_FAILURE_TYPES)[number]>('account_unknown');
  const [reason, setReason] = useState('');
  const [queued, setQueued] = useState<string | undefined>();
  const [chosenFormat, setChosenFormat] = useState<ExportFormat | undefined>();
  const ids = { items: useId(), rows: useId(), type: useId(), reason: useId() };
  if (!view) {
    return (
      <section aria-labelledby="export-title">
        <h2 id="export-title">Export expenses</h2>
        {error ? <ErrorMessage error={error} /> : <p aria-busy="true">Loading…</p>}
      </section>
    );
  }
  const running = view.state === 'running';
  const rows = parseRows(rowsText);
  const pick = (v: ExportView) => v;
  const format = chosenFormat ?? view.targetFormat ?? 'csv';
  const env = {};
  return (
    <section aria-labelledby="export-title" className="export-screen">
      <h2 id="export-title">Export expenses</h2>
      <p className="intro">
        The next part of the journey: run a complete export the way an accounting integration does it with Pleo's Export API, and prove each
        step. Nothing here needs code.
      </p>
      <div className="checklist-progress">
        <progress value={view.done} max={view.total} aria-label="Export checklist progress" />
        <span data-testid="export-checklist-progress">
          {view.done} of {view.total} steps proven
        </span>
      </div>

      {!view.signedIn && (
        <div className="notice notice-info" data-testid="export-sign-in-first">
          <p>Sign in first: the export uses the access token from the staging checklist.</p>
          <button type="button" onClick={() => navigate('connect')}>
            Go to Connect
          </button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {!error && view.lastError && <ErrorMessage error={view.lastError} title="The export stopped" />}

      {view.canQueueOnSimulator && (
        <section className="export-panel" aria-labelledby="export-queue-h">
          <h3 id="export-queue-h" ref={queueHeading} tabIndex={-1}>
            On the simulator: queue an export as the customer would
          </h3>
          <p className="help">
            In Pleo the customer selects expenses and clicks Export. Here the simulator does that for the signed-in company, with its latest
            entries. Pleo keeps one waiting job per company, and the demo data already has one: to use it, go straight to "Find the oldest
            waiting job" below.
          </p>
          <form
            className="export-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                'queue',
                () => partner().export.queueOnSimulator({ items: Number(items), ...(cancelWaiting ? { cancelWaiting: true } : {}) }),
                (r) => {
                  setQueued(`Queued job ${short(r.queued.jobId)} with ${r.queued.items.toLocaleString('en')} items.`);
                  return r.view;
                },
              );
            }}
          >
            <div className="field">
              <label htmlFor={ids.items}>Number of expenses to export</label>
              <input
                id={ids.items}
                type="number"
                min={1}
                max={200000}
                required
                value={items}
                onChange={(e) => setItems(e.currentTarget.value)}
                data-testid="export-queue-items"
              />
            </div>
            <Checkbox className="check-label" checked={cancelWaiting} onChange={setCancelWaiting} testId="export-queue-cancel-waiting">
              Cancel the job that is already waiting first (customers can cancel an export in Pleo)
            </Checkbox>
            <div className="step-actions">
              <button type="submit" disabled={!view.signedIn || running || !!busy} data-testid="export-queue">
                Queue export
              </button>
            </div>
            {queued && (
              <p role="status" data-testid="export-queued">
                {queued}
              </p>
            )}
          </form>
        </section>
      )}

      <section className="export-panel" aria-labelledby="export-job-h">
        <h3 id="export-job-h" ref={jobHeading} tabIndex={-1}>
          The job
        </h3>
        <div className="step-actions">
          <button
            type="button"
            className={!view.job ? 'primary' : undefined}
            disabled={!view.signedIn || running || !!busy}
            onClick={() => void act('find', () => partner().export.findJob(env), pick)}
            data-testid="export-find"
          >
            Find the oldest waiting job
          </button>
        </div>
        {view.job && (
          <dl className="token-facts" data-testid="export-job">
            <dt>Job</dt>
            <dd>{short(view.job.id)}</dd>
            <dt>Status in Pleo</dt>
            <dd data-testid="export-job-status">{view.job.status.replace(/_/g, ' ')}</dd>
            <dt>Items</dt>
            <dd>{view.job.numberOfItems.toLocaleString('en')}</dd>
            <dt>Created</dt>
            <dd>{view.job.createdAt}</dd>
            {view.job.expiresAt !== undefined && (view.job.status === 'pending' || view.job.status === 'in_progress') && (
              <>
                <dt>Time left</dt>
                <dd>
                  <TimeLeft expiresAt={view.job.expiresAt} />
                </dd>
              </>
            )}
            {view.job.failureReasonType && (
              <>
                <dt>Why it failed</dt>
                <dd>{JOB_FAILURE_WORDS[view.job.failureReasonType] ?? view.job.failureReasonType.replace(/_/g, ' ')}</dd>
              </>
            )}
          </dl>
        )}
        {view.preview && (
          <div className="export-preview" tabIndex={0} role="region" aria-label="Column mapping preview (scrolls sideways)">
            <table data-testid="export-preview">
              <caption>
                Columns (and where each comes from) with the first {view.preview.rows.length} rows: the same for a CSV file and an Excel
                workbook
              </caption>
              <thead>
                <tr>
                  {view.preview.columns.map((c) => (
                    <th key={c.id} scope="col">
                      {c.header}
                      <span className="column-source">{c.source}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.preview.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, k) => (
                      <td key={k}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="export-panel" aria-labelledby="export-target-h">
        <h3 id="export-target-h" ref={targetHeading} tabIndex={-1}>
          The target: a CSV file or an Excel workbook
        </h3>
        <fieldset className="export-format-choice" disabled={running || !!busy}>
          <legend>File format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="checkbox-label">
              <input
                type="radio"
                name="export-format"
                value={f}
                checked={format === f}
                onChange={() => setChosenFormat(f)}
                data-testid={`export-format-${f}`}
              />
              <span>
                {formatName(f)}
                <span className="help"> {FORMAT_HELP[f]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <p className="help" id="export-target-help">
          The save dialog suggests a name for this format. What is written follows the name you save under: .xlsx is an Excel workbook,
          anything else a CSV file.
        </p>
        <div className="step-actions">
          <button
            type="button"
            disabled={running || !!busy}
            onClick={() => void act('target', () => partner().export.chooseTarget({ ...env, format }), pick)}
            aria-describedby="export-target-help"
            data-testid="export-choose-target"
          >
            Choose file…
          </button>
          <span data-testid="export-target">{view.targetPath ? `Writing to ${view.targetPath}` : 'No file chosen yet.'}</span>
          {view.targetFormat && (
            <span className="export-format" data-testid="export-target-format" data-format={view.targetFormat}>
              Format: {formatName(view.targetFormat)}
            </span>
          )}
        </div>
        <fieldset className="export-fail-options">
          <legend>Optional: mark rows as failed, to show "completed with errors"</legend>
          <div className="field">
            <label htmlFor={ids.rows}>Row numbers to mark as failed</label>
            <input
              id={ids.rows}
              value={rowsText}
              onChange={(e) => setRowsText(e.currentTarget.value)}
              aria-describedby={`${ids.rows}-help`}
              aria-invalid={rows === undefined}
              data-testid="export-fail-rows"
            />
            <span id={`${ids.rows}-help`} className="help">
              {rows === undefined
                ? 'Use whole numbers from 1, separated by commas, e.g. 2, 17, 4031.'
                : 'Row 1 is the first item of the job. Leave empty to export everything successfully.'}
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.type}>Failure type reported to Pleo</label>
            <select
              id={ids.type}
              value={failureType}
              onChange={(e) => setFailureType(e.currentTarget.value as typeof failureType)}
              data-testid="export-fail-type"
            >
              {ITEM_FAILURE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.reason}>Reason (shown to the customer in Pleo)</label>
            <input
              id={ids.reason}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="export-fail-reason"
            />
          </div>
        </fieldset>
      </section>

      <section className="export-panel" aria-labelledby="export-run-h">
        <h3 id="export-run-h" ref={runHeading} tabIndex={-1}>
          Run{' '}
          <span className="run-state" data-testid="export-state" data-state={view.state}>
            ({OUTCOME_LABELS[view.state]})
          </span>
        </h3>
        <div className="step-actions">
          {!running && (
            <button
              type="button"
              className="primary"
              disabled={!view.job || view.job.status !== 'pending' || !view.targetPath || rows === undefined || !!busy}
              onClick={() =>
                void act(
                  'start',
                  () =>
                    partner().export.start({
                      failRows: rows ?? [],
                      failureReasonType: failureType,
                      ...(reason.trim() ? { failureReason: reason.trim() } : {}),
                    }),
                  pick,
                )
              }
              data-testid="export-start"
            >
              Claim the job and export
            </button>
          )}
          {running && (
            <button type="button" onClick={() => void act('cancel', () => partner().export.cancel(env), pick)} data-testid="export-cancel">
              Stop
            </button>
          )}
          {!running && view.resumable && (
            <button
              type="button"
              className="primary"
              disabled={!!busy}
              onClick={() => void act('resume', () => partner().export.resume(env), pick)}
              data-testid="export-resume"
            >
              Resume ({view.resumable.reported.toLocaleString('en')} of {view.resumable.total.toLocaleString('en')} reported)
            </button>
          )}
          {!running && (view.resumable || view.job?.status === 'in_progress') && (
            <button
              type="button"
              disabled={!!busy}
              onClick={() => void act('abandon', () => partner().export.abandon(env), pick)}
              data-testid="export-abandon"
            >
              Give up this job
            </button>
          )}
        </div>
        {view.gaveUp && view.state === 'given_up' && (
          <div className="notice notice-info" role="status" data-testid="export-gave-up">
            <p>
              You gave up job {short(view.gaveUp.jobId)} after {view.gaveUp.reported.toLocaleString('en')} of{' '}
              {view.gaveUp.total.toLocaleString('en')} items were reported. Pleo now shows it as failed (cancelled by you); the customer has
              to start a new export in Pleo.
            </p>
            {view.gaveUp.partialFile && (
              <p>
                {view.gaveUp.partialFile} holds only the rows written before you gave up: delete it, or keep it as a record, but do not
                import it.
              </p>
            )}
          </div>
        )}
        {(running || view.progress.total > 0) && (
          <ExportProgressPanel progress={view.progress} running={running} {...(view.targetFormat ? { format: view.targetFormat } : {})} />
        )}
        {view.lastRun && (
          <p className="export-last-run" data-testid="export-last-run">
            Last run: job {short(view.lastRun.jobId)} {view.lastRun.outcome.replace(/_/g, ' ')}: {view.lastRun.items.toLocaleString('en')}{' '}
            items, {view.lastRun.successful.toLocaleString('en')} successful, {view.lastRun.failed.toLocaleString('en')} failed, in{' '}
            {Math.round(view.lastRun.durationMs / 1000)} s, to {FORMAT_WITH_ARTICLE[view.lastRun.format ?? 'csv']}.
          </p>
        )}
      </section>

      <h3>Checklist</h3>
      <ExportSteps steps={view.steps} />
    </section>
  );
}
