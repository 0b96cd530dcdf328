/**
 * Finds the job to export, the way Pleo tells integrations to: only `pending` and
 * `in_progress` jobs are eligible, always the oldest one, never two in parallel. A job that is
 * already `in_progress` belongs to whoever claimed it: it is ours only if our checkpoint says
 * so (resume); otherwise the user is told to wait instead of starting a second one.
 */
import type { ExportJobSummary } from '../../shared/contract/export-channels.js';
import { failure } from '../../shared/result.js';
import { explainExportAnswer } from './export-errors.js';
import type { ExportHttp } from './export-http.js';

export interface ExportJobV3 {
  id: string;
  companyId: string;
  status: ExportJobSummary['status'];
  numberOfItems: number;
  expiresIn: number;
  createdAt: string;
  startedAt?: string | null;
  completedAt?: string | null;
  lastUpdatedAt?: string | null;
  failureReasonType?: string | null;
}

export function summarizeJob(job: ExportJobV3, now: number): ExportJobSummary {
  const running = job.status === 'pending' || job.status === 'in_progress';
  return {
    id: job.id,
    companyId: job.companyId,
    status: job.status,
    numberOfItems: job.numberOfItems,
    createdAt: job.createdAt,
    startedAt: job.startedAt ?? null,
    completedAt: job.completedAt ?? null,
    failureReasonType: job.failureReasonType ?? null,
    // expiresIn counts from the job's last update; we read it now, so it ends at now + expiresIn.
    ...(running ? { expiresAt: now + job.expiresIn * 1000 } : {}),
  };
}

export type FindOutcome =
  { kind: 'pending'; job: ExportJobV3 } | { kind: 'ours'; job: ExportJobV3 } | { kind: 'taken'; job: ExportJobV3 } | { kind: 'none' };

/** Lists the eligible jobs oldest first (all pages) and picks the one to work on. */
export async function findOldestJob(http: ExportHttp, ownedJobId: string | undefined, signal?: AbortSignal): Promise<FindOutcome> {
  const jobs: ExportJobV3[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query: Array<[string, string]> = [
      ['statuses', 'pending'],
      ['statuses', 'in_progress'],
      ['sorting_keys', 'createdAt'],
      ['sorting_order', 'ASC'],
      ['limit', '100'],
    ];
    if (after) query.push(['after', after]);
    const answer = await http.call('GET', '/v3/export-jobs', { query, ...(signal ? { signal } : {}) });
    if (answer.status !== 200) throw explainExportAnswer(answer, 'Listing export jobs');
    const body = answer.body as { data?: ExportJobV3[]; pagination?: { hasNextPage?: boolean; endCursor?: string } };
    if (!Array.isArray(body?.data)) throw failure('API_SERVER_ERROR', 'Pleo sent a job list the app does not understand.');
    jobs.push(...body.data.filter((j) => j.status === 'pending' || j.status === 'in_progress'));
    if (!body.pagination?.hasNextPage || !body.pagination.endCursor) break;
    after = body.pagination.endCursor;
  }
  // Sort here as well: the order is the rule, so it must not depend on the server's default.
  jobs.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
  const running = jobs.find((j) => j.status === 'in_progress');
  if (running) return running.id === ownedJobId ? { kind: 'ours', job: running } : { kind: 'taken', job: running };
  const oldest = jobs[0];
  return oldest ? { kind: 'pending', job: oldest } : { kind: 'none' };
}

export async function readJob(http: ExportHttp, jobId: string, signal?: AbortSignal): Promise<ExportJobV3> {
  const answer = await http.call('GET', `/v3/export-jobs/${encodeURIComponent(jobId)}`, signal ? { signal } : {});
  if (answer.status !== 200) throw explainExportAnswer(answer, 'Reading the export job');
  const job = (answer.body as { data?: ExportJobV3 })?.data;
  if (!job || typeof job.id !== 'string') throw failure('API_SERVER_ERROR', 'Pleo sent an export job the app does not understand.');
  return job;
}
