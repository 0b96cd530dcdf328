/**
 * The "Export expenses" feature (issue 14): the guided Export API v3 workflow after staging
 * access. Handlers find the oldest waiting job, let the user choose the file (CSV or Excel
 * workbook, by its extension: export-target.ts), claim the job
 * and run the export in the background (export-run.ts), stop and resume it from the saved
 * checkpoint, give a job up, and on the built-in simulator queue a job as the customer would.
 *
 * State per environment lives here (the running job, progress, the chosen file); what must
 * survive a restart lives in settings: the checkpoint, the step evidence and the last run.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CoreServices } from '../core-services.js';
import type { Feature } from '../feature/feature.js';
import type { AuthFeatureApi } from '../auth/auth-api.js';
import { requireEnvironment } from '../auth/require-environment.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import {
  FORMAT_LABELS,
  type ExportJobSummary,
  type ExportPreview,
  type ExportProgress,
  type ExportRunState,
  type ExportRunSummary,
  type ExportStepId,
  type ExportFormat,
  type ExportView,
  type QueueResult,
} from '../../shared/contract/export-channels.js';
import { AppFailure, failure, type AppError } from '../../shared/result.js';
import { createCheckpointStore, type Checkpoint } from './checkpoint.js';
import { sendEvent } from './claimer.js';
import { DEFAULT_PAGE_SIZE } from './export-constants.js';
import { explainExportAnswer } from './export-errors.js';
import { createExportHttp, timerSleep, type ExportHttp } from './export-http.js';
import { runExport, withJobState, type RunHooks } from './export-run.js';
import { createStepEvidenceStore } from './export-steps.js';
import { exportReportSection } from './export-report.js';
import { publicColumns, rowValues } from './csv-columns.js';
import { FILE_TYPES, formatOf, stagingPathOf, validateExportTarget } from './export-target.js';
import { giveUpQuestion } from './give-up-question.js';
import { fetchItemPage, type Paging } from './item-pager.js';
import { findOldestJob, readJob, summarizeJob } from './job-finder.js';

export interface ExportFeatureApi {
  view(environmentId?: string): Promise<ExportView>;
  /** The last finished run of an environment (for the readiness report). */
  lastRun(environmentId: string): ExportRunSummary | undefined;
  /** Resolves when the background run of the environment (if any) has settled. */
  idle(environmentId?: string): Promise<void>;
}

export interface ExportOptions {
  /** Test seams. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  pageSize?: number;
  afterBatch?: RunHooks['afterBatch'];
  /** Minimum ms between progress events (default 150). */
  progressIntervalMs?: number;
  /** Folder of the progress journal (default: the settings file's folder). */
  checkpointDir?: string;
  /**
   * How export items are paged (default cursor). Pleo's spec also offers `offset`, which lets
   * several pages download at once (`pageConcurrency`, default 4), but Pleo does not say that
   * a job's item order is stable between requests, so cursor paging stays the default.
   */
  paging?: Paging;
  pageConcurrency?: number;
  /** Status reports of one page in flight at once (default REPORT_CONCURRENCY, 4). */
  reportConcurrency?: number;
}

interface EnvState {
  job?: ExportJobSummary;
  targetPath?: string;
  preview?: ExportPreview;
  state: ExportRunState;
  progress: ExportProgress;
  lastError?: AppError;
  gaveUp?: ExportView['gaveUp'];
  controller?: AbortController;
  running?: Promise<void>;
}

