/**
 * The export run's section of the readiness report: counts, duration and failures of the last
 * finished run, plus how many export checklist steps are proven. Job ids are shortened; no
 * file path (it can contain a user name), no token, no item data.
 */
import type { ExportRunSummary, ExportStepView } from '../../shared/contract/export-channels.js';
import type { ReportSection } from '../../shared/report-sections.js';

const n = (value: number) => value.toLocaleString('en');
const OUTCOMES = { completed: 'Completed', completed_with_errors: 'Completed with errors', failed: 'Failed' } as const;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function exportReportSection(run: ExportRunSummary | undefined, steps: ExportStepView[]): ReportSection | undefined {
  const proven = steps.filter((s) => s.status === 'done').length;
  if (!run && proven === 0) return undefined;
  const facts: ReportSection['facts'] = [['Export checklist', `${proven} of ${steps.length} steps proven`]];
  if (run) {
    const failures = Object.entries(run.failureTypes)
      .map(([type, count]) => `${type} × ${n(count)}`)
      .join(', ');
    facts.push(
      ['Last export job', `…${run.jobId.slice(-4)}`],
      ['Outcome', OUTCOMES[run.outcome]],
      [
        'Items',
        `${n(run.items)} exported to ${run.format === 'xlsx' ? 'an Excel workbook (.xlsx)' : 'a CSV file'} and reported: ${n(run.successful)} successful, ${n(run.failed)} failed${run.reportErrors ? `, ${n(run.reportErrors)} refused by Pleo` : ''}`,
      ],
      ['Finished', new Date(run.finishedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
      [
        'Duration',
        `${duration(run.durationMs)}${run.resumed ? ` (resumed ${run.resumed}×)` : ''}${run.retries ? `, ${n(run.retries)} requests retried` : ''}`,
      ],
      ['Failures by type', failures || 'none'],
    );
  }
  return {
    id: 'export',
    title: 'Export expenses (Export API v3)',
    facts,
    notes: ['The export section lists counts only: no expense data, file paths or tokens.'],
  };
}
