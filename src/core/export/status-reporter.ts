/**
 * Reports item statuses: `PUT /v3/export-jobs/{jobId}/items` with at most 100 entries per
 * request (Pleo answers 413 EXPORT_JOB_ITEMS_UPDATE_LIMIT above that). The answer can be a
 * partial success: `data` lists the items updated, `errors` the ones Pleo refused (e.g.
 * ACCOUNTING_ENTRY_DOES_NOT_EXIST). Refused items are counted and explained, not retried
 * forever and not silently dropped.
 */
import { failure } from '../../shared/result.js';
import { explainExportAnswer } from './export-errors.js';
import type { ExportHttp } from './export-http.js';

export const MAX_ITEMS_PER_UPDATE = 100;

export interface ItemStatusUpdate {
  accountingEntryId: string;
  status: 'successful' | 'failed';
  exportedAt?: string;
  externalId?: string;
  failureReason?: string;
  failureReasonType?: string;
}

export interface ReportOutcome {
  updated: number;
  errors: Array<{ accountingEntryId: string; type: string; message: string }>;
}

/** Sends one batch (≤ 100). Throws an explained failure when the whole request is refused. */
export async function reportBatch(
  http: ExportHttp,
  jobId: string,
  batch: ItemStatusUpdate[],
  signal?: AbortSignal,
): Promise<ReportOutcome> {
  if (batch.length === 0) return { updated: 0, errors: [] };
  if (batch.length > MAX_ITEMS_PER_UPDATE) throw new RangeError(`at most ${MAX_ITEMS_PER_UPDATE} item updates per request`);
  const answer = await http.call('PUT', `/v3/export-jobs/${encodeURIComponent(jobId)}/items`, {
    body: batch,
    ...(signal ? { signal } : {}),
  });
  if (answer.status !== 200) throw explainExportAnswer(answer, 'Reporting item statuses');
  const body = answer.body as { data?: unknown; errors?: unknown };
  if (!body || !Array.isArray(body.data))
    throw failure('API_SERVER_ERROR', 'Pleo sent an answer to the status report that the app does not understand.');
  const errors = Array.isArray(body.errors)
    ? (body.errors as Array<Record<string, unknown>>).map((e) => ({
        accountingEntryId: String(e?.accountingEntryId ?? '').slice(0, 64),
        type: String(e?.type ?? 'UNKNOWN').slice(0, 64),
        message: String(e?.message ?? '').slice(0, 200),
      }))
    : [];
  return { updated: body.data.length, errors };
}

/** Splits a page into batches of at most 100. */
export function batches<T>(items: readonly T[], size = MAX_ITEMS_PER_UPDATE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
