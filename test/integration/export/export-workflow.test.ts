/**
 * The export workflow (issue 14) against the real simulator over 127.0.0.1: the happy path with
 * chosen failed items, and the faults the issue names: kill mid-export and resume, 429 storms,
 * a token expiring mid-run, job expiry, a second app instance claiming the same job, the
 * network dropping mid-page, and EXPORT_ALREADY_IN_PROGRESS. Order is forced with gates and
 * the simulator's clock, never with sleeps; back-off waits go through a recording fake sleep.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportView } from '../../../src/shared/contract/export-channels.js';
import {
  copySettings,
  csvIds,
  dyingAt,
  gate,
  queuedIds,
  serverItemCount,
  serverJob,
  startHarness,
  type Harness,
} from './export-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function reportedOnce(harness: Harness, jobId: string, total: number): void {
  const counts = new Map<string, number>();
  for (const put of harness.puts.filter((p) => p.jobId === jobId)) {
    expect(put.ids.length).toBeLessThanOrEqual(100);
    for (const id of put.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  expect(counts.size).toBe(total);
  expect([...counts.values()].every((c) => c === 1)).toBe(true);
}

async function prepared(harness: Harness, items: number, appOptions: Parameters<Harness['app']>[0] = {}) {
  const app = harness.app(appOptions);
  const { queued } = await app.queue(items);
  const found = await app.ok('export.findJob');
  expect(found.job?.id).toBe(queued.jobId);
  await app.ok('export.chooseTarget');
  return { app, jobId: queued.jobId };
}

describe('export workflow on the simulator', () => {
  it('exports every item to CSV, reports 3 chosen failures and completes with errors', async () => {
    h = await startHarness();
    const { app, jobId } = await prepared(h, 2500);
    const started = await app.ok('export.start', {
      failRows: [2, 500, 2500],
      failureReasonType: 'account_unknown',
      failureReason: 'Account 6990 is blocked',
    });
    expect(started.state).toBe('running');
    await app.idle();
    const v = await app.ok('export.get');
    expect(v.state).toBe('completed_with_errors');
    expect(v.lastRun).toMatchObject({ items: 2500, failed: 3, successful: 2497, outcome: 'completed_with_errors' });
    expect(v.steps.every((s) => s.status === 'done')).toBe(true);
    expect(v.resumable).toBeUndefined();
    const ids = queuedIds(h, 2500);
    expect(csvIds(await readFile(app.csvPath, 'utf8'))).toEqual(ids);
    reportedOnce(h, jobId, 2500);
    expect(await serverJob(h, jobId)).toMatchObject({ status: 'completed_with_errors', failureReasonType: 'validation_failure' });
    expect(await serverItemCount(h, jobId, 'failed')).toBe(3);
    expect(await serverItemCount(h, jobId, 'successful')).toBe(2497);
  });

  it('kill mid-page with 4 status reports in flight, one of them not yet sent: the new instance sends exactly the missing batches; none lost, none reported twice', async () => {
    h = await startHarness();
    const ids = () => queuedIds(h!, 2300);
    // The PUT of the first page's third batch (items 201-300) is held before it leaves the
    // app, so the batches acknowledged before the "kill" are not the first ones in order.
    const held = gate<void>();
    const heldFirstId = () => ids()[200];
    h.before.hook = async (url, init) => {
      if (init?.method === 'PUT' && url.pathname.endsWith('/items') && String(init.body).includes(`"${heldFirstId()}"`)) await held.promise;
    };
    // Instance 1 "dies" at its 5th acknowledged batch: from then on no acknowledged batch gets
    // past its journal line, exactly like a killed process. The other reports already in
    // flight are acknowledged and journalled first (in a real kill their answers may be lost;
    // see docs/architecture.md), so the test waits until all 7 are: batches 0-7 were sent,
    // 2 is held.
    const dying = dyingAt(5, 7);
    const first = h.app({ afterBatch: dying.afterBatch });
    const { queued } = await first.queue(2300);
    await first.ok('export.findJob');
    await first.ok('export.chooseTarget');
    await first.ok('export.start', { failRows: [5] });
    await dying.quiet;
    first.forget();
    h.before.hook = undefined;
    const second = h.app({ settings: copySettings(first.settings), csvName: 'export-1.csv' });
    const view = await second.ok('export.get');
    expect(view.resumable).toMatchObject({ jobId: queued.jobId, reported: 700 });
    const putsBefore = h.puts.length;
    await second.ok('export.resume');
    await second.idle();
    // The resumed run's first three reports are the first page's missing batches: 2, 8 and 9.
    const firstIds = h.puts.slice(putsBefore, putsBefore + 3).map((p) => ids().indexOf(p.ids[0]!));
    expect(firstIds.sort((x, y) => x - y)).toEqual([200, 800, 900]);
    const done = await second.ok('export.get');
    expect(done.state).toBe('completed_with_errors');
    expect(done.lastRun).toMatchObject({ items: 2300, failed: 1, resumed: 1 });
    expect(csvIds(await readFile(second.csvPath, 'utf8'))).toEqual(ids());
    reportedOnce(h, queued.jobId, 2300);
    expect(await serverJob(h, queued.jobId)).toMatchObject({ status: 'completed_with_errors' });
  });

  it('offset paging, 4 pages at once, reports one at a time: killed mid-page and resumed at the offset of the last reported page; none lost, none twice', async () => {
    h = await startHarness();
    const offsets: string[] = [];
    h.before.hook = (url) => {
      if (url.pathname === '/v3/export-items') {
        expect(url.searchParams.has('after')).toBe(false);
        offsets.push(url.searchParams.get('offset') ?? '0');
      }
    };
    const dying = dyingAt(7);
    // One status report at a time, as earlier versions sent them: the resume point is then
    // always "the first b batches of page p".
    const options = { paging: 'offset' as const, pageConcurrency: 4, pageSize: 500, reportConcurrency: 1 };
    const first = h.app({ ...options, afterBatch: dying.afterBatch });
    const { queued } = await first.queue(2300);
    await first.ok('export.findJob');
    await first.ok('export.chooseTarget');
    await first.ok('export.start', { failRows: [5] });
    await dying.quiet;
    first.forget();
    // Four pages were asked for before the first was reported (the preview asks for one more).
    expect(offsets.slice(1, 5)).toEqual(['0', '500', '1000', '1500']);
    const second = h.app({ ...options, settings: copySettings(first.settings), csvName: 'export-1.csv' });
    expect((await second.ok('export.get')).resumable).toMatchObject({ reported: 700 });
    offsets.length = 0;
    await second.ok('export.resume');
    await second.idle();
    // The partly reported second page is fetched again at its offset; its first 2 batches are skipped.
    expect(offsets[0]).toBe('500');
    expect((await second.ok('export.get')).lastRun).toMatchObject({ items: 2300, failed: 1, resumed: 1 });
    expect(csvIds(await readFile(second.csvPath, 'utf8'))).toEqual(queuedIds(h, 2300));
    reportedOnce(h, queued.jobId, 2300);
  });

  it('429 storm: waits as Retry-After says and goes on; nothing reported twice', async () => {
    h = await startHarness();
    const waits: number[] = [];
    const { app, jobId } = await prepared(h, 1200, { sleep: async (ms) => void waits.push(ms) });
    h.sim.faults.add([
      { target: 'api', pathPrefix: '/v3/export-items', count: 4, action: { type: 'status', status: 429, retryAfter: 3 } },
      { target: 'api', pathPrefix: `/v3/export-jobs/${jobId}/items`, method: 'PUT', count: 3, action: { type: 'status', status: 429 } },
    ]);
    await app.ok('export.start', {});
    await app.idle();
    const v = await app.ok('export.get');
    expect(v.state).toBe('completed');
    expect(waits.filter((w) => w === 3000)).toHaveLength(4);
    expect(waits).toHaveLength(7);
    expect(v.lastRun?.retries).toBeGreaterThanOrEqual(7);
    reportedOnce(h, jobId, 1200);
    expect(await serverJob(h, jobId)).toMatchObject({ status: 'completed' });
  });

  it('429 that never ends: the run pauses with RATE_LIMITED and resumes later without loss', async () => {
    h = await startHarness();
    const { app, jobId } = await prepared(h, 1500);
    // Every status report is rate-limited until the app gives up (8 retries).
    h.sim.faults.add({
      target: 'api',
      pathPrefix: `/v3/export-jobs/${jobId}/items`,
      method: 'PUT',
      action: { type: 'status', status: 429, retryAfter: 1 },
    });
    await app.ok('export.start', {});
    await app.idle();
    const paused = await app.ok('export.get');
    expect(paused.state).toBe('paused');
    expect(paused.lastError?.code).toBe('RATE_LIMITED');
    expect(paused.resumable?.jobId).toBe(jobId);
    h.sim.faults.clear();
    await app.ok('export.resume');
    await app.idle();
    expect((await app.ok('export.get')).state).toBe('completed');
    reportedOnce(h, jobId, 1500);
  });

  it('token expiring mid-run: refreshed once and the export goes on', async () => {
    h = await startHarness({ tokenTtlSeconds: 600 });
    let batches = 0;
    const { app, jobId } = await prepared(h, 1500, {
      afterBatch: () => {
        // After the 4th batch the access token is past its lifetime on the simulator's clock.
        if (++batches === 4) h!.sim.advanceClock(601_000);
      },
    });
    const before = h.tokenState.refreshes;
    await app.ok('export.start', {});
    await app.idle();
    expect((await app.ok('export.get')).state).toBe('completed');
    expect(h.tokenState.refreshes).toBe(before + 1);
    reportedOnce(h, jobId, 1500);
  });

  it('job expiry: explained as expired (not a raw 422), items abandoned, nothing left to resume', async () => {
    h = await startHarness();
    let batches = 0;
    const { app, jobId } = await prepared(h, 1500, {
      afterBatch: () => {
        if (++batches === 3) h!.sim.advanceClock(61 * 60_000);
      },
    });
    await app.ok('export.start', {});
    await app.idle();
    const v = await app.ok('export.get');
    expect(v.state).toBe('failed');
    expect(v.lastError?.code).toBe('EXPORT_JOB_EXPIRED');
    expect(v.lastError?.message).toMatch(/expired/);
    expect(v.resumable).toBeUndefined();
    expect(v.job?.failureReasonType).toBe('job_expired');
    expect(await serverJob(h, jobId)).toMatchObject({ status: 'failed', failureReasonType: 'job_expired' });
    // The reports already in flight when the clock jumped may still have been accepted: every
    // item is either reported (as the app counted it) or abandoned, none both.
    const reported = (await serverItemCount(h, jobId, 'successful')) + (await serverItemCount(h, jobId, 'failed'));
    expect(reported).toBeGreaterThanOrEqual(300);
    expect(await serverItemCount(h, jobId, 'abandoned')).toBe(1500 - reported);
  });

  it('shows the time left before expiry, counted from the last update', async () => {
    h = await startHarness();
    const { app } = await prepared(h, 200);
    const v = await app.ok('export.get');
    const left = (v.job!.expiresAt as number) - Date.now();
    expect(left).toBeGreaterThan(55 * 60_000);
    expect(left).toBeLessThanOrEqual(60 * 60_000 + 1000);
  });

  it('a second app instance cannot claim the same job, and will not start a second one in parallel', async () => {
    h = await startHarness();
    const a = h.app();
    const b = h.app();
    const { queued } = await a.queue(1000);
    for (const app of [a, b]) {
      await app.ok('export.findJob');
      await app.ok('export.chooseTarget');
    }
    // Both press Start at the same time: exactly one claim wins.
    const [ra, rb] = await Promise.all([a.call('export.start', {}), b.call('export.start', {})]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(!loser.ok && loser.error.code).toBe('EXPORT_JOB_TAKEN');
    await Promise.all([a.idle(), b.idle()]);
    const winner = ra.ok ? a : b;
    const other = ra.ok ? b : a;
    expect((await winner.ok('export.get')).state).toBe('completed');
    reportedOnce(h, queued.jobId, 1000);
    // Meanwhile the customer exports again; the other instance finds that new job, not a second copy.
    const next = await other.queue(50);
    const found = await other.ok<ExportView>('export.findJob');
    expect(found.job?.id).toBe(next.queued.jobId);
  });

  it('finding a job while another integration runs one: explained, and nothing is claimed', async () => {
    h = await startHarness();
    const a = h.app();
    const b = h.app();
    const hold = gate<void>();
    const reached = gate<void>();
    h.before.hook = async (url, init) => {
      if (init?.method === 'PUT' && url.pathname.endsWith('/items')) {
        reached.open();
        await hold.promise;
      }
    };
    await a.queue(300);
    await a.ok('export.findJob');
    await a.ok('export.chooseTarget');
    await a.ok('export.start', {});
    await reached.promise;
    const r = await b.call('export.findJob');
    expect(!r.ok && r.error.code).toBe('EXPORT_JOB_TAKEN');
    hold.open();
    await a.idle();
  });

  it('network dropping mid-page: the page is fetched again, no half page is written', async () => {
    h = await startHarness();
    const { app, jobId } = await prepared(h, 2100);
    h.sim.faults.add([
      { target: 'api', pathPrefix: '/v3/export-items', count: 2, action: { type: 'truncate', afterBytes: 20_000 } },
      { target: 'api', pathPrefix: `/v3/export-jobs/${jobId}/items`, method: 'PUT', count: 1, action: { type: 'drop' } },
    ]);
    await app.ok('export.start', {});
    await app.idle();
    expect((await app.ok('export.get')).state).toBe('completed');
    expect(csvIds(await readFile(app.csvPath, 'utf8'))).toEqual(queuedIds(h, 2100));
    reportedOnce(h, jobId, 2100);
  });

  it('EXPORT_ALREADY_IN_PROGRESS when queueing while a job waits, explained with what to do', async () => {
    h = await startHarness();
    const app = h.app();
    // The seeded data has a waiting job for the signed-in company.
    const r = await app.call('export.queueOnSimulator', { items: 10 });
    expect(!r.ok && r.error.code).toBe('EXPORT_ALREADY_IN_PROGRESS');
    expect(!r.ok && r.error.hint).toMatch(/Cancel the job that is already waiting first/);
  });

  it('giving a job up sends failed with canceled_by_user and forgets the checkpoint', async () => {
    h = await startHarness();
    const { app, jobId } = await prepared(h, 1500);
    await app.ok('export.start', {});
    await app.ok('export.cancel');
    const paused = await app.ok('export.get');
    expect(paused.state).toBe('paused');
    expect(paused.resumable?.jobId).toBe(jobId);
    // Asked first, in main: "Cancel" changes nothing.
    app.confirm.answer = false;
    const kept = await app.ok('export.abandon');
    expect(app.confirmations.map((c) => c.kind)).toEqual(['give-up-export-job']);
    const reported = paused.resumable?.reported ?? 0;
    expect(app.confirmations[0]?.detail).toContain(
      reported > 0 ? `${reported.toLocaleString('en')} items were already reported` : 'No item was reported back to Pleo yet',
    );
    expect(kept.state).toBe('paused');
    expect(kept.resumable?.jobId).toBe(jobId);
    expect(await serverJob(h, jobId)).toMatchObject({ status: 'in_progress' });

    app.confirm.answer = true;
    const gaveUp = await app.ok('export.abandon');
    expect(gaveUp.resumable).toBeUndefined();
    expect(gaveUp.state).toBe('given_up');
    // What is left is said: how far it got, and the CSV file that holds only part of the job.
    expect(gaveUp.gaveUp).toEqual({ jobId, reported: paused.resumable?.reported, total: 1500, partialFile: app.csvPath });
    expect(gaveUp.targetPath).toBeUndefined();
    expect(gaveUp.progress.total).toBe(0);
    expect(await serverJob(h, jobId)).toMatchObject({ status: 'failed', failureReasonType: 'canceled_by_user' });
    // Finding the next job starts afresh.
    await app.queue(10);
    const next = await app.ok('export.findJob');
    expect(next.gaveUp).toBeUndefined();
    expect(next.state).toBe('idle');
  });
});
