import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, defaultClient, json, signIn, start } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The documented response shapes of the simulated External API resources. */
describe('External API: resources', () => {
  let sim: Simulator;
  let token: string;
  let dk: string;
  beforeAll(async () => {
    sim = await start();
    token = (await signIn(sim, { scope: defaultClient(sim).scopes.join(' '), user: 2 })).tokens.access_token;
    dk = sim.data.companies[0]?.id as string;
  });
  afterAll(() => sim.close());

  const get = async <T = Record<string, unknown>>(path: string, init: RequestInit = {}, status = 200): Promise<T> => {
    const response = await api(sim, token, path, init);
    expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    return json<T>(response);
  };

  it('serves employees with the Oberon model and at least 50 of them', async () => {
    const list = await get<{ data: Array<Record<string, unknown>>; pagination: { total: number } }>('/v2/employees?limit=1000');
    expect(list.pagination.total).toBeGreaterThanOrEqual(50);
    for (const employee of list.data) {
      // Members without a value are left out (optional, not nullable in Pleo's spec).
      expect(['code', 'companyId', 'email', 'firstName', 'id', 'jobTitle', 'lastName', 'phone']).toEqual(
        expect.arrayContaining(Object.keys(employee)),
      );
      expect(Object.keys(employee)).toEqual(expect.arrayContaining(['companyId', 'email', 'firstName', 'id', 'lastName']));
      expect(Object.values(employee)).not.toContain(null);
      expect(employee.id).toMatch(UUID);
      expect(employee.email).toMatch(/@nordlys-(dk|se)\.example$/);
    }
    expect(new Set(list.data.map((e) => e.email)).size).toBe(list.data.length);
    const one = list.data[5] as { id: string; email: string; code: string | null };
    expect(await get(`/v2/employees/${one.id}`)).toEqual({ data: list.data[5] });
    const byEmail = await get<{ data: unknown[] }>(`/v2/employees?email=${encodeURIComponent(one.email)}`);
    expect(byEmail.data).toEqual([list.data[5]]);
    expect(await get('/v2/employees/00000000-0000-4000-8000-000000000000', {}, 404)).toMatchObject({ type: 'NOT_FOUND' });
  });

  it('serves two companies of one organisation', async () => {
    const list = await get<{ data: Array<Record<string, unknown>> }>('/v1/companies');
    expect(list.data).toHaveLength(2);
    for (const company of list.data) {
      expect(company).toMatchObject({ organizationId: sim.data.organization.id });
      expect(['addressLine1', 'addressLine2', 'country', 'locality', 'postalCode', 'region']).toEqual(
        expect.arrayContaining(Object.keys(company.address as object)),
      );
      expect(Object.values(company.address as object)).not.toContain(null);
    }
    expect((await get<{ data: { name: string } }>(`/v1/companies/${dk}`)).data.name).toBe('Nordlys Danmark ApS');
    const byOrg = await get<{ data: unknown[] }>(`/v1/companies?organization_id=${sim.data.organization.id}`);
    expect(byOrg.data).toHaveLength(2);
  });

  it('serves tag groups (plain list) and tags (paginated), and creates them', async () => {
    const groups = await get<{ data: Array<{ id: string; code: string; archived: boolean; companyId: string }> }>(
      `/v0/tag-groups?company_id=${dk}`,
    );
    expect(groups).not.toHaveProperty('pagination');
    expect(groups.data.map((g) => g.code)).toEqual(['DEPT', 'PROJ', 'CC', 'REG']);
    expect(groups.data.find((g) => g.code === 'REG')?.archived).toBe(true);
    const dept = groups.data[0] as { id: string };
    const tags = await get<{ data: Array<{ groupId: string; code: string }>; pagination: { total: number } }>(
      `/v0/tag-groups/${dept.id}/tags`,
    );
    expect(tags.pagination.total).toBe(5);
    expect(tags.data.every((t) => t.groupId === dept.id)).toBe(true);
    const search = await get<{ data: Array<{ name: string }> }>(`/v0/tags?company_id=${dk}&text_search=aurora`);
    expect(search.data.map((t) => t.name)).toEqual(['Project Aurora']);

    const created = await get<{ data: { id: string; code: string } }>(
      `/v0/tag-groups?company_id=${dk}`,
      {
        method: 'POST',
        body: JSON.stringify({ archived: false, code: 'EVT', name: 'Event' }),
      },
      201,
    );
    expect(created.data.code).toBe('EVT');
    const tag = await get<{ data: { groupId: string } }>(
      `/v0/tag-groups/${created.data.id}/tags`,
      {
        method: 'POST',
        body: JSON.stringify({ archived: false, code: 'E-1', name: 'Kick-off' }),
      },
      201,
    );
    expect(tag.data.groupId).toBe(created.data.id);
    expect(
      await get(
        `/v0/tag-groups?company_id=${dk}`,
        { method: 'POST', body: JSON.stringify({ archived: false, code: 'EVT', name: 'Again' }) },
        409,
      ),
    ).toMatchObject({ type: 'CONFLICT' });
  });

  it('searches, reads and writes tax codes', async () => {
    const all = await get<{ data: Array<{ id: string; rate: number; type: string; archived: boolean }> }>(
      `/v0/tax-codes:search?company_id=${dk}`,
      { method: 'POST', body: '{}' },
    );
    expect(all.data.length).toBeGreaterThanOrEqual(4);
    expect(all.data.every((t) => t.rate >= 0 && t.rate < 1)).toBe(true);
    const reverse = await get<{ data: Array<{ type: string }> }>(`/v0/tax-codes:search?company_id=${dk}`, {
      method: 'POST',
      body: JSON.stringify({ type: 'reverse', archived: false }),
    });
    expect(reverse.data.map((t) => t.type)).toEqual(['reverse']);
    // Percent-encoded ":" reaches the same operation.
    expect((await api(sim, token, `/v0/tax-codes%3Asearch?company_id=${dk}`, { method: 'POST', body: '{}' })).status).toBe(200);

    const created = await get<{ data: { id: string } }>(
      '/v0/tax-codes',
      {
        method: 'POST',
        body: JSON.stringify({ archived: false, companyId: dk, name: 'Test 10 %', rate: 0.1, type: 'inclusive', code: 'T10' }),
      },
      201,
    );
    expect((await get<{ data: { rate: number } }>(`/v0/tax-codes/${created.data.id}`)).data.rate).toBe(0.1);
    const invalid = await get(
      '/v0/tax-codes',
      { method: 'POST', body: JSON.stringify({ companyId: dk, name: 'x', rate: 2, type: 'weird', archived: false }) },
      400,
    );
    expect(invalid).toMatchObject({ type: 'VALIDATION_FAILED' });
    expect((await api(sim, token, `/v0/tax-codes/${created.data.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('searches and creates vendors', async () => {
    const all = await get<{ data: Array<Record<string, unknown>>; pagination: { total: number } }>(`/v1/vendors:search?company_id=${dk}`, {
      method: 'POST',
      body: '{}',
    });
    expect(all.pagination.total).toBeGreaterThanOrEqual(15);
    expect(new Set(all.data.map((v) => v.state))).toEqual(new Set(['ACTIVE', 'DRAFT', 'ARCHIVED']));
    expect(all.data[0]).not.toHaveProperty('mcc');
    const drafts = await get<{ data: Array<{ state: string }> }>(`/v1/vendors:search?company_id=${dk}`, {
      method: 'POST',
      body: JSON.stringify({ states: ['DRAFT'] }),
    });
    expect(drafts.data.length).toBeGreaterThan(0);
    expect(drafts.data.every((v) => v.state === 'DRAFT')).toBe(true);
    const created = await get<{ data: { id: string; state: string } }>(
      '/v1/vendors',
      {
        method: 'POST',
        body: JSON.stringify({ companyId: dk, name: 'New Supplier ApS', defaultCurrency: 'DKK', externalId: 'ERP-NEW-1' }),
      },
      201,
    );
    expect(created.data.state).toBe('ACTIVE');
    expect((await get<{ data: { id: string } }>(`/v1/vendors/${created.data.id}`)).data.id).toBe(created.data.id);
    expect(
      await get(
        '/v1/vendors',
        { method: 'POST', body: JSON.stringify({ companyId: dk, name: 'Dup', defaultCurrency: 'DKK', externalId: 'ERP-NEW-1' }) },
        409,
      ),
    ).toMatchObject({ type: 'VENDOR_ALREADY_EXISTS' });
    expect(await get('/v1/vendors:search', { method: 'POST', body: '{}' }, 400)).toMatchObject({ type: 'PARAMETER_VALIDATION_FAILED' });
  });

  it('answers errors as { type, message }', async () => {
    expect(await get('/v9/nothing', {}, 404)).toMatchObject({ type: 'NOT_FOUND' });
    const wrongMethod = await api(sim, token, '/v2/employees', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await get('/v1/vendors', { method: 'POST', body: '{"broken":' }, 400)).toEqual({
      type: 'JSON_MAPPING_EXCEPTION',
      message: 'The request body is not valid JSON',
    });
  });
});
