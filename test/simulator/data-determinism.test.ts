import { afterAll, describe, expect, it } from 'vitest';

import { EntryUniverse } from '../../src/simulator/data/accounting-entries.js';
import { buildDataset } from '../../src/simulator/data/seed.js';
import type { Simulator } from '../../src/simulator/index.js';
import { api, defaultClient, json, signIn, start } from './helpers.js';

/** Same seed, same data; entries are generated on demand, so a million of them cost no memory. */
describe('seeded data', () => {
  const sims: Simulator[] = [];
  afterAll(() => Promise.all(sims.map((s) => s.close())));

  async function snapshot(seed: number): Promise<Record<string, unknown>> {
    const fixed = Date.UTC(2026, 0, 15, 12);
    const sim = await start({ seed, clock: () => fixed });
    sims.push(sim);
    const token = (await signIn(sim, { scope: defaultClient(sim).scopes.join(' '), user: 2 })).tokens.access_token;
    const dk = sim.data.companies[0]?.id as string;
    const read = async (path: string, init: RequestInit = {}) => json(await api(sim, token, path, init));
    return {
      employees: await read('/v2/employees?limit=1000'),
      companies: await read('/v1/companies'),
      tagGroups: await read(`/v0/tag-groups?company_id=${dk}`),
      tags: await read(`/v0/tags?company_id=${dk}&limit=1000`),
      taxCodes: await read(`/v0/tax-codes:search?company_id=${dk}`, { method: 'POST', body: '{}' }),
      vendors: await read(`/v1/vendors:search?company_id=${dk}`, { method: 'POST', body: '{}' }),
      exportJobs: await read('/v3/export-jobs'),
      exportItems: await read('/v3/export-items?offset=123&limit=50'),
    };
  }

  it('produces identical data for the same seed', async () => {
    const [a, b] = await Promise.all([snapshot(7), snapshot(7)]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect((a.employees as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(50);
  });

  it('produces different data for a different seed', async () => {
    const [a, b] = await Promise.all([snapshot(7), snapshot(8)]);
    const ids = (s: Record<string, unknown>) => (s.employees as { data: Array<{ id: string }> }).data.map((e) => e.id);
    expect(ids(a)).not.toEqual(ids(b));
    expect(JSON.stringify(a.exportItems)).not.toBe(JSON.stringify(b.exportItems));
  });

  it('turns entry ids back into indices and rejects foreign ids', () => {
    const universe = new EntryUniverse(buildDataset(99), 1_000_000);
    for (const index of [0, 1, 499_999, 500_000, 765_432, 999_999]) {
      const id = universe.idOf(index);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(universe.indexOf(id)).toBe(index);
      expect(universe.indexOf(id.toUpperCase())).toBe(index);
    }
    const id = universe.idOf(42);
    const tampered = `${id.slice(0, 9)}${id[9] === '0' ? '1' : '0'}${id.slice(10)}`;
    expect(universe.indexOf(tampered)).toBeUndefined();
    expect(universe.indexOf(new EntryUniverse(buildDataset(100), 1_000_000).idOf(42))).toBeUndefined();
    expect(() => new EntryUniverse(buildDataset(1), 1_000_001)).toThrow(RangeError);
  });

  // Speed and memory are measured by `npm run bench` (B8), never here: a busy machine must not
  // fail a test. This test proves the behaviour: the last page and deep job pages of a million.
  it('serves 1,000,000 entries: the last page, deep job pages and counts', async () => {
    const sim = await start({ entries: 1_000_000 });
    sims.push(sim);
    expect(sim.data.entries).toBe(1_000_000);
    const token = (await signIn(sim, { scope: 'export-items:read export-jobs:read', user: 2 })).tokens.access_token;

    const last = await json<{ data: Array<{ accountingEntryId: string }>; pagination: { total: number; hasNextPage: boolean } }>(
      await api(sim, token, '/v3/export-items?offset=999000&limit=1000'),
    );
    expect(last.pagination.total).toBe(1_000_000);
    expect(last.data).toHaveLength(1000);
    expect(last.pagination.hasNextPage).toBe(false);
    expect(last.data.at(-1)?.accountingEntryId).toBe(sim.data.entryId(999_999));

    // The seeded pending job covers most of company 1's 500,000 entries.
    const jobs = await json<{ data: Array<{ id: string; status: string; numberOfItems: number }> }>(
      await api(sim, token, '/v3/export-jobs?statuses=pending'),
    );
    const big = jobs.data[0] as { id: string; numberOfItems: number };
    expect(big.numberOfItems).toBeGreaterThan(490_000);
    const deep = await json<{ data: unknown[]; pagination: { total: number } }>(
      await api(sim, token, `/v3/export-items?job_id=${big.id}&offset=450000&limit=500`),
    );
    expect(deep.data).toHaveLength(500);
    const pendingItems = await json<{ pagination: { total: number } }>(
      await api(sim, token, `/v3/export-jobs/${big.id}/items?status=pending&limit=1`),
    );
    expect(pendingItems.pagination.total).toBe(big.numberOfItems);
  });
});
