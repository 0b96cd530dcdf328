import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, json, narrowClient, signIn, start } from './helpers.js';

/** Resource-server rules: 401 with WWW-Authenticate invalid_token, 403 insufficient_scope, subjects. */
describe('External API: authentication and scopes', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  async function expect401(response: Response, pattern: RegExp): Promise<void> {
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain('error="invalid_token"');
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = await json<{ type: string; message: string }>(response);
    expect(body.type).toBe('UNAUTHORIZED');
    expect(body.message).toMatch(pattern);
  }

  it('answers 401 invalid_token without a token', async () => {
    await expect401(await api(sim, undefined, '/v2/employees'), /missing/);
  });

  it('answers 401 for a token in the query string (Pleo: header only)', async () => {
    const { tokens } = await signIn(sim, { scope: 'users:read' });
    await expect401(await api(sim, undefined, `/v2/employees?access_token=${tokens.access_token}`), /missing/);
  });

  it('answers 401 for an unknown token and a non-Bearer header', async () => {
    await expect401(await api(sim, 'garbage-token', '/v2/employees'), /unknown|revoked/);
    await expect401(await fetch(`${sim.info.apiBase}/v2/employees`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } }), /not a Bearer/);
  });

  it('answers 401 for an expired token (by the simulator clock)', async () => {
    const short = await start({ tokenTtlSeconds: 60 });
    try {
      const { tokens } = await signIn(short, { scope: 'users:read' });
      expect((await api(short, tokens.access_token, '/v2/employees?limit=1')).status).toBe(200);
      short.advanceClock(61_000);
      await expect401(await api(short, tokens.access_token, '/v2/employees?limit=1'), /expired/);
    } finally {
      await short.close();
    }
  });

  it('a token refreshed after the clock moved past expiry is valid for its full lifetime', async () => {
    const short = await start({ tokenTtlSeconds: 60 });
    try {
      const signed = await signIn(short, { scope: 'users:read' });
      short.advanceClock(61_000);
      await expect401(await api(short, signed.tokens.access_token, '/v2/employees?limit=1'), /expired/);
      const next = await oidc.refreshTokenGrant(signed.config, signed.tokens.refresh_token as string);
      expect((await api(short, next.access_token, '/v2/employees?limit=1')).status).toBe(200);
      short.advanceClock(61_000);
      await expect401(await api(short, next.access_token, '/v2/employees?limit=1'), /expired/);
    } finally {
      await short.close();
    }
  });

  it('answers 401 for a revoked token', async () => {
    const { tokens } = await signIn(sim, { scope: 'users:read' });
    expect(sim.revokeAll()).toBeGreaterThan(0);
    await expect401(await api(sim, tokens.access_token, '/v2/employees'), /unknown|revoked/);
  });

  it('accepts the scheme name case-insensitively', async () => {
    const { tokens } = await signIn(sim, { scope: 'users:read' });
    const response = await fetch(`${sim.info.apiBase}/v2/employees?limit=1`, {
      headers: { authorization: `bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
  });

  it('answers 403 insufficient_scope naming the missing scope', async () => {
    const { tokens } = await signIn(sim, { client: narrowClient(sim), scope: 'companies:read test:test' });
    const response = await api(sim, tokens.access_token, '/v2/employees');
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="users:read"');
    expect(await json(response)).toMatchObject({ type: 'INSUFFICIENT_SCOPE' });
    // The scope it has works.
    expect((await api(sim, tokens.access_token, '/v1/companies')).status).toBe(200);
  });

  it.each([
    ['GET', '/v2/employees', 'users:read'],
    ['GET', '/v1/companies', 'companies:read'],
    ['GET', '/v3/export-jobs', 'export-jobs:read'],
    ['POST', '/v3/export-job-events', 'export-jobs:write'],
    ['GET', '/v3/export-items', 'export-items:read'],
    ['GET', '/v0/tag-groups', 'tag-groups:read'],
    ['POST', '/v0/tax-codes:search', 'tax-codes:read'],
    ['POST', '/v1/vendors:search?company_id=00000000-0000-4000-8000-000000000000', 'vendors:read'],
  ])('enforces the documented scope on %s %s (%s)', async (method, path, scope) => {
    const { tokens } = await signIn(sim, { scope: 'test:test' });
    const response = await api(sim, tokens.access_token, path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain(`scope="${scope}"`);
  });

  it('limits a company token to its company and lets an organisation token see all', async () => {
    const [dk, se] = sim.data.companies;
    const company = await signIn(sim, { scope: 'users:read companies:read', user: 0 });
    const list = await json<{ data: Array<{ companyId: string }>; pagination: { total: number } }>(
      await api(sim, company.tokens.access_token, '/v2/employees?limit=1000'),
    );
    expect(new Set(list.data.map((e) => e.companyId))).toEqual(new Set([dk?.id]));
    expect((await api(sim, company.tokens.access_token, `/v2/employees?companyId=${se?.id}`)).status).toBe(403);
    expect((await api(sim, company.tokens.access_token, `/v1/companies/${se?.id}`)).status).toBe(403);

    const org = await signIn(sim, { scope: 'users:read companies:read', user: 2 });
    const all = await json<{ pagination: { total: number } }>(await api(sim, org.tokens.access_token, '/v2/employees'));
    expect(all.pagination.total).toBeGreaterThanOrEqual(50);
    const companies = await json<{ data: unknown[] }>(await api(sim, org.tokens.access_token, '/v1/companies'));
    expect(companies.data).toHaveLength(2);
  });

  it("revokes all of the client's tokens on DELETE /v1/installations/me", async () => {
    const a = await signIn(sim, { scope: 'test:test' });
    const b = await signIn(sim, { scope: 'users:read' });
    const me = await api(sim, a.tokens.access_token, '/v1/installations/me');
    expect(me.status).toBe(200);
    const activated = await api(sim, a.tokens.access_token, '/v1/installations/me:activate', { method: 'POST' });
    expect(await json(activated)).toMatchObject({ status: 'ACTIVATED' });

    const deleted = await api(sim, a.tokens.access_token, '/v1/installations/me', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await api(sim, a.tokens.access_token, '/v1/introspect')).status).toBe(401);
    expect((await api(sim, b.tokens.access_token, '/v2/employees')).status).toBe(401);
    const refresh = await oidc.refreshTokenGrant(b.config, b.tokens.refresh_token as string).then(
      () => undefined,
      (e: unknown) => e as { error?: string },
    );
    expect(refresh?.error).toBe('invalid_grant');
  });
});
