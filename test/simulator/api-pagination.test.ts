import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CursorPage as Page } from '../../src/simulator/api/pagination.js';
import type { Employee } from '../../src/simulator/data/model.js';
import type { Simulator } from '../../src/simulator/index.js';
import { api, json, signIn, start } from './helpers.js';

/** Pleo's cursor pagination: before/after/offset (mutually exclusive), limit, sorting, envelope. */
describe('External API: pagination', () => {
  let sim: Simulator;
  let token: string;
  const CURSOR = /^[A-Z2-7=~]+$/;
  beforeAll(async () => {
    sim = await start();
    // The organisation user sees every employee of both companies.
    token = (await signIn(sim, { scope: 'users:read export-items:read', user: 2 })).tokens.access_token;
  });
  afterAll(() => sim.close());

  const page = async (query: string): Promise<Page<Employee>> => {
    const response = await api(sim, token, `/v2/employees${query}`);
    expect(response.status).toBe(200);
    return json<Page<Employee>>(response);
  };

  it('wraps lists in the documented envelope', async () => {
    const result = await page('?limit=10&email=');
    expect(Object.keys(result).sort()).toEqual(['data', 'pagination']);
    expect(result.data).toHaveLength(10);
    expect(result.pagination).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      total: 60,
      currentRequestPagination: { parameters: { email: [''] }, limit: 10, sortingKeys: [], sortingOrder: [] },
    });
    expect(result.pagination.startCursor).toMatch(CURSOR);
    expect(result.pagination.endCursor).toMatch(CURSOR);
  });

  it('walks forward with after=endCursor through every item exactly once', async () => {
    const seen: string[] = [];
    let query = '?limit=7';
    let cursor: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      const result = await page(query);
      seen.push(...result.data.map((e) => e.id));
      // Each page echoes the cursor it was asked for (none on the first page).
      expect(result.pagination.currentRequestPagination.after).toBe(cursor);
      if (!result.pagination.hasNextPage) break;
      cursor = result.pagination.endCursor;
      query = `?limit=7&after=${cursor}`;
      expect(result.pagination.currentRequestPagination.after ?? 'first').toBeTruthy();
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('walks backward with before=startCursor', async () => {
    const third = await page('?limit=10&offset=20');
    expect(third.pagination.hasPreviousPage).toBe(true);
    const second = await page(`?limit=10&before=${third.pagination.startCursor}`);
    const direct = await page('?limit=10&offset=10');
    expect(second.data.map((e) => e.id)).toEqual(direct.data.map((e) => e.id));
    expect(second.pagination.currentRequestPagination.before).toBe(third.pagination.startCursor);
  });

  it('supports offset and echoes it', async () => {
    const result = await page('?offset=55&limit=10');
    expect(result.data).toHaveLength(5);
    expect(result.pagination.hasNextPage).toBe(false);
    expect(result.pagination.currentRequestPagination.offset).toBe(55);
    const beyond = await page('?offset=500');
    expect(beyond.data).toEqual([]);
    expect(beyond.pagination.startCursor).toBeUndefined();
  });

  it.each([
    ['?before=AAAA&after=AAAA', /cannot be used together/],
    ['?offset=1&after=OA5DA===', /cannot be used together/],
    ['?after=not-a-cursor', /not a valid cursor/],
    ['?after=MFRGG===', /not a valid cursor/],
    ['?limit=-1', /limit/],
    ['?limit=ten', /limit/],
    ['?sorting_keys=lastName&sorting_keys=firstName&sorting_order=ASC', /one entry per sorting_keys/],
    ['?sorting_keys=salary', /cannot sort by salary/],
    ['?sorting_keys=lastName&sorting_order=SIDEWAYS', /unknown sorting_order/],
  ])('rejects %s with 400 PARAMETER_VALIDATION_FAILED', async (query, message) => {
    const response = await api(sim, token, `/v2/employees${query}`);
    expect(response.status).toBe(400);
    const body = await json<{ type: string; message: string }>(response);
    expect(body.type).toBe('PARAMETER_VALIDATION_FAILED');
    expect(body.message).toMatch(message);
  });

  it('sorts by the given keys and orders', async () => {
    const result = await page('?limit=100&sorting_keys=lastName&sorting_keys=firstName&sorting_order=DESC&sorting_order=ASC');
    const names = result.data.map((e) => [e.lastName, e.firstName] as const);
    const sorted = [...names].sort((a, b) => b[0].localeCompare(a[0], 'en') || a[1].localeCompare(b[1], 'en'));
    expect(names).toEqual(sorted);
    expect(result.pagination.currentRequestPagination.sortingKeys).toEqual(['lastName', 'firstName']);
    expect(result.pagination.currentRequestPagination.sortingOrder).toEqual(['DESC', 'ASC']);
  });

  it('puts nulls where the NULLS_FIRST / NULLS_LAST orders say', async () => {
    const first = await page('?limit=100&sorting_keys=code&sorting_order=ASC_NULLS_FIRST');
    const last = await page('?limit=100&sorting_keys=code&sorting_order=ASC_NULLS_LAST');
    // An employee without a code has no `code` member (Pleo's spec: optional, not nullable).
    const nulls = first.data.filter((e) => e.code === undefined).length;
    expect(nulls).toBeGreaterThan(0);
    expect(first.data.slice(0, nulls).every((e) => e.code === undefined)).toBe(true);
    expect(last.data.slice(-nulls).every((e) => e.code === undefined)).toBe(true);
  });

  it('caps limit at 1000 and defaults to 100', async () => {
    const items = await json<Page<unknown>>(await api(sim, token, '/v3/export-items?limit=5000'));
    expect(items.data).toHaveLength(1000);
    expect(items.pagination.currentRequestPagination.limit).toBe(1000);
    const defaults = await json<Page<unknown>>(await api(sim, token, '/v3/export-items'));
    expect(defaults.data).toHaveLength(100);
  });

  it('sorts export items by date in both directions', async () => {
    const asc = await json<Page<{ date: string }>>(await api(sim, token, '/v3/export-items?limit=20&sorting_keys=date&sorting_order=ASC'));
    const desc = await json<Page<{ date: string }>>(
      await api(sim, token, '/v3/export-items?limit=20&sorting_keys=date&sorting_order=DESC'),
    );
    const dates = asc.data.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
    const descDates = desc.data.map((i) => i.date);
    expect(descDates).toEqual([...descDates].sort().reverse());
  });
});
