/**
 * One export run of a claimed job, from a checkpoint: fetch a page of export items, write its
 * rows to the CSV file, report the page's item statuses in batches of ≤ 100, journal the
 * progress after every acknowledged batch (checkpoint.ts), and when every item is reported
 * send the final event. Fetching, writing and reporting overlap (one page each).
 *
 * Order per page is what makes resume safe: write → report → journal. After a crash the
 * file is cut back to the end of the last fully reported page, that page is fetched again,
 * its already-reported batches (journalled by index) are skipped, and the rest goes on. At
 * most three pages are in memory.
 */
import { AppFailure, failure } from '../../shared/result.js';
import { FORMAT_LABELS, type ExportProgress, type ExportRunSummary } from '../../shared/contract/export-channels.js';
import { JOB_EXPIRY_MS } from './export-constants.js';
import { refusalExplained } from './export-errors.js';
import type { ExportHttp } from './export-http.js';
import { readJobAfterRefusal, sendEvent, type FinalEvent } from './claimer.js';
import type { Checkpoint, CheckpointStore } from './checkpoint.js';
import { formatOf, openExportTarget } from './export-target.js';
import { aheadPages, fetchItemPage } from './item-pager.js';
import type { ExportJobV3 } from './job-finder.js';
import { batches, reportBatch, type ItemStatusUpdate } from './status-reporter.js';
import { inPool } from './batch-pool.js';

/**
 * Status reports in flight at once. Each is a short round trip; four keep the connection busy
 * while the app parses and writes the next page, and stay far from anything a rate limit
 * would mind (a 429 is waited out per request anyway).
 */
export const REPORT_CONCURRENCY = 4;

export interface RunHooks {
  onProgress(progress: ExportProgress, extra: { expiresAt?: number; phase: 'fetch' | 'write' | 'report' | 'complete' }): void;
  /** Test seam: awaited after each batch's checkpoint is saved (a gate to "kill" the run at). */
  afterBatch?(checkpoint: Checkpoint): Promise<void> | void;
}

export interface RunResult {
  summary: ExportRunSummary;
  job: ExportJobV3;
}

