/**
 * Channels of the "Export expenses" checklist (issue 14): Pleo's Export API v3 lifecycle run
 * by main (find the oldest waiting job, claim it, validate the target, fetch every export item,
 * write them to a CSV file or an Excel workbook, report item statuses, complete the job).
 * Merged in ./index.ts.
 *
 * The renderer only ever sees job facts, counts, file paths it chose and explained errors; the
 * access token stays in main. Progress arrives as `export.changed` events (throttled).
 */
import { z } from 'zod';
import { event, request } from './define.js';
import { environmentRequest, withEnvironment } from './environment-id.js';
import type { AppError } from '../result.js';
import type { EnvironmentKind } from '../environments.js';
import type { StepStatus } from '../onboarding.js';
import { ITEM_FAILURE_TYPES } from '../export-failure-types.js';

/** Item failure types an integration may report (Export API v3 `ExportJobItemFailureReasonType`). */
export { ITEM_FAILURE_TYPES };
export type ItemFailureType = (typeof ITEM_FAILURE_TYPES)[number];

/** The seven steps of the export checklist, in order. */
export const EXPORT_STEP_IDS = [
  'find-job',
  'claim-job',
  'validate-target',
  'fetch-items',
  'record-items',
  'report-statuses',
  'complete-job',
] as const;
export type ExportStepId = (typeof EXPORT_STEP_IDS)[number];

/** The same four states as an onboarding step. */
export type ExportStepStatus = StepStatus;

export interface ExportStepEvidence {
  at: number;
  outcome: 'passed' | 'failed' | 'info';
  /** Our own sentence: what was checked and what came back. Never a token or server secret. */
  result: string;
}

export interface ExportStepView {
  id: ExportStepId;
  number: number;
  title: string;
  /** What this step proves, in plain language. */
  explanation: string;
  status: ExportStepStatus;
  evidence: ExportStepEvidence[];
}

/** A job as the checklist shows it (Export API v3 `ExportJobV3`, reduced). */
export interface ExportJobSummary {
  id: string;
  companyId: string;
  status: 'pending' | 'in_progress' | 'failed' | 'completed' | 'completed_with_errors';
  numberOfItems: number;
  createdAt: string;
  startedAt?: string | null;
  completedAt?: string | null;
  failureReasonType?: string | null;
  /** When the job expires (ms since epoch, local clock) if nothing updates it; absent once finished. */
  expiresAt?: number;
}

/** What the export writes, by the chosen file's extension: a CSV file or an Excel workbook (.xlsx). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Each format's name, for the save dialog, evidence, the job's failure reason and the screen. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV file', xlsx: 'Excel workbook' };

export interface ExportColumn {
  id: string;
  header: string;
  /** Where the value comes from in the export item, e.g. `amount.inWalletCurrency`. */
  source: string;
}

export interface ExportPreview {
  columns: ExportColumn[];
  /** First rows exactly as they will be written (already CSV-escaped cells, unquoted here). */
  rows: string[][];
}

export interface ExportProgress {
  total: number;
  fetched: number;
  written: number;
  reported: number;
  failed: number;
  /** Items Pleo refused in `PUT …/items` (`errors`). */
  reportErrors: number;
  /** Waiting because Pleo asked us to slow down (429), until this time. */
  backoffUntil?: number;
}

export type ExportRunState = 'idle' | 'running' | 'paused' | 'completed' | 'completed_with_errors' | 'failed' | 'given_up';

export interface ExportRunSummary {
  jobId: string;
  outcome: 'completed' | 'completed_with_errors' | 'failed';
  items: number;
  successful: number;
  failed: number;
  reportErrors: number;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** Failure reason types and how often each was reported. */
  failureTypes: Record<string, number>;
  resumed: number;
  retries: number;
  /** What was written (absent in runs saved before .xlsx existed: those wrote CSV). */
  format?: ExportFormat;
}

export interface ExportView {
  environmentId: string;
  environmentKind: EnvironmentKind;
  signedIn: boolean;
  steps: ExportStepView[];
  done: number;
  total: number;
  job?: ExportJobSummary;
  state: ExportRunState;
  progress: ExportProgress;
  /** The file chosen for this job. */
  targetPath?: string;
  /** Its format, by its extension (present with targetPath). */
  targetFormat?: ExportFormat;
  preview?: ExportPreview;
  /** A run stopped by a crash, quit or cancel that can go on from its last reported page. */
  resumable?: { jobId: string; reported: number; total: number };
  lastError?: AppError;
  lastRun?: ExportRunSummary;
  /**
   * The job the user just gave up (failed in Pleo as canceled_by_user): how far it got and the
   * CSV file left with the rows written so far (absent for an Excel workbook: it was never written).
   */
  gaveUp?: { jobId: string; reported: number; total: number; partialFile?: string };
  /** True where the simulator can queue a job "as the customer would". */
  canQueueOnSimulator: boolean;
}

export interface QueueResult {
  view: ExportView;
  queued: { jobId: string; items: number; cancelledJobIds: string[] };
}

const failRows = z.array(z.number().int().min(1).max(10_000_000)).max(1000);

export const exportChannels = {
  'export.get': environmentRequest<ExportView>('The export checklist of an environment: steps, evidence, the current job and progress.'),
  'export.queueOnSimulator': request<QueueResult>()(
    withEnvironment({
      items: z.number().int().min(1).max(200_000),
      cancelWaiting: z.boolean().optional(),
    }),
    'Built-in simulator only: queue an export job as the customer would in Pleo (the latest N entries of the signed-in company).',
  ),
  'export.findJob': environmentRequest<ExportView>(
    'Find the oldest waiting export job (never two in parallel) and preview its first items as CSV rows.',
  ),
  'export.chooseTarget': request<ExportView>()(
    withEnvironment({ format: z.enum(EXPORT_FORMATS).optional() }),
    'Ask the user where to save the export (save dialog in main): the suggested name and the first file type follow `format` (default CSV); a name typed without an extension gets it. The written format follows the chosen name.',
  ),
  'export.start': request<ExportView>()(
    withEnvironment({
      failRows: failRows.default([]),
      failureReasonType: z.enum(ITEM_FAILURE_TYPES).optional(),
      failureReason: z.string().trim().max(500).optional(),
    }),
    'Claim the job and run the export in the background; progress arrives as export.changed events.',
  ),
  'export.cancel': environmentRequest<ExportView>(
    'Stop the running export after the current request; it can be resumed from the last reported page.',
  ),
  'export.resume': environmentRequest<ExportView>(
    'Go on with a stopped export from its last reported page (no item reported twice, none lost).',
  ),
  'export.abandon': environmentRequest<ExportView>(
    'Give the job up: tell Pleo it failed (canceled_by_user) and forget the saved progress.',
  ),
} as const;

export const exportEvents = {
  'export.changed': event<ExportView>('The export checklist changed (progress, step status, error).'),
} as const;
