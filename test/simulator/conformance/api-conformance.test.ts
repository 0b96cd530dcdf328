import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALL_ROUTES } from '../../../src/simulator/api/router.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { defaultClient, narrowClient, signIn, start } from '../helpers.js';
import { Contract } from './contract.js';
import { UNDECLARED_STATUS_EXEMPTIONS } from './exemptions.js';

/**
 * Every operation the simulator serves, called over real HTTP (success, pagination, filters and
 * errors), and every answer checked against Pleo's published OpenAPI files with Ajv: the status
 * must be declared (or exempted with a reason written in docs/simulator.md), the content type
 * must be a declared one, and the body must validate against the declared schema.
 */

const contract = new Contract();
const exempt = new Set(UNDECLARED_STATUS_EXEMPTIONS.map((e) => e.status));
const MISSING = '00000000-0000-4000-8000-000000000000';
const MALFORMED = 'not-a-uuid';

type Body = Record<string, unknown> & {
  data?: unknown;
  pagination?: { endCursor?: string; startCursor?: string; hasNextPage: boolean; hasPreviousPage: boolean; total?: number };
};

describe('the contract check itself', () => {
  const employees = contract.find('GET', '/v2/employees')!;
  const answer = (status: number, body: unknown, contentType = 'application/json;charset=UTF-8') => ({
    status,
    contentType,
    text: JSON.stringify(body),
  });
  const page = (employee: Record<string, unknown>) => ({
    data: [employee],
    pagination: { currentRequestPagination: { parameters: {} }, hasNextPage: false, hasPreviousPage: false, total: 1 },
  });
  const anna = { id: MISSING, companyId: MISSING, email: 'a@b.example', firstName: 'A', lastName: 'B' };

  it('accepts a conforming answer and rejects a null optional member, a wrong type, a wrong content type and an undeclared status', () => {
    expect(contract.check(employees, answer(200, page(anna)))).toEqual([]);
    expect(contract.check(employees, answer(200, page({ ...anna, phone: null }))).join()).toMatch(/phone must be string/);
    expect(contract.check(employees, answer(200, page({ ...anna, id: 'x' }))).join()).toMatch(/must match format "uuid"/);
    expect(contract.check(employees, answer(200, page(anna), 'text/html')).join()).toMatch(/content type text\/html/);
    expect(contract.check(employees, answer(418, { type: 'TEAPOT' })).join()).toMatch(/status 418 is not declared/);
    expect(contract.check(employees, answer(401, { message: 'no type' }), { undeclaredStatusAllowed: true }).join()).toMatch(
      /required property 'type'/,
    );
  });

  it('reads hint patterns ("YYYY-MM-DD") as no pattern and checks the date-time format instead', () => {
    const items = contract.find('GET', '/v3/export-items')!;
    const validate = contract.validator(items, ['components', 'schemas', 'InvoiceInformationV3']);
    expect(validate({ invoiceDate: '2025-03-04T00:00:00Z', invoiceNumber: '1', status: 'paid' })).toBe(true);
    expect(validate({ invoiceDate: '2025-03-04', invoiceNumber: '1', status: 'paid' })).toBe(false);
  });
});