const emptyProgress = (): ExportProgress => ({ total: 0, fetched: 0, written: 0, reported: 0, failed: 0, reportErrors: 0 });
const lastRunKey = (environmentId: string) => `export.lastRun.${environmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const short = (id: string) => `…${id.slice(-6)}`;
const n = (value: number) => value.toLocaleString('en');

export function createExportFeature(services: CoreServices, deps: { auth: AuthFeatureApi } & ExportOptions): Feature<ExportFeatureApi> {
  const { auth } = deps;
  const now = () => services.clock.now();
  const checkpoints = createCheckpointStore(services.settings, deps.checkpointDir);
  const evidence = createStepEvidenceStore(services.settings);
  const states = new Map<string, EnvState>();
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const progressInterval = deps.progressIntervalMs ?? 150;

  const envOf = (environmentId?: string): EnvironmentSummary => requireEnvironment(auth, environmentId);
  const stateOf = (environmentId: string): EnvState => {
    let st = states.get(environmentId);
    if (!st) states.set(environmentId, (st = { state: 'idle', progress: emptyProgress() }));
    return st;
  };
  const httpFor = (env: EnvironmentSummary, st?: EnvState): ExportHttp =>
    createExportHttp({
      auth,
      environmentId: env.id,
      appVersion: services.options.appVersion,
      now,
      sleep: deps.sleep ?? timerSleep,
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
      onBackoff: ({ ms, reason }) => {
        if (!st) return;
        if (reason === 'rate-limited') st.progress = { ...st.progress, backoffUntil: now() + ms };
        emit(env.id, true);
      },
    });
  const readLastRun = (environmentId: string): ExportRunSummary | undefined => {
    const raw = services.settings.get(lastRunKey(environmentId));
    return raw && typeof raw === 'object' ? (raw as ExportRunSummary) : undefined;
  };
  const record = (environmentId: string, step: ExportStepId, outcome: 'passed' | 'failed' | 'info', result: string) => {
    try {
      evidence.add(environmentId, step, { at: now(), outcome, result });
    } catch (error) {
      services.logger.warn('export: evidence not saved', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };

  async function view(environmentId?: string): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    const status = await auth.status(env.id).catch(() => undefined);
    const steps = evidence.steps(env.id);
    const cp = checkpoints.load(env.id);
    const lastRun = readLastRun(env.id);
    const targetPath = st.targetPath ?? cp?.targetPath;
    return {
      environmentId: env.id,
      environmentKind: env.kind,
      signedIn: status?.signedIn ?? false,
      steps,
      done: steps.filter((s) => s.status === 'done').length,
      total: steps.length,
      ...(st.job ? { job: st.job } : {}),
      state: st.state,
      progress: st.progress,
      ...(targetPath ? { targetPath, targetFormat: formatOf(targetPath) } : {}),
      ...(st.preview ? { preview: st.preview } : {}),
      ...(cp && st.state !== 'running' ? { resumable: { jobId: cp.jobId, reported: cp.reported, total: cp.total } } : {}),
      ...(st.lastError ? { lastError: st.lastError } : {}),
      ...(lastRun ? { lastRun } : {}),
      ...(st.gaveUp ? { gaveUp: st.gaveUp } : {}),
      canQueueOnSimulator: env.kind === 'simulator' && typeof services.ports.simulator?.queueExport === 'function',
    };
  }

  let lastEmit = 0;
  function emit(environmentId: string, force = false): void {
    const t = now();
    if (!force && t - lastEmit < progressInterval) return;
    lastEmit = t;
    view(environmentId).then(
      (v) => services.events.emit('export.changed', v),
      () => undefined,
    );
  }
  const changed = async (environmentId: string): Promise<ExportView> => {
    const v = await view(environmentId);
    services.events.emit('export.changed', v);
    return v;
  };

  /** Runs a step's work; on failure records failed evidence, keeps the error for the view, rethrows. */
  async function step<T>(env: EnvironmentSummary, id: ExportStepId, work: () => Promise<T>): Promise<T> {
    const st = stateOf(env.id);
    evidence.setRunning(env.id, id, true);
    try {
      const value = await work();
      delete st.lastError;
      return value;
    } catch (error) {
      const appError =
        error instanceof AppFailure ? error.appError : { code: 'INTERNAL' as const, message: 'Something went wrong in the app.' };
      st.lastError = appError;
      record(env.id, id, 'failed', appError.message);
      throw error;
    } finally {
      evidence.setRunning(env.id, id, false);
    }
  }

  async function requireSignedIn(env: EnvironmentSummary): Promise<void> {
    const status = await auth.status(env.id).catch(() => undefined);
    if (!status?.signedIn) {
      throw failure('NOT_SIGNED_IN', 'Sign in first: the export workflow calls the Export API with your access token.', {
        hint: 'Finish the staging checklist (Connect, then Sign in with Pleo).',
      });
    }
  }
  const assertNotRunning = (st: EnvState) => {
    if (st.state === 'running') throw failure('EXPORT_NOT_READY', 'An export is running. Stop it first, or wait until it finishes.');
  };

  async function findJob(environmentId?: string): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    assertNotRunning(st);
    await requireSignedIn(env);
    const http = httpFor(env);
    const cp = checkpoints.load(env.id);
    await step(env, 'find-job', async () => {
      const found = await findOldestJob(http, cp?.jobId);
      if (found.kind === 'none') {
        delete st.job;
        throw failure('EXPORT_NO_JOB', 'No export job is waiting. Jobs appear when the customer clicks Export in Pleo.', {
          hint:
            env.kind === 'simulator'
              ? 'Queue one below, as the customer would, then look again.'
              : 'Ask the customer to export expenses in Pleo, then look again.',
        });
      }
      const job = summarizeJob(found.job, now());
      if (found.kind === 'taken') {
        st.job = job;
        const minutes = job.expiresAt ? Math.max(0, Math.round((job.expiresAt - now()) / 60_000)) : undefined;
        throw failure(
          'EXPORT_JOB_TAKEN',
          `Job ${short(job.id)} is already being exported by another integration or another copy of this app. Pleo says never to run two jobs in parallel, so the app waits.`,
          {
            hint:
              minutes !== undefined
                ? `Look again when it has finished. If nobody updates it, Pleo fails it in about ${minutes} minutes.`
                : 'Look again when it has finished.',
          },
        );
      }
      if (found.kind === 'pending') {
        // A new job starts the rest of the checklist afresh.
        if (st.job?.id !== job.id) evidence.resetFrom(env.id, 'claim-job');
        st.progress = { ...emptyProgress(), total: job.numberOfItems };
        st.state = 'idle';
        delete st.gaveUp;
        const page = await fetchItemPage(http, job.id, {}, 5);
        st.preview = { columns: publicColumns(), rows: page.items.map(rowValues) };
      } else {
        st.state = 'paused';
      }
      st.job = job;
      record(
        env.id,
        'find-job',
        'passed',
        found.kind === 'ours'
          ? `Job ${short(job.id)} is in progress and was claimed by this app: resume it (${n(cp?.reported ?? 0)} of ${n(job.numberOfItems)} items reported).`
          : `Oldest waiting job ${short(job.id)}: ${n(job.numberOfItems)} items, created ${job.createdAt}; ${job.expiresAt ? `expires in ${Math.round((job.expiresAt - now()) / 60_000)} minutes if nobody updates it` : ''}.`,
      );
    }).catch((error: unknown) => {
      void changed(env.id);
      throw error;
    });
    return changed(env.id);
  }

  async function chooseTarget(environmentId?: string, format: ExportFormat = 'csv'): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    assertNotRunning(st);
    const chooser = services.ports.fileSaver.choosePath;
    if (!chooser) throw failure('EXPORT_TARGET_FAILED', 'This version of the app cannot ask where to save the export file.');
    const stamp = new Date(now()).toISOString().slice(0, 10);
    const picked = await chooser({
      suggestedName: `pleo-export-${st.job ? st.job.id.slice(0, 8) : 'job'}-${stamp}.${format}`,
      // The format written follows the chosen file's extension (export-target.ts); the format
      // the user picked on the screen comes first, so the dialog offers it.
      filters: [...FILE_TYPES].sort((a, b) => Number(b.extensions[0] === format) - Number(a.extensions[0] === format)),
    });
    if (!picked.path) return view(env.id);
    // Some save dialogs (Linux) do not add the file type's extension to a name typed without one.
    st.targetPath = path.resolve(path.extname(picked.path) === '' ? `${picked.path}.${format}` : picked.path);
    return changed(env.id);
  }

  function launch(env: EnvironmentSummary, cp: Checkpoint): void {
    const st = stateOf(env.id);
    const controller = new AbortController();
    st.controller = controller;
    st.state = 'running';
    delete st.lastError;
    delete st.gaveUp;
    const http = httpFor(env, st);
    for (const id of ['fetch-items', 'record-items', 'report-statuses'] as const) evidence.setRunning(env.id, id, true);
    const hooks: RunHooks = {
      onProgress(progress, extra) {
        st.progress = progress;
        if (extra.expiresAt !== undefined && st.job) st.job = { ...st.job, expiresAt: extra.expiresAt };
        if (extra.phase === 'complete') {
          for (const id of ['fetch-items', 'record-items', 'report-statuses'] as const) evidence.setRunning(env.id, id, false);
          evidence.setRunning(env.id, 'complete-job', true);
        }
        emit(env.id, extra.phase === 'complete');
      },
      ...(deps.afterBatch ? { afterBatch: deps.afterBatch } : {}),
    };
    st.running = (async () => {
      try {
        const { summary, job } = await runExport(cp, {
          http,
          checkpoints,
          now,
          signal: controller.signal,
          hooks,
          concurrency: deps.pageConcurrency ?? 4,
          ...(deps.reportConcurrency ? { reportConcurrency: deps.reportConcurrency } : {}),
        });
        st.job = summarizeJob(job, now());
        st.state = summary.outcome;
        delete st.progress.backoffUntil;
        record(
          env.id,
          'fetch-items',
          'passed',
          `Fetched all ${n(summary.items)} export items in pages of ${n(cp.pageSize)}${summary.retries ? ` (${summary.retries} retried requests)` : ''}.`,
        );
        record(
          env.id,
          'record-items',
          'passed',
          formatOf(cp.targetPath) === 'xlsx'
            ? `Wrote ${n(summary.items)} rows to the Excel workbook ${path.basename(cp.targetPath)} (through its staging CSV file, now removed).`
            : `Wrote ${n(summary.items)} rows to the CSV file ${path.basename(cp.targetPath)}.`,
        );
        record(
          env.id,
          'report-statuses',
          'passed',
          `Reported ${n(summary.successful)} successful and ${n(summary.failed)} failed items${summary.reportErrors ? `; Pleo refused ${n(summary.reportErrors)}` : ''}.`,
        );
        record(env.id, 'complete-job', 'passed', `Sent "${summary.outcome}"; Pleo now shows the job as ${job.status}.`);
        services.settings.set(lastRunKey(env.id), { ...summary, format: formatOf(cp.targetPath) });
        services.logger.info('export: run finished', { outcome: summary.outcome, items: summary.items, ms: summary.durationMs });
      } catch (error) {
        const appError =
          error instanceof AppFailure
            ? error.appError
            : { code: 'INTERNAL' as const, message: 'The export stopped because of an error in the app.' };
        services.logger.warn('export: run stopped', { code: appError.code });
        const finished = appError.code === 'EXPORT_JOB_EXPIRED' || appError.code === 'EXPORT_JOB_STATUS_UNPROCESSABLE';
        if (appError.code === 'REQUEST_CANCELLED') {
          st.state = 'paused';
          record(
            env.id,
            'report-statuses',
            'info',
            `Stopped by the user after ${n(st.progress.reported)} of ${n(st.progress.total)} items were reported; resume goes on from there.`,
          );
        } else if (finished) {
          // The job cannot be continued in Pleo: nothing to resume.
          checkpoints.clear(env.id);
          st.state = 'failed';
          st.lastError = appError;
          if (st.job)
            st.job = {
              ...st.job,
              status: 'failed',
              ...(appError.code === 'EXPORT_JOB_EXPIRED' ? { failureReasonType: 'job_expired' } : {}),
            };
          record(env.id, 'report-statuses', 'failed', appError.message);
        } else {
          st.state = 'paused';
          st.lastError = appError;
          record(env.id, 'report-statuses', 'failed', `${appError.message} The export can be resumed from the last reported page.`);
        }
      } finally {
        for (const id of ['fetch-items', 'record-items', 'report-statuses', 'complete-job'] as const)
          evidence.setRunning(env.id, id, false);
        delete st.controller;
        delete st.progress.backoffUntil;
        await changed(env.id).catch(() => undefined);
      }
    })();
  }

  async function start(request: {
    environmentId?: string;
    failRows: number[];
    failureReasonType?: string;
    failureReason?: string;
  }): Promise<ExportView> {
    const env = envOf(request.environmentId);
    const st = stateOf(env.id);
    assertNotRunning(st);
    await requireSignedIn(env);
    if (!st.job || st.job.status !== 'pending')
      throw failure('EXPORT_NOT_READY', 'Find a waiting export job first.', { hint: 'Press "Find the oldest job".' });
    if (!st.targetPath) throw failure('EXPORT_NOT_READY', 'Choose the file to write first.', { hint: 'Press "Choose file".' });
    const job = st.job;
    const targetPath = st.targetPath;
    const http = httpFor(env, st);
    // The file is checked before the job is claimed: a bad folder should not cost the customer a job.
    await step(env, 'validate-target', () => validateExportTarget(targetPath));
    const claimed = await step(env, 'claim-job', () => sendEvent(http, job.id, 'started')).catch((error: unknown) => {
      void changed(env.id);
      throw error;
    });
    st.job = summarizeJob(claimed, now());
    record(
      env.id,
      'claim-job',
      'passed',
      `Sent "started"; Pleo shows job ${short(job.id)} as ${claimed.status} since ${claimed.startedAt ?? 'now'}.`,
    );
    record(
      env.id,
      'validate-target',
      'passed',
      `${path.basename(targetPath)} (${FORMAT_LABELS[formatOf(targetPath)]}) can be written; ${publicColumns().length} columns mapped from the export item fields.`,
    );
    const cp: Checkpoint = {
      version: 1,
      environmentId: env.id,
      jobId: job.id,
      targetPath,
      total: claimed.numberOfItems,
      reportedAtPage: 0,
      batchesDoneInPage: 0,
      reported: 0,
      csvBytesAtPage: 0,
      failed: 0,
      reportErrors: 0,
      failureTypes: {},
      failRows: [...new Set(request.failRows)].filter((r) => r <= claimed.numberOfItems),
      ...(request.failureReasonType ? { failureReasonType: request.failureReasonType } : {}),
      ...(request.failureReason ? { failureReason: request.failureReason } : {}),
      pageSize,
      ...(deps.paging === 'offset' ? { paging: 'offset' as const } : {}),
      startedAt: now(),
      resumed: 0,
      retries: 0,
    };
    checkpoints.save(cp);
    st.progress = { ...emptyProgress(), total: cp.total };
    launch(env, cp);
    return changed(env.id);
  }

  async function resume(environmentId?: string): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    assertNotRunning(st);
    await requireSignedIn(env);
    const cp = checkpoints.load(env.id);
    if (!cp) throw failure('EXPORT_NOT_READY', 'There is no stopped export to resume.', { hint: 'Find the oldest waiting job instead.' });
    const http = httpFor(env, st);
    const job = await withJobState(http, cp.jobId, new AbortController().signal, async () => {
      const j = await readJob(http, cp.jobId);
      if (j.status !== 'in_progress') {
        throw failure('EXPORT_JOB_STATUS_UNPROCESSABLE', `Job ${short(j.id)} is ${j.status} in Pleo now, so it cannot be resumed.`);
      }
      return j;
    }).catch((error: unknown) => {
      if (
        error instanceof AppFailure &&
        (error.appError.code === 'EXPORT_JOB_STATUS_UNPROCESSABLE' || error.appError.code === 'EXPORT_JOB_EXPIRED')
      ) {
        // Explain, then forget the checkpoint: nothing can be continued.
        checkpoints.clear(env.id);
        st.lastError = error.appError;
        st.state = 'failed';
        record(env.id, 'report-statuses', 'failed', error.appError.message);
        void changed(env.id);
      }
      throw error;
    });
    st.job = summarizeJob(job, now());
    st.targetPath = cp.targetPath;
    const next: Checkpoint = { ...cp, resumed: cp.resumed + 1 };
    checkpoints.save(next);
    record(
      env.id,
      'report-statuses',
      'info',
      `Resumed after ${n(cp.reported)} of ${n(cp.total)} reported items (from the saved checkpoint).`,
    );
    launch(env, next);
    return changed(env.id);
  }

  async function cancel(environmentId?: string): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    st.controller?.abort();
    await st.running?.catch(() => undefined);
    return view(env.id);
  }

  async function abandon(environmentId?: string): Promise<ExportView> {
    const env = envOf(environmentId);
    const st = stateOf(env.id);
    assertNotRunning(st);
    const cp = checkpoints.load(env.id);
    const jobId = cp?.jobId ?? st.job?.id;
    if (!jobId) throw failure('EXPORT_NOT_READY', 'There is no job to give up.');
    // It cannot be undone and costs the customer their export: asked in main, never a renderer flag.
    const confirmed = await (services.ports.confirm?.confirm(giveUpQuestion(jobId, cp?.reported ?? 0)).catch(() => false) ??
      Promise.resolve(false));
    if (confirmed !== true) return view(env.id);
    const http = httpFor(env, st);
    const job = await step(env, 'complete-job', () =>
      withJobState(http, jobId, new AbortController().signal, () =>
        sendEvent(http, jobId, 'failed', {
          failureReasonType: 'canceled_by_user',
          failureReason: 'Stopped in Pleo Partner Desktop by the user.',
        }),
      ),
    ).catch((error: unknown) => {
      void changed(env.id);
      throw error;
    });
    checkpoints.clear(env.id);
    st.job = summarizeJob(job, now());
    st.state = 'given_up';
    // A CSV file keeps the rows written so far (the user's file: named, not deleted); an Excel
    // workbook was never written, and its staging file is the app's own: removed.
    const targetPath = cp?.targetPath ?? st.targetPath;
    const xlsx = targetPath !== undefined && formatOf(targetPath) === 'xlsx';
    if (xlsx) await rm(stagingPathOf(targetPath), { force: true }).catch(() => undefined);
    st.gaveUp = {
      jobId,
      reported: cp?.reported ?? 0,
      total: cp?.total ?? st.job.numberOfItems,
      ...(targetPath && !xlsx && cp ? { partialFile: targetPath } : {}),
    };
    delete st.targetPath;
    delete st.lastError;
    st.progress = emptyProgress();
    record(env.id, 'complete-job', 'passed', `Sent "failed" (canceled_by_user); Pleo now shows the job as ${job.status}.`);
    return changed(env.id);
  }

  async function queueOnSimulator(request: { environmentId?: string; items: number; cancelWaiting?: boolean }): Promise<QueueResult> {
    const env = envOf(request.environmentId);
    const launcher = services.ports.simulator;
    if (env.kind !== 'simulator' || !launcher?.queueExport) {
      throw failure(
        'SIMULATOR_UNAVAILABLE',
        'Only the built-in simulator can queue an export job. With Pleo staging, the customer queues it in the Pleo web app.',
      );
    }
    await requireSignedIn(env);
    // The job is queued for the company the signed-in token reaches, as the customer would.
    const http = httpFor(env);
    const answer = await http.call('GET', '/v1/companies', { query: [['limit', '1']] });
    if (answer.status !== 200) throw explainExportAnswer(answer, 'Looking up your company');
    const companyId = (answer.body as { data?: Array<{ id?: string }> })?.data?.[0]?.id;
    if (!companyId) throw failure('API_NOT_FOUND', 'Your token reaches no company, so no export can be queued.');
    let queued;
    try {
      queued = await launcher.queueExport({ companyId, items: request.items, ...(request.cancelWaiting ? { cancelWaiting: true } : {}) });
    } catch (error) {
      const type = (error as { type?: unknown })?.type;
      const message = error instanceof Error ? error.message : '';
      if (type === 'EXPORT_ALREADY_IN_PROGRESS') {
        throw failure(
          'EXPORT_ALREADY_IN_PROGRESS',
          'This company already has an export job waiting or running, and Pleo allows one at a time.',
          {
            hint: 'Export the waiting job first, or tick "Cancel the job that is already waiting first" (customers can cancel an export in Pleo).',
          },
        );
      }
      throw failure('SIMULATOR_UNAVAILABLE', `The simulator could not queue the export: ${message.slice(0, 200)}`);
    }
    record(
      env.id,
      'find-job',
      'info',
      `Queued job ${short(queued.jobId)} with ${n(queued.items)} items on the simulator, as the customer would${queued.cancelledJobIds.length ? ` (cancelled ${queued.cancelledJobIds.length} waiting job)` : ''}.`,
    );
    return { view: await changed(env.id), queued };
  }

  // The readiness report gains the export run (redacted and escaped again by the report).
  const removeSection = services.reportSections?.add((environmentId) =>
    exportReportSection(readLastRun(environmentId), evidence.steps(environmentId)),
  );

  const api: ExportFeatureApi = {
    view,
    lastRun: readLastRun,
    async idle(environmentId) {
      const env = envOf(environmentId);
      await states.get(env.id)?.running?.catch(() => undefined);
    },
  };

  return {
    api,
    handlers: {
      'export.get': ({ environmentId }) => view(environmentId),
      'export.findJob': ({ environmentId }) => findJob(environmentId),
      'export.chooseTarget': ({ environmentId, format }) => chooseTarget(environmentId, format),
      'export.start': (req) => start(req),
      'export.cancel': ({ environmentId }) => cancel(environmentId),
      'export.resume': ({ environmentId }) => resume(environmentId),
      'export.abandon': ({ environmentId }) => abandon(environmentId),
      'export.queueOnSimulator': (req) => queueOnSimulator(req),
    },
    async dispose() {
      removeSection?.();
      // Stop runs after the current request; the checkpoint lets the next start resume.
      for (const st of states.values()) st.controller?.abort();
      await Promise.all([...states.values()].map((st) => st.running?.catch(() => undefined)));
      checkpoints.close();
    },
  };
}
