import type { EntryUniverse } from '../data/accounting-entries.js';
import { unitFloat, uuidFor } from '../data/rng.js';
import { isoSeconds, type Dataset } from '../data/seed.js';
import { ITEM_FAILURE_TYPES, JOB_FAILURE_TYPES } from '../../shared/export-failure-types.js';

export { ITEM_FAILURE_TYPES, JOB_FAILURE_TYPES };

/**
 * Export API v3 jobs and job items, with Pleo's documented lifecycle rules:
 * - one running (pending or in_progress) job per company; another create is a 409;
 * - a job expires one hour after its last update (the simulator's injectable clock decides
 *   "now"); an expired job fails with `job_expired` and its unfinished items are `abandoned`;
 * - events move pending -> in_progress -> completed | completed_with_errors | failed; anything
 *   else is a 422;
 * - item updates are accepted only while the job runs, at most 100 per request.
 *
 * A job's items are described by an index list or an index range into the entry universe, and
 * only items that were updated are stored, so a job over 500,000 entries stays small.
 */

export const JOB_EXPIRY_MS = 60 * 60 * 1000;
export const MAX_ITEM_UPDATES = 100;

export type JobStatus = 'pending' | 'in_progress' | 'failed' | 'completed' | 'completed_with_errors';
export type ItemStatus = 'pending' | 'in_progress' | 'failed' | 'successful' | 'abandoned';
export type JobEvent = 'started' | 'failed' | 'completed' | 'completed_with_errors';

export interface ItemState {
  status: ItemStatus;
  exportedAt: string | null;
  externalId: string | null;
  externalUrl: string | null;
  failureReason: string | null;
  failureReasonType: string | null;
}

/** Which entries a job covers: a contiguous range (seeded jobs) or an explicit list (API-created). */
export type EntrySet = { kind: 'range'; from: number; count: number } | { kind: 'list'; indices: number[] };

interface JobRecord {
  id: string;
  companyId: string;
  status: JobStatus;
  isInteractive: boolean;
  vendorBasedBookkeeping: boolean;
  createdAtMs: number;
  createdBy: string | null;
  startedAtMs: number | null;
  completedAtMs: number | null;
  expiredAtMs: number | null;
  lastUpdatedAtMs: number;
  failureReason: string | null;
  failureReasonType: string | null;
  entries: EntrySet;
  /** Positions (index into `entries`) by entry index, built lazily for list jobs. */
  positions?: Map<number, number>;
  /** Seeded finished jobs compute their item outcome instead of storing it. */
  seededOutcome?: 'successful' | 'mixed';
  overrides: Map<number, ItemState>;
}

/** The ExportJobV3 JSON shape. */
export interface ExportJobV3 {
  id: string;
  companyId: string;
  status: JobStatus;
  isInteractive: boolean;
  numberOfItems: number;
  expiresIn: number;
  vendorBasedBookkeeping: boolean;
  createdAt: string;
  createdBy: string | null;
  startedAt: string | null;
  completedAt: string | null;
  expiredAt: string | null;
  lastUpdatedAt: string | null;
  failureReason: string | null;
  failureReasonType: string | null;
}

export interface ExportJobItemV3 extends ItemState {
  accountingEntryId: string;
  exportJobId: string;
}

export class ExportRuleError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : isoSeconds(ms);
}

const RUNNING: ReadonlySet<JobStatus> = new Set(['pending', 'in_progress']);
const FINAL_ITEM: ReadonlySet<ItemStatus> = new Set(['successful', 'failed', 'abandoned']);

export class ExportStore {
  private readonly jobs: JobRecord[] = [];
  private created = 0;

  constructor(
    private readonly data: Dataset,
    private readonly universe: EntryUniverse,
    private readonly now: () => number,
  ) {
    this.seedJobs();
  }

  /**
   * Seeded history per company, so every status can be seen without creating anything:
   * company 1 has completed, completed_with_errors, failed and one pending job covering the rest
   * of its entries; company 2 has one completed job and no running job, so creating a job there
   * works straight away.
   */
  private seedJobs(): void {
    const start = this.now();
    const [first, second] = this.universe.ranges;
    const hour = 3_600_000;
    const day = 24 * hour;
    if (first) {
      const n = first.count;
      const a = Math.min(100, Math.floor(n / 10));
      const b = Math.min(50, Math.floor(n / 20));
      const c = Math.min(50, Math.floor(n / 20));
      this.addSeeded(first.companyId, 'completed', { kind: 'range', from: first.from, count: a }, start - 30 * day, 'successful');
      this.addSeeded(
        first.companyId,
        'completed_with_errors',
        { kind: 'range', from: first.from + a, count: b },
        start - 20 * day,
        'mixed',
      );
      this.addSeeded(first.companyId, 'failed', { kind: 'range', from: first.from + a + b, count: c }, start - 10 * day);
      this.addSeeded(first.companyId, 'pending', { kind: 'range', from: first.from + a + b + c, count: n - a - b - c }, start);
    }
    if (second) {
      const a = Math.min(40, Math.floor(second.count / 10));
      this.addSeeded(second.companyId, 'completed', { kind: 'range', from: second.from, count: a }, start - 7 * day, 'successful');
    }
  }

