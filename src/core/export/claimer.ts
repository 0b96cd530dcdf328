/**
 * Job events: claim (`started`) and the final event (`completed`, `completed_with_errors`,
 * `failed` with a failure type). An event is a POST, so it is never retried blindly: when the
 * answer is lost or refused, the job is read back and its state decides what happened (our
 * earlier attempt may have reached Pleo; another app may have claimed the job first).
 */
import { AppFailure } from '../../shared/result.js';
import { explainExportAnswer, jobExpiredFailure, refusalExplained } from './export-errors.js';
import type { ExportHttp } from './export-http.js';
import { readJob, type ExportJobV3 } from './job-finder.js';

export type FinalEvent = 'completed' | 'completed_with_errors' | 'failed';

export async function sendEvent(
  http: ExportHttp,
  jobId: string,
  event: 'started' | FinalEvent,
  extra: { failureReason?: string; failureReasonType?: string } = {},
  signal?: AbortSignal,
): Promise<ExportJobV3> {
  const body = { jobId, event, ...extra };
  let refused: AppFailure | undefined;
  try {
    const answer = await http.call('POST', '/v3/export-job-events', { body, ...(signal ? { signal } : {}) });
    if (answer.status === 202 || answer.status === 200 || answer.status === 204) return await readJob(http, jobId, signal);
    refused = explainExportAnswer(answer, event === 'started' ? 'Claiming the job' : 'Completing the job');
  } catch (error) {
    if (!(error instanceof AppFailure) || error.appError.code === 'REQUEST_CANCELLED') throw error;
    refused = error;
  }
  // Lost answer or refusal: what does Pleo say now?
  const job = await readJobAfterRefusal(http, jobId, signal);
  const reached =
    event === 'started'
      ? job.status === 'in_progress' && refused.appError.code !== 'INVALID_EXPORT_JOB_STATUS_CHANGE'
      : job.status === event;
  if (reached) return job;
  if (event === 'started' && job.status === 'in_progress') {
    throw refusalExplained(
      'EXPORT_JOB_TAKEN',
      'Another integration (or another copy of this app) claimed this job a moment before you. Pleo says never to process one job twice or two jobs in parallel.',
      'Leave this job to the app that claimed it. Find the next job once it has finished.',
      refused,
    );
  }
  throw refused;
}

/**
 * Reads the job back after Pleo refused a call (or its answer was lost): the job's state tells
 * what happened. An expired job is explained as expired, not as the raw refusal.
 */
export async function readJobAfterRefusal(http: ExportHttp, jobId: string, signal?: AbortSignal): Promise<ExportJobV3> {
  const job = await readJob(http, jobId, signal);
  if (job.status === 'failed' && job.failureReasonType === 'job_expired') throw jobExpiredFailure();
  return job;
}