export async function runExport(
  start: Checkpoint,
  deps: {
    http: ExportHttp;
    checkpoints: CheckpointStore;
    now: () => number;
    signal: AbortSignal;
    hooks: RunHooks;
    /** Offset paging only: pages downloading at once (default 1). */
    concurrency?: number;
    /** Status reports of one page in flight at once (default REPORT_CONCURRENCY). */
    reportConcurrency?: number;
  },
): Promise<RunResult> {
  const { http, checkpoints, now, signal, hooks } = deps;
  let cp: Checkpoint = { ...start };
  const failRows = new Set(cp.failRows);
  const fresh = cp.after === undefined && cp.reportedAtPage === 0 && cp.batchesDoneInPage === 0 && cp.csvBytesAtPage === 0;
  const target = await openExportTarget(cp.targetPath, fresh ? undefined : cp.csvBytesAtPage, cp);
  if (fresh) {
    cp = { ...cp, csvBytesAtPage: target.size() };
    checkpoints.save(cp);
  }
  const progress: ExportProgress = {
    total: cp.total,
    fetched: cp.reportedAtPage,
    written: cp.reportedAtPage,
    reported: cp.reported,
    failed: cp.failed,
    reportErrors: cp.reportErrors,
  };
  let expiresAt: number | undefined;
  const emit = (phase: 'fetch' | 'write' | 'report' | 'complete') =>
    hooks.onProgress({ ...progress }, { ...(expiresAt !== undefined ? { expiresAt } : {}), phase });
  const retriesBefore = http.stats.retries;

  try {
    if (!cp.allReported) {
      const nextPage = aheadPages(
        (from) => withJobState(http, cp.jobId, signal, () => fetchItemPage(http, cp.jobId, from, cp.pageSize, signal)),
        {
          paging: cp.paging ?? 'cursor',
          ...(cp.after ? { after: cp.after } : {}),
          offset: cp.reportedAtPage,
          limit: cp.pageSize,
          total: cp.total,
          concurrency: deps.concurrency ?? 1,
        },
      );

      /**
       * Reports one written page: up to `reportConcurrency` batches at once (a status report
       * is a round trip of its own, and one after another they would leave the app waiting
       * on the network). Every acknowledged batch is journalled with the set of the page's
       * batches reported so far (awaited, so a crash never loses an acknowledged batch's
       * record), and a resumed run sends exactly the batches that are not in that set.
       */
      const reportPage = async (
        updates: ItemStatusUpdate[],
        alreadyDone: readonly number[],
        end: { after?: string; items: number; csvBytes: number },
      ) => {
        const parts = batches(updates);
        const done = new Set(alreadyDone.filter((b) => b < parts.length));
        const todo = parts.map((_, b) => b).filter((b) => !done.has(b));
        await inPool(todo, deps.reportConcurrency ?? REPORT_CONCURRENCY, async (b) => {
          const batch = parts[b] as ItemStatusUpdate[];
          const outcome = await withJobState(http, cp.jobId, signal, () => reportBatch(http, cp.jobId, batch, signal));
          // Pleo counts an update as activity: the one-hour expiry starts again now.
          expiresAt = now() + JOB_EXPIRY_MS;
          const refused = new Set(outcome.errors.map((e) => e.accountingEntryId));
          const failureTypes = { ...cp.failureTypes };
          let failed = 0;
          for (const u of batch) {
            if (u.status === 'failed' && !refused.has(u.accountingEntryId)) {
              failed++;
              const t = u.failureReasonType ?? 'validation_failure';
              failureTypes[t] = (failureTypes[t] ?? 0) + 1;
            }
          }
          for (const e of outcome.errors) failureTypes[`refused: ${e.type}`] = (failureTypes[`refused: ${e.type}`] ?? 0) + 1;
          done.add(b);
          // Whichever batch is acknowledged last completes the page (acknowledgements can
          // arrive in any order); the resume point then moves past the page.
          const pageDone = done.size === parts.length;
          cp = {
            ...cp,
            reported: cp.reported + batch.length,
            failed: cp.failed + failed,
            reportErrors: cp.reportErrors + outcome.errors.length,
            failureTypes,
            ...(pageDone
              ? {
                  after: end.after ?? cp.after,
                  reportedAtPage: cp.reportedAtPage + end.items,
                  csvBytesAtPage: end.csvBytes,
                  batchesDoneInPage: 0,
                  doneBatches: [],
                }
              : { batchesDoneInPage: done.size, doneBatches: [...done].sort((x, y) => x - y) }),
          };
          await checkpoints.progress(cp);
          progress.reported = cp.reported;
          progress.failed = cp.failed;
          progress.reportErrors = cp.reportErrors;
          emit('report');
          await hooks.afterBatch?.(cp);
        });
        if (parts.length === 0) {
          cp = { ...cp, after: end.after ?? cp.after, csvBytesAtPage: end.csvBytes, batchesDoneInPage: 0, doneBatches: [] };
          await checkpoints.progress(cp);
        }
      };

      // Three stages overlap: page N+1 (with offsets, up to `concurrency` pages) downloads while
      // page N is written to the CSV file and page N-1's statuses are still being reported.
      // Pages are reported in order (page N's first batch goes only after all of page N-1's
      // are acknowledged and journalled), so the resume point is always "page p, with these
      // of its batches reported". At most three pages are held.
      let rowsBefore = cp.reportedAtPage;
      // Checkpoints of earlier versions name only a count: the first batches, sent in order.
      let skipBatches: readonly number[] = cp.doneBatches ?? Array.from({ length: cp.batchesDoneInPage }, (_, b) => b);
      let reporting: Promise<void> = Promise.resolve();
      try {
        for (;;) {
          emit('fetch');
          const page = await nextPage();
          if (typeof page.total === 'number' && page.total !== cp.total) {
            cp = { ...cp, total: page.total };
            progress.total = page.total;
          }
          progress.fetched = rowsBefore + page.items.length;
          emit('write');
          const csvBytes = await target.writePage(page.items);
          progress.written = rowsBefore + page.items.length;
          const updates = statusUpdates(page.items, rowsBefore, cp, failRows, now());
          await reporting;
          reporting = reportPage(updates, skipBatches, {
            ...(page.endCursor ? { after: page.endCursor } : {}),
            items: page.items.length,
            csvBytes,
          });
          reporting.catch(() => undefined);
          skipBatches = [];
          rowsBefore += page.items.length;
          if (!page.hasNextPage) break;
          if (signal.aborted) throw failure('REQUEST_CANCELLED', 'The export was stopped.');
        }
        await reporting;
      } finally {
        // Whatever stopped the run, the batch in flight settles (and is journalled) first.
        await reporting.catch(() => undefined);
      }
      cp = { ...cp, allReported: true };
      checkpoints.save(cp);
    }
  } finally {
    await target.close();
  }
  // An .xlsx target writes the workbook from its staging file now, before the job is completed (export-target.ts).
  await target.finish(signal);

  // Every item is reported: the right final event.
  emit('complete');
  const unsuccessful = cp.failed + cp.reportErrors;
  const event: FinalEvent =
    unsuccessful === 0 ? 'completed' : unsuccessful >= cp.reported && cp.reported > 0 ? 'failed' : 'completed_with_errors';
  const extra =
    event === 'completed'
      ? {}
      : {
          failureReason: `${unsuccessful} of ${cp.reported} items could not be exported to the ${FORMAT_LABELS[formatOf(cp.targetPath)]} target.`,
          failureReasonType: 'validation_failure',
        };
  const job = await withJobState(http, cp.jobId, signal, () => sendEvent(http, cp.jobId, event, extra, signal));
  const finishedAt = now();
  const summary: ExportRunSummary = {
    jobId: cp.jobId,
    outcome: event,
    items: cp.reported,
    successful: cp.reported - unsuccessful,
    failed: cp.failed,
    reportErrors: cp.reportErrors,
    startedAt: cp.startedAt,
    finishedAt,
    durationMs: Math.max(0, finishedAt - cp.startedAt),
    failureTypes: cp.failureTypes,
    resumed: cp.resumed,
    retries: start.retries + (http.stats.retries - retriesBefore),
  };
  checkpoints.clear(cp.environmentId);
  return { summary, job };
}