  private addSeeded(companyId: string, status: JobStatus, entries: EntrySet, createdAtMs: number, outcome?: 'successful' | 'mixed'): void {
    const index = this.jobs.length;
    const creator = this.data.users[0];
    const finished = !RUNNING.has(status);
    const job: JobRecord = {
      id: uuidFor(this.data.seed, 'export-job', index),
      companyId,
      status,
      isInteractive: true,
      vendorBasedBookkeeping: index % 2 === 1,
      createdAtMs,
      createdBy: creator ? creator.employeeId : null,
      startedAtMs: finished ? createdAtMs + 60_000 : null,
      completedAtMs: finished ? createdAtMs + 15 * 60_000 : null,
      expiredAtMs: null,
      lastUpdatedAtMs: finished ? createdAtMs + 15 * 60_000 : createdAtMs,
      failureReason: status === 'failed' ? 'The accounting system did not answer' : null,
      failureReasonType:
        status === 'failed' ? 'accounting_system_unreachable' : status === 'completed_with_errors' ? 'validation_failure' : null,
      entries,
      overrides: new Map(),
    };
    if (outcome) job.seededOutcome = outcome;
    this.jobs.push(job);
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Jobs of the given companies, oldest first (the order Pleo tells integrations to process). */
  list(companyIds: ReadonlySet<string>, statuses?: ReadonlySet<string>): ExportJobV3[] {
    return this.jobs
      .filter((job) => companyIds.has(job.companyId))
      .sort((a, b) => a.createdAtMs - b.createdAtMs)
      .map((job) => this.view(job))
      .filter((job) => !statuses || statuses.size === 0 || statuses.has(job.status));
  }

  get(jobId: string, companyIds: ReadonlySet<string>): ExportJobV3 {
    return this.view(this.find(jobId, companyIds));
  }

  vendorBasedBookkeeping(jobId: string, companyIds: ReadonlySet<string>): boolean {
    return this.find(jobId, companyIds).vendorBasedBookkeeping;
  }

  /** Number of items of a job and the entry index of item k (for paging export items). */
  entriesOf(jobId: string, companyIds: ReadonlySet<string>): { count: number; indexAt: (k: number) => number } {
    const job = this.find(jobId, companyIds);
    return { count: sizeOf(job.entries), indexAt: (k) => entryAt(job.entries, k) };
  }

  /** Export items may be read only from running jobs (422 otherwise). */
  assertItemsReadable(jobId: string, companyIds: ReadonlySet<string>): void {
    const job = this.find(jobId, companyIds);
    if (!RUNNING.has(job.status)) {
      throw new ExportRuleError(422, 'EXPORT_JOB_STATUS_UNPROCESSABLE', 'Export Job is finished and can no longer be processed.');
    }
  }

  /**
   * Job items, optionally filtered by status. Items nobody updated share one status (except in
   * the small seeded `mixed` job), so a filter costs O(updated items), not O(job size): the
   * seeded pending job of a million-entry simulator holds ~500,000 items.
   */
  /**
   * The job item of one accounting entry (`GET /v3/export-job-items`): from the newest job of the
   * token's companies that covers the entry. 404 EXPORT_ENTRY_NOT_FOUND when no job covers it.
   */
  itemOfEntry(accountingEntryId: string, companyIds: ReadonlySet<string>): ExportJobItemV3 {
    const index = this.universe.indexOf(accountingEntryId);
    if (index !== undefined) {
      const newestFirst = this.jobs.filter((job) => companyIds.has(job.companyId)).sort((a, b) => b.createdAtMs - a.createdAtMs);
      for (const job of newestFirst) {
        const position = positionOf(job, index);
        if (position === undefined) continue;
        this.refresh(job);
        return this.itemView(job, index, position);
      }
    }
    throw new ExportRuleError(404, 'EXPORT_ENTRY_NOT_FOUND', 'Export Job Item not found');
  }

  items(jobId: string, companyIds: ReadonlySet<string>, status?: string): { count: number; at: (k: number) => ExportJobItemV3 } {
    const job = this.find(jobId, companyIds);
    const size = sizeOf(job.entries);
    const itemAt = (k: number): ExportJobItemV3 => this.itemView(job, entryAt(job.entries, k), k);
    if (!status) return { count: size, at: itemAt };
    const untouched = untouchedStatus(job);
    if (untouched === undefined) {
      const matches: number[] = [];
      for (let k = 0; k < size; k += 1) {
        if (this.itemState(job, entryAt(job.entries, k), k).status === status) matches.push(k);
      }
      return { count: matches.length, at: (k) => itemAt(matches[k] as number) };
    }
    // Only updated items can differ from the untouched status.
    const updated: Array<{ position: number; status: ItemStatus }> = [];
    for (const entryIndex of job.overrides.keys()) {
      const position = positionOf(job, entryIndex) as number;
      updated.push({ position, status: this.itemState(job, entryIndex, position).status });
    }
    if (status !== untouched) {
      const matches = updated
        .filter((u) => u.status === status)
        .map((u) => u.position)
        .sort((a, b) => a - b);
      return { count: matches.length, at: (k) => itemAt(matches[k] as number) };
    }
    const differing = updated
      .filter((u) => u.status !== untouched)
      .map((u) => u.position)
      .sort((a, b) => a - b);
    // The k-th item with the untouched status: k plus the differing positions at or before it.
    return {
      count: size - differing.length,
      at: (k) => {
        let position = k;
        for (const skipped of differing) {
          if (skipped > position) break;
          position += 1;
        }
        return itemAt(position);
      },
    };
  }

  // ---- writes ------------------------------------------------------------------------------

  create(input: {
    companyId: string;
    accountingEntryIds: string[];
    employeeId?: string | null;
    isInteractive?: boolean | null;
    vendorBasedBookkeeping?: boolean | null;
  }): ExportJobV3 {
    const running = this.jobs.find((job) => {
      if (job.companyId !== input.companyId) return false;
      this.refresh(job);
      return RUNNING.has(job.status);
    });
    if (running) {
      throw new ExportRuleError(409, 'EXPORT_ALREADY_IN_PROGRESS', 'Export Job already in progress for this company.');
    }
    const indices: number[] = [];
    const seen = new Set<number>();
    for (const id of input.accountingEntryIds) {
      const index = this.universe.indexOf(id);
      if (index === undefined || this.universe.companyIdOf(index) !== input.companyId) {
        throw new ExportRuleError(400, 'VALIDATION_FAILED', `Accounting entry ${id} does not exist in company ${input.companyId}.`);
      }
      if (!seen.has(index)) {
        seen.add(index);
        indices.push(index);
      }
    }
    const now = this.now();
    this.created += 1;
    const job: JobRecord = {
      id: uuidFor(this.data.seed, 'created-export-job', this.created),
      companyId: input.companyId,
      status: 'pending',
      isInteractive: input.isInteractive ?? true,
      vendorBasedBookkeeping: input.vendorBasedBookkeeping ?? false,
      createdAtMs: now,
      createdBy: input.employeeId ?? null,
      startedAtMs: null,
      completedAtMs: null,
      expiredAtMs: null,
      lastUpdatedAtMs: now,
      failureReason: null,
      failureReasonType: null,
      entries: { kind: 'list', indices },
      overrides: new Map(),
    };
    this.jobs.push(job);
    return this.view(job);
  }

  applyEvent(
    input: { jobId: string; event: JobEvent; failureReason?: string | null; failureReasonType?: string | null },
    companyIds: ReadonlySet<string>,
  ): ExportJobV3 {
    const job = this.find(input.jobId, companyIds);
    const now = this.now();
    const allowed: Record<JobEvent, JobStatus[]> = {
      started: ['pending'],
      failed: ['pending', 'in_progress'],
      completed: ['in_progress'],
      completed_with_errors: ['in_progress'],
    };
    if (!allowed[input.event].includes(job.status)) {
      throw new ExportRuleError(
        422,
        'INVALID_EXPORT_JOB_STATUS_CHANGE',
        `Export Job status change failed: cannot apply '${input.event}' to a ${job.status} job.`,
      );
    }
    switch (input.event) {
      case 'started':
        job.status = 'in_progress';
        job.startedAtMs = now;
        break;
      case 'failed':
      case 'completed':
      case 'completed_with_errors':
        job.status = input.event;
        job.completedAtMs = now;
        job.failureReason = input.failureReason ?? null;
        job.failureReasonType = input.failureReasonType ?? null;
        break;
    }
    job.lastUpdatedAtMs = now;
    return this.view(job);
  }

  updateItems(
    jobId: string,
    updates: Array<{
      accountingEntryId: string;
      status: string;
      exportedAt?: string | null;
      externalId?: string | null;
      externalUrl?: string | null;
      failureReason?: string | null;
      failureReasonType?: string | null;
    }>,
    companyIds: ReadonlySet<string>,
  ): { data: ExportJobItemV3[]; errors: Array<{ accountingEntryId: string; type: string; message: string }> } {
    if (updates.length > MAX_ITEM_UPDATES) {
      throw new ExportRuleError(413, 'EXPORT_JOB_ITEMS_UPDATE_LIMIT', 'Number of items to update is more than 100.');
    }
    const job = this.find(jobId, companyIds);
    if (!RUNNING.has(job.status)) {
      throw new ExportRuleError(422, 'EXPORT_JOB_STATUS_UNPROCESSABLE', 'Export job is finished.');
    }
    const data: ExportJobItemV3[] = [];
    const errors: Array<{ accountingEntryId: string; type: string; message: string }> = [];
    for (const update of updates) {
      const index = this.universe.indexOf(update.accountingEntryId);
      const position = index === undefined ? undefined : positionOf(job, index);
      if (index === undefined || position === undefined) {
        errors.push({
          accountingEntryId: update.accountingEntryId,
          type: 'ACCOUNTING_ENTRY_DOES_NOT_EXIST',
          message: 'The accounting entry is not part of this export job.',
        });
        continue;
      }
      if (!['in_progress', 'successful', 'failed'].includes(update.status)) {
        errors.push({
          accountingEntryId: update.accountingEntryId,
          type: 'EXPORT_ENTRY_STATUS_UPDATE_FAILED',
          message: `Status '${update.status}' cannot be set by an integration.`,
        });
        continue;
      }
      job.overrides.set(index, {
        status: update.status as ItemStatus,
        exportedAt: update.exportedAt ?? (update.status === 'successful' ? iso(this.now()) : null),
        externalId: update.externalId ?? null,
        externalUrl: update.externalUrl ?? null,
        failureReason: update.failureReason ?? null,
        failureReasonType: update.failureReasonType ?? null,
      });
      data.push(this.itemView(job, index, position));
    }
    job.lastUpdatedAtMs = this.now();
    return { data, errors };
  }

  /**
   * What a customer does in the Pleo web app: optionally cancel the company's waiting or running
   * export (failure type `canceled_by_user`), then export the latest `items` entries of the
   * company. Used by the app's "queue an export as the customer would" action (in process, no
   * HTTP route). Throws ExportRuleError 409 when a job is still running and not cancelled.
   */
  queueAsCustomer(input: { companyId: string; items: number; cancelWaiting?: boolean; employeeId?: string | null }): {
    job: ExportJobV3;
    cancelledJobIds: string[];
  } {
    const range = this.universe.rangeOf(input.companyId);
    if (!range) throw new ExportRuleError(404, 'COMPANY_NOT_FOUND', 'The simulator has no such company.');
    if (!Number.isInteger(input.items) || input.items < 1 || input.items > range.count) {
      throw new ExportRuleError(
        400,
        'VALIDATION_FAILED',
        `The company has ${range.count} accounting entries; choose between 1 and ${range.count}.`,
      );
    }
    const cancelledJobIds: string[] = [];
    if (input.cancelWaiting) {
      for (const job of this.jobs) {
        if (job.companyId !== input.companyId) continue;
        this.refresh(job);
        if (!RUNNING.has(job.status)) continue;
        const now = this.now();
        job.status = 'failed';
        job.completedAtMs = now;
        job.lastUpdatedAtMs = now;
        job.failureReasonType = 'canceled_by_user';
        job.failureReason = 'Cancelled in Pleo by the customer.';
        cancelledJobIds.push(job.id);
      }
    }
    const from = range.from + range.count - input.items;
    const ids = Array.from({ length: input.items }, (_, k) => this.universe.idOf(from + k));
    const job = this.create({
      companyId: input.companyId,
      accountingEntryIds: ids,
      employeeId: input.employeeId ?? null,
      isInteractive: true,
    });
    return { job, cancelledJobIds };
  }

  // ---- internals ---------------------------------------------------------------------------

  private find(jobId: string, companyIds: ReadonlySet<string>): JobRecord {
    const job = this.jobs.find((candidate) => candidate.id === jobId.toLowerCase());
    // A job of a company the token cannot see is reported as missing, not forbidden, so job ids
    // of other customers cannot be probed.
    if (!job || !companyIds.has(job.companyId)) {
      throw new ExportRuleError(404, 'EXPORT_NOT_FOUND', 'Export job not found.');
    }
    this.refresh(job);
    return job;
  }

  /** Applies the one-hour expiry lazily, whenever a job is looked at. */
  private refresh(job: JobRecord): void {
    if (!RUNNING.has(job.status)) return;
    const deadline = job.lastUpdatedAtMs + JOB_EXPIRY_MS;
    if (this.now() >= deadline) {
      job.status = 'failed';
      job.expiredAtMs = deadline;
      job.failureReasonType = 'job_expired';
      job.failureReason = 'Job not updated within expiry time limit.';
    }
  }

  private view(job: JobRecord): ExportJobV3 {
    this.refresh(job);
    const running = RUNNING.has(job.status);
    return {
      id: job.id,
      companyId: job.companyId,
      status: job.status,
      isInteractive: job.isInteractive,
      numberOfItems: sizeOf(job.entries),
      expiresIn: running ? Math.max(0, Math.ceil((job.lastUpdatedAtMs + JOB_EXPIRY_MS - this.now()) / 1000)) : 0,
      vendorBasedBookkeeping: job.vendorBasedBookkeeping,
      createdAt: iso(job.createdAtMs) as string,
      createdBy: job.createdBy,
      startedAt: iso(job.startedAtMs),
      completedAt: iso(job.completedAtMs),
      expiredAt: iso(job.expiredAtMs),
      lastUpdatedAt: iso(job.lastUpdatedAtMs),
      failureReason: job.failureReason,
      failureReasonType: job.failureReasonType,
    };
  }

  private itemState(job: JobRecord, entryIndex: number, position: number): ItemState {
    const stored = job.overrides.get(entryIndex);
    let state: ItemState;
    if (stored) {
      state = stored;
    } else if (job.seededOutcome) {
      const failed = job.seededOutcome === 'mixed' && unitFloat(this.data.seed, 'seeded-item-failure', entryIndex) < 0.2;
      const exportedAt = iso((job.completedAtMs ?? job.createdAtMs) - 60_000 + position);
      state = failed
        ? {
            status: 'failed',
            exportedAt: null,
            externalId: null,
            externalUrl: null,
            failureReason: 'Account 6990 is blocked for posting',
            failureReasonType: 'account_unknown',
          }
        : {
            status: 'successful',
            exportedAt,
            externalId: `ERP-${100_000 + entryIndex}`,
            externalUrl: `https://erp.example/vouchers/${100_000 + entryIndex}`,
            failureReason: null,
            failureReasonType: null,
          };
    } else {
      state = { status: 'pending', exportedAt: null, externalId: null, externalUrl: null, failureReason: null, failureReasonType: null };
    }
    // Items still open when a job failed or expired can no longer be exported.
    if (job.status === 'failed' && !FINAL_ITEM.has(state.status)) {
      return { ...state, status: 'abandoned' };
    }
    return state;
  }

  private itemView(job: JobRecord, entryIndex: number, position: number): ExportJobItemV3 {
    return { accountingEntryId: this.universe.idOf(entryIndex), exportJobId: job.id, ...this.itemState(job, entryIndex, position) };
  }
}

/** The status of every item nobody updated, or undefined where seeded outcomes vary per item. */
function untouchedStatus(job: JobRecord): ItemStatus | undefined {
  if (job.seededOutcome === 'mixed') return undefined;
  const status: ItemStatus = job.seededOutcome === 'successful' ? 'successful' : 'pending';
  // Same rule as itemState: open items of a failed (or expired) job are abandoned.
  return job.status === 'failed' && !FINAL_ITEM.has(status) ? 'abandoned' : status;
}

function sizeOf(entries: EntrySet): number {
  return entries.kind === 'range' ? entries.count : entries.indices.length;
}

function entryAt(entries: EntrySet, k: number): number {
  return entries.kind === 'range' ? entries.from + k : (entries.indices[k] as number);
}

function positionOf(job: JobRecord, entryIndex: number): number | undefined {
  const { entries } = job;
  if (entries.kind === 'range') {
    const k = entryIndex - entries.from;
    return k >= 0 && k < entries.count ? k : undefined;
  }
  if (!job.positions) {
    job.positions = new Map(entries.indices.map((index, k) => [index, k]));
  }
  return job.positions.get(entryIndex);
}
