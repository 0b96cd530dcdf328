import type { ExportFormat, ExportProgress } from '../../shared/contract/export-channels.js';

/** Three real progress bars (fetched, written, reported), each with its numbers as text. */
export function ExportProgressPanel({ progress, running, format }: { progress: ExportProgress; running: boolean; format?: ExportFormat }) {
  const total = Math.max(progress.total, 1);
  const bars: Array<[string, string, number]> = [
    ['fetched', 'Fetched from Pleo', progress.fetched],
    // An Excel workbook's rows are kept in a staging file first; the workbook is made at the end.
    ['written', format === 'xlsx' ? 'Written (the workbook is made at the end)' : 'Written to the file', progress.written],
    ['reported', 'Reported back to Pleo', progress.reported],
  ];
  return (
    <div className="export-progress" aria-live="polite" aria-busy={running} data-testid="export-progress">
      {bars.map(([id, label, value]) => (
        <div className="export-bar" key={id}>
          <label htmlFor={`export-bar-${id}`}>{label}</label>
          <progress id={`export-bar-${id}`} max={total} value={Math.min(value, total)} data-testid={`progress-${id}`} />
          <span className="export-count">
            {value.toLocaleString('en')} of {progress.total.toLocaleString('en')}
          </span>
        </div>
      ))}
      <p className="export-failures">
        Marked failed: {progress.failed.toLocaleString('en')}
        {progress.reportErrors > 0 && <> · Refused by Pleo: {progress.reportErrors.toLocaleString('en')}</>}
      </p>
      {progress.backoffUntil !== undefined && (
        <p className="notice notice-warning" data-testid="export-backoff">
          Pleo asked the app to slow down (429). Waiting a moment, then going on automatically.
        </p>
      )}
    </div>
  );
}