/** The status of each item of a page: failed when the user chose its row, else successful. */
function statusUpdates(
  items: ReadonlyArray<Record<string, unknown>>,
  rowsBefore: number,
  cp: Checkpoint,
  failRows: ReadonlySet<number>,
  at: number,
): ItemStatusUpdate[] {
  const exportedAt = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return items.map((item, k) => {
    const row = rowsBefore + k + 1;
    const accountingEntryId = item.accountingEntryId as string;
    if (failRows.has(row)) {
      return {
        accountingEntryId,
        status: 'failed',
        failureReasonType: cp.failureReasonType ?? 'validation_failure',
        failureReason: cp.failureReason || 'Marked as failed in Pleo Partner Desktop',
      };
    }
    return { accountingEntryId, status: 'successful', exportedAt, externalId: `csv-row-${row}` };
  });
}

/**
 * Runs an Export API call; when Pleo says the job can no longer be processed (422), reads the
 * job to explain why: it expired, the customer cancelled it, or it finished elsewhere.
 */
export async function withJobState<T>(http: ExportHttp, jobId: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    const code = error.appError.code;
    if (code !== 'EXPORT_JOB_STATUS_UNPROCESSABLE' && code !== 'INVALID_EXPORT_JOB_STATUS_CHANGE') throw error;
    // When even the job cannot be read, the refusal itself is the best explanation.
    const job = await readJobAfterRefusal(http, jobId, signal).catch((readError: unknown) => {
      if (readError instanceof AppFailure && readError.appError.code === 'EXPORT_JOB_EXPIRED') throw readError;
      return undefined;
    });
    if (job?.status === 'failed' && job.failureReasonType === 'canceled_by_user') {
      throw refusalExplained(
        'EXPORT_JOB_STATUS_UNPROCESSABLE',
        'The customer cancelled this export in Pleo, so Pleo no longer accepts items or statuses for it.',
        'Nothing more to do for this job. Find the next one.',
        error,
      );
    }
    throw error;
  }
}