describe("the simulator answers as Pleo's published OpenAPI says (Ajv against the fixtures)", () => {
  let sim: Simulator;
  let token: string;
  let narrow: string;
  let dk: string;
  let se: string;
  /** "METHOD template" of the served route -> statuses seen. */
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    sim = await start();
    // Olivia's token reaches both companies of the organisation.
    token = (await signIn(sim, { scope: defaultClient(sim).scopes.join(' '), user: 2 })).tokens.access_token;
    narrow = (await signIn(sim, { client: narrowClient(sim), scope: narrowClient(sim).scopes.join(' '), user: 0 })).tokens.access_token;
    dk = sim.data.companies[0]?.id as string;
    se = sim.data.companies[1]?.id as string;
  });
  afterAll(() => sim.close());

  function servedRoute(method: string, pathname: string): string | undefined {
    const route = ALL_ROUTES.find(
      (r) =>
        r.method === method &&
        new RegExp(`^${r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[A-Za-z]+\}/g, '[^/:]+')}$`).test(pathname),
    );
    return route ? `${route.method} ${route.path}` : undefined;
  }

  async function call(
    method: string,
    path: string,
    expected: number,
    options: { body?: unknown; rawBody?: string; contentType?: string; bearer?: string | null } = {},
  ): Promise<Body> {
    const headers: Record<string, string> = {};
    const bearer = options.bearer === undefined ? token : options.bearer;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      body = options.rawBody ?? JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json;charset=UTF-8';
    }
    const response = await fetch(`${sim.info.apiBase}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    const where = `${method} ${path} -> ${response.status} ${text.slice(0, 300)}`;
    expect(response.status, where).toBe(expected);
    const pathname = new URL(path, sim.info.apiBase).pathname;
    const op =
      contract.find(method, decodeURIComponent(pathname)) ??
      (response.status === 405 ? contract.findPath(decodeURIComponent(pathname)) : undefined);
    expect(op, `${method} ${pathname} is served but not in Pleo's files`).toBeDefined();
    const problems = contract.check(
      op!,
      { status: response.status, contentType: response.headers.get('content-type'), text },
      { undeclaredStatusAllowed: exempt.has(response.status) },
    );
    expect.soft(problems, where).toEqual([]);
    // Success cases must send what Pleo's contract allows, so the answer is the one Pleo would give.
    if (expected < 300 && options.rawBody === undefined) {
      expect.soft(contract.checkRequest(op!, options.body), `request of ${where}`).toEqual([]);
      const declared = new Set(op!.parameters.filter((p) => p.in === 'query').map((p) => String(p.name)));
      const undeclared = [...new URL(path, sim.info.apiBase).searchParams.keys()].filter((k) => !declared.has(k));
      expect.soft(undeclared, `query parameters of ${where} that Pleo does not declare`).toEqual([]);
    }
    const route = servedRoute(method, decodeURIComponent(pathname));
    if (route) {
      if (!seen.has(route)) seen.set(route, new Set());
      seen.get(route)!.add(response.status);
    }
    return text ? (JSON.parse(text) as Body) : {};
  }

  /** Pages forward and back through a list and checks the envelope says what it holds. */
  async function paginate(method: string, path: string, options: { body?: unknown; sortKey?: string | null } = {}): Promise<void> {
    const sep = path.includes('?') ? '&' : '?';
    const first = await call(method, `${path}${sep}limit=2`, 200, options);
    const total = first.pagination?.total ?? 0;
    expect(Array.isArray(first.data)).toBe(true);
    if (total <= 2) return;
    expect(first.pagination?.hasNextPage).toBe(true);
    const second = await call(method, `${path}${sep}limit=2&after=${first.pagination?.endCursor}`, 200, options);
    expect(second.pagination?.hasPreviousPage).toBe(true);
    const back = await call(method, `${path}${sep}limit=2&before=${second.pagination?.startCursor}`, 200, options);
    expect(back.data).toEqual(first.data);
    await call(method, `${path}${sep}offset=1&limit=1`, 200, options);
    if (options.sortKey !== null)
      await call(method, `${path}${sep}sorting_keys=${options.sortKey ?? 'id'}&sorting_order=DESC`, 200, options);
    await call(method, `${path}${sep}after=not-base32`, 400, options);
    await call(method, `${path}${sep}limit=-1`, 400, options);
    await call(method, `${path}${sep}after=${first.pagination?.endCursor}&offset=1`, 400, options);
  }

  it('Oberon: employees and companies', async () => {
    await paginate('GET', '/v2/employees');
    // Whole lists, so every seeded record is validated, not just the first page.
    await call('GET', '/v2/employees?limit=1000', 200);
    const employees = await call('GET', `/v2/employees?companyId=${dk}&limit=100`, 200);
    const list = employees.data as Array<{ id: string; email: string; code?: string; phone?: string }>;
    expect(
      list.some((e) => e.code === undefined || e.phone === undefined),
      'an employee without code or phone shows the omission',
    ).toBe(true);
    await call('GET', `/v2/employees?email=${encodeURIComponent(list[0]!.email)}`, 200);
    const withCode = list.find((e) => e.code !== undefined);
    if (withCode) await call('GET', `/v2/employees?code=${encodeURIComponent(withCode.code!)}`, 200);
    await call('GET', `/v2/employees?companyId=${MALFORMED}`, 400);
    await call('GET', `/v2/employees/${list[0]!.id}`, 200);
    await call('GET', `/v2/employees/${MISSING}`, 404);
    await call('GET', `/v2/employees/${MALFORMED}`, 400);
    await call('GET', '/v2/employees', 401, { bearer: null });
    await call('GET', '/v2/employees', 401, { bearer: 'forged-token' });
    await call('GET', '/v2/employees', 403, { bearer: narrow });
    await call('DELETE', '/v2/employees', 405);

    await paginate('GET', '/v1/companies');
    await call('GET', `/v1/companies?organization_id=${sim.data.organization.id}`, 200);
    await call('GET', `/v1/companies?organization_id=${MISSING}`, 403);
    await call('GET', `/v1/companies?organization_id=${MALFORMED}`, 400);
    await call('GET', `/v1/companies/${dk}`, 200);
    await call('GET', `/v1/companies/${MISSING}`, 404);
    await call('GET', `/v1/companies/${MALFORMED}`, 400);
  });

  it('External Clients: introspection with jti', async () => {
    await call('GET', '/v1/introspect', 200);
    await call('GET', '/v1/introspect', 200, { bearer: narrow });
    await call('GET', '/v1/introspect', 401, { bearer: null });
  });

  it('OAuth introspection (RFC 7662) carries every member Pleo documents, jti included', async () => {
    const client = defaultClient(sim);
    const introspect = async (value: string): Promise<Record<string, unknown>> => {
      const response = await fetch(sim.info.introspectionEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token: value }).toString(),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const result = await introspect(token);
    for (const member of ['active', 'sub', 'exp', 'iat', 'client_id', 'aud', 'iss', 'jti', 'urn:pleo:params:oauth:subject_urn']) {
      expect(result, member).toHaveProperty(member);
    }
    expect(result.jti).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(String(result.jti)).not.toContain(token);
    // Stable for one token, different for another.
    expect((await introspect(token)).jti).toBe(result.jti);
    expect((await introspect(narrow)).jti ?? 'other-client').not.toBe(result.jti);
  });

  it('Tags: tag groups and tags', async () => {
    const groups = await call('GET', `/v0/tag-groups?company_id=${dk}`, 200);
    expect(groups.pagination, 'tag groups are a plain list').toBeUndefined();
    await call('GET', '/v0/tag-groups', 200);
    for (const company of [dk, se]) {
      const all = await call('GET', `/v0/tag-groups?company_id=${company}`, 200);
      for (const g of all.data as Array<{ id: string }>)
        await call('GET', `/v0/tag-groups/${g.id}/tags?include_archived=true&limit=1000`, 200);
      await call('GET', `/v0/tags?company_id=${company}&limit=1000`, 200);
    }
    await call('GET', `/v0/tag-groups?organization_id=${sim.data.organization.id}`, 200);
    await call('GET', `/v0/tag-groups?company_id=${MALFORMED}`, 400);
    const group = (groups.data as Array<{ id: string }>)[0]!;
    await call('GET', `/v0/tag-groups/${group.id}`, 200);
    await call('GET', `/v0/tag-groups/${MISSING}`, 404);
    await call('GET', `/v0/tag-groups/${MALFORMED}`, 400);
    await call('POST', `/v0/tag-groups?company_id=${dk}`, 201, { body: { archived: false, code: 'CONF', name: 'Conformance' } });
    await call('POST', `/v0/tag-groups?company_id=${dk}`, 409, { body: { archived: false, code: 'CONF', name: 'Again' } });
    await call('POST', `/v0/tag-groups?company_id=${dk}`, 400, { body: { code: 'X' } });
    await call('POST', `/v0/tag-groups?company_id=${dk}`, 400, { rawBody: '{"archived":' });
    await call('POST', `/v0/tag-groups?company_id=${dk}`, 415, { rawBody: 'archived=false', contentType: 'text/plain' });

    await paginate('GET', `/v0/tag-groups/${group.id}/tags`);
    await call('GET', `/v0/tag-groups/${group.id}/tags?include_archived=true`, 200);
    await call('GET', `/v0/tag-groups/${MISSING}/tags`, 404);
    await call('GET', `/v0/tag-groups/${MALFORMED}/tags`, 400);
    const created = await call('POST', `/v0/tag-groups/${group.id}/tags`, 201, { body: { archived: false, code: 'T-CONF' } });
    expect((created.data as Record<string, unknown>).name, 'a tag created without a name has no name member').toBeUndefined();
    await call('POST', `/v0/tag-groups/${group.id}/tags`, 409, { body: { archived: false, code: 'T-CONF' } });
    await call('POST', `/v0/tag-groups/${group.id}/tags`, 400, { body: { code: 5 } });

    await paginate('GET', `/v0/tags?company_id=${dk}`);
    const found = await call('GET', `/v0/tags?company_id=${dk}&text_search=a`, 200);
    await call('GET', `/v0/tags?company_id=${MALFORMED}`, 400);
    const tag = (found.data as Array<{ id: string }>)[0]!;
    await call('GET', `/v0/tags/${tag.id}`, 200);
    await call('GET', `/v0/tags/${(created.data as { id: string }).id}`, 200);
    await call('GET', `/v0/tags/${MISSING}`, 404);
    await call('GET', `/v0/tags/${MALFORMED}`, 400);
  });

  it('Tax codes: search, read, create, change, delete', async () => {
    await paginate('POST', `/v0/tax-codes:search?company_id=${dk}`, { body: {} });
    await call('POST', `/v0/tax-codes:search?company_id=${dk}`, 200);
    await call('POST', '/v0/tax-codes:search?limit=1000', 200, { body: {} });
    const archived = await call('POST', `/v0/tax-codes:search?company_id=${dk}`, 200, { body: { archived: true } });
    expect((archived.data as unknown[]).length).toBeGreaterThan(0);
    const reverse = await call('POST', `/v0/tax-codes:search?company_id=${dk}`, 200, { body: { type: 'reverse' } });
    const ids = (reverse.data as Array<{ id: string }>).map((t) => t.id);
    await call('POST', `/v0/tax-codes:search?company_id=${dk}`, 200, { body: { taxCodeIds: ids } });
    await call('POST', `/v0/tax-codes:search?company_id=${dk}`, 400, { body: { type: 'sometimes' } });
    await call('POST', `/v0/tax-codes:search?company_id=${MALFORMED}`, 400, { body: {} });
    const one = (reverse.data as Array<{ id: string }>)[0]!;
    await call('GET', `/v0/tax-codes/${one.id}`, 200);
    await call('GET', `/v0/tax-codes/${MISSING}`, 404);
    await call('GET', `/v0/tax-codes/${MALFORMED}`, 400);
    const input = { archived: false, companyId: dk, name: 'Conformance 25 %', rate: 0.25, type: 'inclusive' };
    const created = await call('POST', '/v0/tax-codes', 201, { body: input });
    const id = (created.data as { id: string }).id;
    // Tax code members Pleo declares nullable stay, as null.
    expect(created.data).toHaveProperty('code', null);
    await call('POST', '/v0/tax-codes', 400, { body: { ...input, rate: 'high' } });
    await call('PUT', `/v0/tax-codes/${id}`, 200, { body: { ...input, code: 'C25', ingoingTaxAccount: '5610' } });
    await call('PUT', `/v0/tax-codes/${MISSING}`, 404, { body: input });
    await call('PUT', `/v0/tax-codes/${MALFORMED}`, 400, { body: input });
    await call('DELETE', `/v0/tax-codes/${id}`, 204);
    await call('DELETE', `/v0/tax-codes/${id}`, 404);
    await call('DELETE', `/v0/tax-codes/${MALFORMED}`, 400);
  });

  it('Vendors: search, read, create (against our transcription of the Vendors API)', async () => {
    await paginate('POST', `/v1/vendors:search?company_id=${dk}`, { body: {} });
    await call('POST', `/v1/vendors:search?company_id=${dk}`, 200);
    await call('POST', `/v1/vendors:search?company_id=${se}&limit=1000`, 200, { body: {} });
    const active = await call('POST', `/v1/vendors:search?company_id=${dk}`, 200, { body: { states: ['ACTIVE'], countries: ['DK'] } });
    await call('POST', `/v1/vendors:search?company_id=${dk}`, 200, { body: { name: 'a' } });
    await call('POST', `/v1/vendors:search?company_id=${dk}`, 400, { body: { states: ['GONE'] } });
    await call('POST', '/v1/vendors:search', 400, { body: {} });
    const vendor = (active.data as Array<{ id: string }>)[0]!;
    await call('GET', `/v1/vendors/${vendor.id}`, 200);
    await call('GET', `/v1/vendors/${MISSING}`, 404);
    await call('GET', `/v1/vendors/${MALFORMED}`, 400);
    const created = await call('POST', '/v1/vendors', 201, {
      body: { companyId: dk, name: 'Conformance Supplies', defaultCurrency: 'DKK' },
    });
    expect(created.data).not.toHaveProperty('externalId');
    await call('POST', '/v1/vendors', 201, {
      body: { companyId: dk, name: 'Conformance ERP', defaultCurrency: 'DKK', externalId: 'ERP-CONF', code: 'V-CONF', country: 'DK' },
    });
    await call('POST', '/v1/vendors', 409, {
      body: { companyId: dk, name: 'Conformance ERP', defaultCurrency: 'DKK', externalId: 'ERP-CONF' },
    });
    await call('POST', '/v1/vendors', 400, { body: { companyId: dk, name: 'No currency' } });
  });

  it('Export API v3: jobs, events, job items and export items', async () => {
    await paginate('GET', '/v3/export-jobs');
    const pending = await call('GET', `/v3/export-jobs?company_id=${dk}&statuses=pending`, 200);
    await call('GET', `/v3/export-jobs?company_id=${dk}&statuses=completed&statuses=failed`, 200);
    await call('GET', '/v3/export-jobs?statuses=sleeping', 400);
    await call('GET', `/v3/export-jobs?company_id=${MALFORMED}`, 400);
    const job = (pending.data as Array<{ id: string }>)[0]!;
    await call('GET', `/v3/export-jobs/${job.id}`, 200);
    await call('GET', `/v3/export-jobs/${MISSING}`, 404);
    await call('GET', `/v3/export-jobs/${MALFORMED}`, 400);

    // Items of the running job, then claim it and report results.
    await paginate('GET', `/v3/export-items?job_id=${job.id}`, { sortKey: 'date' });
    const items = await call('GET', `/v3/export-items?job_id=${job.id}&limit=3`, 200);
    await call('GET', `/v3/export-items?job_id=${job.id}&sorting_keys=date&sorting_order=DESC&limit=3`, 200);
    await call('GET', `/v3/export-items?job_id=${MALFORMED}`, 400);
    await call('GET', `/v3/export-items?job_id=${MISSING}`, 404);
    await paginate('GET', `/v3/export-jobs/${job.id}/items`, { sortKey: null });
    await call('GET', `/v3/export-jobs/${job.id}/items?status=pending&limit=3`, 200);
    await call('GET', `/v3/export-jobs/${job.id}/items?status=sleeping`, 400);
    await call('GET', `/v3/export-jobs/${MISSING}/items`, 404);
    await call('GET', `/v3/export-jobs/${MALFORMED}/items`, 400);
    await call('POST', '/v3/export-job-events', 202, { body: { jobId: job.id, event: 'started' } });
    await call('POST', '/v3/export-job-events', 422, { body: { jobId: job.id, event: 'started' } });
    await call('POST', '/v3/export-job-events', 400, { body: { jobId: job.id, event: 'paused' } });
    const entryIds = (items.data as Array<{ accountingEntryId: string }>).map((i) => i.accountingEntryId);
    const update = await call('PUT', `/v3/export-jobs/${job.id}/items`, 200, {
      body: [
        {
          accountingEntryId: entryIds[0],
          status: 'successful',
          externalId: 'ERP-1',
          externalUrl: 'https://erp.example/1',
          exportedAt: '2026-01-02T03:04:05Z',
        },
        { accountingEntryId: entryIds[1], status: 'failed', failureReason: 'Unknown account', failureReasonType: 'account_unknown' },
        { accountingEntryId: MISSING, status: 'successful' },
      ],
    });
    expect((update.errors as unknown[]).length).toBe(1);
    await call('PUT', `/v3/export-jobs/${job.id}/items`, 400, { body: [{ accountingEntryId: entryIds[2], status: 'done' }] });
    await call('PUT', `/v3/export-jobs/${job.id}/items`, 413, {
      body: Array.from({ length: 101 }, () => ({ accountingEntryId: entryIds[2], status: 'successful' })),
    });
    await call('PUT', `/v3/export-jobs/${MISSING}/items`, 404, { body: [] });
    await call('PUT', `/v3/export-jobs/${MALFORMED}/items`, 400, { body: [] });
    await call('GET', `/v3/export-jobs/${job.id}/items?status=successful`, 200);

    // The hidden "job item of an entry" lookup.
    await call('GET', `/v3/export-job-items?company_id=${dk}&accounting_entry_id=${entryIds[0]}`, 200);
    await call('GET', `/v3/export-job-items?accounting_entry_id=${entryIds[1]}`, 200);
    await call('GET', `/v3/export-job-items?company_id=${dk}&accounting_entry_id=${MISSING}`, 404);
    await call('GET', `/v3/export-job-items?accounting_entry_id=${MALFORMED}`, 400);

    await call('POST', '/v3/export-job-events', 202, { body: { jobId: job.id, event: 'completed_with_errors' } });
    await call('PUT', `/v3/export-jobs/${job.id}/items`, 422, { body: [{ accountingEntryId: entryIds[2], status: 'successful' }] });
    await call('GET', `/v3/export-items?job_id=${job.id}`, 422);

    // Every entry (no job_id), a new job with vendor-based bookkeeping, and its failure.
    const all = await call('GET', `/v3/export-items?limit=5&offset=${Math.floor(sim.data.entries / 2)}`, 200);
    // Every generated entry (1,000 in this simulator), each entry type and shape.
    await call('GET', '/v3/export-items?limit=1000', 200);
    const seIds = (all.data as Array<{ accountingEntryId: string }>).map((i) => i.accountingEntryId);
    const created = await call('POST', '/v3/export-jobs', 201, {
      body: { companyId: se, accountingEntryIds: seIds, options: { vendorBasedBookkeeping: true } },
    });
    const newJob = (created.data as { id: string }).id;
    await call('POST', '/v3/export-jobs', 409, { body: { companyId: se, accountingEntryIds: seIds } });
    await call('POST', '/v3/export-jobs', 400, { body: { companyId: se } });
    await call('POST', '/v3/export-jobs', 400, { body: { companyId: se, accountingEntryIds: ['entry-1'] } });
    await call('GET', `/v3/export-items?job_id=${newJob}`, 200);
    await call('GET', '/v3/export-jobs?limit=1000', 200);
    for (const j of (await call('GET', '/v3/export-jobs?limit=1000', 200)).data as Array<{ id: string }>) {
      await call('GET', `/v3/export-jobs/${j.id}/items?limit=1000`, 200);
    }
    await call('POST', '/v3/export-job-events', 202, {
      body: { jobId: newJob, event: 'failed', failureReason: 'ERP down', failureReasonType: 'accounting_system_unreachable' },
    });
    await call('GET', `/v3/export-jobs/${newJob}`, 200);
    await call('GET', `/v3/export-jobs/${newJob}/items`, 200);
    await call('POST', '/v3/export-job-events', 404, { body: { jobId: MISSING, event: 'started' } });

    // Vendor-based bookkeeping adds vendor and bookkeeping members: validate them on every entry of a company.
    const range = sim.data.entryRanges.find((r) => r.companyId === se)!;
    const seAll = await call('GET', `/v3/export-items?offset=${range.from}&limit=${Math.min(range.count, 1000)}`, 200);
    const ids = (seAll.data as Array<{ accountingEntryId: string; companyId: string }>)
      .filter((i) => i.companyId === se)
      .map((i) => i.accountingEntryId);
    const vbb = await call('POST', '/v3/export-jobs', 201, {
      body: { companyId: se, accountingEntryIds: ids, options: { vendorBasedBookkeeping: true } },
    });
    const vbbItems = await call('GET', `/v3/export-items?job_id=${(vbb.data as { id: string }).id}&limit=1000`, 200);
    expect((vbbItems.data as Array<{ vendor?: unknown }>).some((i) => i.vendor !== undefined)).toBe(true);
  });

  it('App Marketplace: installation of the calling client (delete last: it revokes the tokens)', async () => {
    const mine = await signIn(sim, { scope: 'test:test', user: 1 });
    const own = mine.tokens.access_token;
    await call('GET', '/v1/installations/me', 200, { bearer: own });
    await call('PUT', '/v1/installations/me', 200, {
      bearer: own,
      body: { status: 'PENDING_INTEGRATION', metadata: { erp: { name: 'demo' } } },
    });
    await call('POST', '/v1/installations/me:activate', 200, { bearer: own });
    await call('POST', '/v1/installations/me', 200, { bearer: own, body: { status: 'INACTIVE', errorCode: 'AUTH_ERROR' } });
    await call('POST', '/v1/installations/me', 400, { bearer: own, body: { status: 'ACTIVATED', errorCode: 'AUTH_ERROR' } });
    await call('PUT', '/v1/installations/me', 400, { bearer: own, body: { status: 'SLEEPING' } });
    await call('DELETE', '/v1/installations/me', 204, { bearer: own });
    await call('GET', '/v1/installations/me', 401, { bearer: own });
    // A fresh sign-in creates the installation again; POST creates it when it is missing.
    const again = (await signIn(sim, { scope: 'test:test', user: 1 })).tokens.access_token;
    await call('DELETE', '/v1/installations/me', 204, { bearer: again });
    const third = (await signIn(sim, { scope: 'test:test', user: 1 })).tokens.access_token;
    await call('GET', '/v1/installations/me', 200, { bearer: third });
  });

  it('called every operation the simulator serves, each with a success answer', () => {
    const missing = ALL_ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => ![...(seen.get(k) ?? [])].some((s) => s < 300));
    expect(missing).toEqual([]);
  });

  it('every exemption is written down in docs/simulator.md', () => {
    const docs = readFileSync(new URL('../../../docs/simulator.md', import.meta.url), 'utf8');
    for (const e of UNDECLARED_STATUS_EXEMPTIONS) expect(docs, `${e.status}: ${e.docs}`).toContain(e.docs);
  });
});
