import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CursorPage as Page } from '../../src/simulator/api/pagination.js';
import type { ExportItemV3 as ExportItem } from '../../src/simulator/data/accounting-entries.js';
import type { ExportJobV3 as Job } from '../../src/simulator/exports/export-store.js';
import type { Simulator } from '../../src/simulator/index.js';
import { api, signIn, start } from './helpers.js';

/**
 * Export API v3 rules: one running job per company (409), events move the job through its
 * lifecycle (422 otherwise), items only while it runs (422 after), at most 100 item updates
 * (413), expiry one hour after the last update, amounts in minor units.
 */
describe('Export API v3 lifecycle', () => {
  let clock = Date.UTC(2026, 2, 1, 9, 0, 0);
  let sim: Simulator;
  let token: string;
  let dk: string;
  let se: string;
  beforeAll(async () => {
    // Tokens expire on the simulator's clock too: a day-long lifetime keeps them valid while
    // the tests move the clock through job expiry.
    sim = await start({ clock: () => clock, entries: 2000, tokenTtlSeconds: 86_400 });
    token = (await signIn(sim, { scope: 'export-jobs:read export-jobs:write export-items:read', user: 2 })).tokens.access_token;
    [dk, se] = sim.data.companies.map((c) => c.id) as [string, string];
  });
  afterAll(() => sim.close());

  const call = async <T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await api(sim, token, path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const event = (jobId: string, name: string, extra: Record<string, unknown> = {}) =>
    call('/v3/export-job-events', { method: 'POST', body: JSON.stringify({ jobId, event: name, ...extra }) });
  const job = async (id: string) => (await call<{ data: Job }>(`/v3/export-jobs/${id}`)).body.data;
  const entryIds = (companyIndex: number, from: number, count: number): string[] => {
    const range = sim.data.entryRanges[companyIndex] as { from: number };
    return Array.from({ length: count }, (_, i) => sim.data.entryId(range.from + from + i));
  };

  it('seeds jobs in several states, oldest first', async () => {
    const list = await call<Page<Job>>('/v3/export-jobs');
    expect(list.status).toBe(200);
    const statuses = list.body.data.map((j) => j.status);
    expect(new Set(statuses)).toEqual(new Set(['completed', 'completed_with_errors', 'failed', 'pending']));
    const created = list.body.data.map((j) => j.createdAt);
    expect(created).toEqual([...created].sort());
    const pending = await call<Page<Job>>(`/v3/export-jobs?company_id=${dk}&statuses=pending`);
    expect(pending.body.data).toHaveLength(1);
    expect(pending.body.data[0]).toMatchObject({ status: 'pending', expiresIn: 3600, companyId: dk, isInteractive: true });
  });

  it('allows one running job per company (409 EXPORT_ALREADY_IN_PROGRESS)', async () => {
    const conflict = await call('/v3/export-jobs', {
      method: 'POST',
      body: JSON.stringify({ companyId: dk, accountingEntryIds: entryIds(0, 400, 2) }),
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ type: 'EXPORT_ALREADY_IN_PROGRESS', message: 'Export Job already in progress for this company.' });
  });

  it('runs a job from creation to completion', async () => {
    // Discover entry ids through export items without job_id (everything the token can see:
    // company 1's entries, then company 2's).
    const firstCount = sim.data.entryRanges[0]?.count as number;
    const items = await call<Page<ExportItem>>(`/v3/export-items?offset=${firstCount + 100}&limit=120`);
    const ids = items.body.data.map((i) => i.accountingEntryId);
    expect(items.body.data.every((i) => i.companyId === se)).toBe(true);
    expect(ids).toEqual(entryIds(1, 100, 120));
    const created = await call<{ data: Job }>('/v3/export-jobs', {
      method: 'POST',
      body: JSON.stringify({ companyId: se, accountingEntryIds: ids, options: { vendorBasedBookkeeping: true } }),
    });
    expect(created.status).toBe(201);
    const { id } = created.body.data;
    expect(created.body.data).toMatchObject({ status: 'pending', numberOfItems: 120, vendorBasedBookkeeping: true, startedAt: null });

    const again = await call('/v3/export-jobs', {
      method: 'POST',
      body: JSON.stringify({ companyId: se, accountingEntryIds: ids.slice(0, 1) }),
    });
    expect(again.status).toBe(409);

    // completed before started is an invalid transition
    expect((await event(id, 'completed')).body).toMatchObject({ type: 'INVALID_EXPORT_JOB_STATUS_CHANGE' });
    clock += 60_000;
    const started = await event(id, 'started');
    expect(started.status).toBe(202);
    expect(await job(id)).toMatchObject({ status: 'in_progress', startedAt: new Date(clock).toISOString().replace('.000Z', 'Z') });
    expect((await event(id, 'started')).status).toBe(422);

    const exportItems = await call<Page<ExportItem>>(`/v3/export-items?job_id=${id}&limit=50`);
    expect(exportItems.status).toBe(200);
    expect(exportItems.body.pagination.total).toBe(120);
    expect(exportItems.body.data.map((i) => i.accountingEntryId)).toEqual(ids.slice(0, 50));
    for (const item of exportItems.body.data) {
      expect(Number.isInteger(item.amount.inWalletCurrency.value)).toBe(true);
      expect(item.amount.inWalletCurrency.currency).toBe('SEK');
      const lines = item.accountingEntryLines.reduce((sum, l) => sum + l.lineAmount.inWalletCurrency.value, 0);
      expect(lines).toBe(item.amount.inWalletCurrency.value);
      expect(item._links).toBeDefined();
      expect(item.additionalInformation.reconciliationId).toBeTruthy();
    }

    const tooMany = ids
      .concat(ids.slice(0, 1))
      .slice(0, 101)
      .map((accountingEntryId) => ({ accountingEntryId, status: 'successful' }));
    const limit = await call(`/v3/export-jobs/${id}/items`, { method: 'PUT', body: JSON.stringify(tooMany) });
    expect(limit.status).toBe(413);
    expect(limit.body).toMatchObject({ type: 'EXPORT_JOB_ITEMS_UPDATE_LIMIT' });

    const updates = [
      ...ids.slice(0, 99).map((accountingEntryId, i) => ({
        accountingEntryId,
        status: 'successful',
        externalId: `V-${i}`,
        exportedAt: '2026-03-01T09:05:00Z',
      })),
      { accountingEntryId: ids[99], status: 'failed', failureReason: 'Unknown account', failureReasonType: 'account_unknown' },
    ];
    const updated = await call<{ data: Array<{ status: string }>; errors: unknown[] }>(`/v3/export-jobs/${id}/items`, {
      method: 'PUT',
      body: JSON.stringify(updates),
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toHaveLength(100);
    expect(updated.body.errors).toEqual([]);

    const foreign = entryIds(0, 5, 1)[0] as string;
    const partial = await call<{ data: unknown[]; errors: Array<{ accountingEntryId: string; type: string }> }>(
      `/v3/export-jobs/${id}/items`,
      {
        method: 'PUT',
        body: JSON.stringify([
          { accountingEntryId: foreign, status: 'successful' },
          { accountingEntryId: ids[100], status: 'abandoned' },
        ]),
      },
    );
    expect(partial.body.errors.map((e) => e.type)).toEqual(['ACCOUNTING_ENTRY_DOES_NOT_EXIST', 'EXPORT_ENTRY_STATUS_UPDATE_FAILED']);

    const failedItems = await call<Page<{ status: string; failureReasonType: string }>>(`/v3/export-jobs/${id}/items?status=failed`);
    expect(failedItems.body.pagination.total).toBe(1);
    expect(failedItems.body.data[0]).toMatchObject({ status: 'failed', failureReasonType: 'account_unknown' });
    const pendingItems = await call<Page<{ accountingEntryId: string }>>(`/v3/export-jobs/${id}/items?status=pending`);
    expect(pendingItems.body.pagination.total).toBe(20);
    // The untouched items, in job order, skipping the updated ones.
    expect(pendingItems.body.data.map((i) => i.accountingEntryId)).toEqual(ids.slice(100));
    const second = await call<Page<{ accountingEntryId: string }>>(`/v3/export-jobs/${id}/items?status=pending&offset=5&limit=3`);
    expect(second.body.data.map((i) => i.accountingEntryId)).toEqual(ids.slice(105, 108));

    expect(
      (await event(id, 'completed_with_errors', { failureReason: 'One entry failed', failureReasonType: 'validation_failure' })).status,
    ).toBe(202);
    const done = await job(id);
    expect(done).toMatchObject({ status: 'completed_with_errors', failureReasonType: 'validation_failure', expiresIn: 0 });
    expect(done.completedAt).toBeTruthy();

    // Finished: no more item updates, no more export items, no more events.
    expect((await call(`/v3/export-jobs/${id}/items`, { method: 'PUT', body: JSON.stringify(updates.slice(0, 1)) })).body).toMatchObject({
      type: 'EXPORT_JOB_STATUS_UNPROCESSABLE',
    });
    expect((await call(`/v3/export-items?job_id=${id}`)).status).toBe(422);
    expect((await event(id, 'failed')).status).toBe(422);
  });

  it('expires a job one hour after its last update', async () => {
    const pending = (await call<Page<Job>>(`/v3/export-jobs?company_id=${se}&statuses=pending`)).body.data;
    expect(pending).toHaveLength(0);
    const created = await call<{ data: Job }>('/v3/export-jobs', {
      method: 'POST',
      body: JSON.stringify({ companyId: se, accountingEntryIds: entryIds(1, 300, 3) }),
    });
    const { id } = created.body.data;
    clock += 30 * 60_000;
    expect((await job(id)).expiresIn).toBe(1800);
    expect((await event(id, 'started')).status).toBe(202);
    // The event was an update: the hour starts again.
    clock += 59 * 60_000;
    expect((await job(id)).status).toBe('in_progress');
    clock += 60_000;
    const expired = await job(id);
    expect(expired).toMatchObject({ status: 'failed', failureReasonType: 'job_expired', expiresIn: 0 });
    expect(expired.expiredAt).toBeTruthy();
    const items = await call<Page<{ status: string }>>(`/v3/export-jobs/${id}/items`);
    expect(items.body.data.map((i) => i.status)).toEqual(['abandoned', 'abandoned', 'abandoned']);
    expect((await event(id, 'completed')).status).toBe(422);
    // The company is free again.
    expect(
      (await call('/v3/export-jobs', { method: 'POST', body: JSON.stringify({ companyId: se, accountingEntryIds: entryIds(1, 310, 1) }) }))
        .status,
    ).toBe(201);
  });

  it('validates job creation and events', async () => {
    const unknownEntry = await call('/v3/export-jobs', {
      method: 'POST',
      body: JSON.stringify({ companyId: dk, accountingEntryIds: ['00000000-0000-4000-8000-000000000000'] }),
    });
    expect([400, 409]).toContain(unknownEntry.status);
    // Without a running job in the way, an unknown or foreign entry is a 400.
    const running = (await call<Page<Job>>(`/v3/export-jobs?company_id=${se}&statuses=pending,in_progress`)).body.data;
    for (const { id } of running) expect((await event(id, 'failed')).status).toBe(202);
    for (const accountingEntryIds of [['00000000-0000-4000-8000-000000000000'], entryIds(0, 1, 1)]) {
      const refused = await call('/v3/export-jobs', { method: 'POST', body: JSON.stringify({ companyId: se, accountingEntryIds }) });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ type: 'VALIDATION_FAILED' });
    }
    const badEvent = await call('/v3/export-job-events', { method: 'POST', body: JSON.stringify({ jobId: 'x', event: 'paused' }) });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body).toMatchObject({ type: 'VALIDATION_FAILED' });
    const missing = await event('00000000-0000-4000-8000-000000000000', 'started');
    expect(missing).toEqual({ status: 404, body: { type: 'EXPORT_NOT_FOUND', message: 'Export job not found.' } });
  });

  it('hides jobs of companies the token cannot see', async () => {
    const companyToken = (await signIn(sim, { scope: 'export-jobs:read', user: 1 })).tokens.access_token;
    const dkJob = (await call<Page<Job>>(`/v3/export-jobs?company_id=${dk}`)).body.data[0] as Job;
    const response = await api(sim, companyToken, `/v3/export-jobs/${dkJob.id}`);
    expect(response.status).toBe(404);
    expect((await api(sim, companyToken, `/v3/export-jobs?company_id=${dk}`)).status).toBe(403);
  });
});
