import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, basic, browse, defaultClient, json, oidcConfig, signIn, start } from './helpers.js';

/** Fault injection (TK, RF and API cases of the security test plan) and the control interface. */
describe('fault injection', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ mode: 'test' });
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  async function tokenFor(scope = 'users:read'): Promise<string> {
    return (await signIn(sim, { scope })).tokens.access_token;
  }

  it('adds latency to matching requests only', async () => {
    const token = await tokenFor();
    sim.faults.set({ target: 'api', pathPrefix: '/v2/employees', delayMs: 300, count: 1 });
    const t = performance.now();
    expect((await api(sim, token, '/v2/employees?limit=1')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expect((await api(sim, token, '/v2/employees?limit=1')).status).toBe(200);
    // Only the first request was delayed (checked in the log, not by wall clock, so a busy CI
    // machine cannot make this flaky).
    const [delayed, normal] = sim
      .accessLog()
      .filter((e) => e.path === '/v2/employees')
      .slice(-2);
    expect(delayed?.fault).toMatch(/\+300ms/);
    expect(normal?.fault).toBeUndefined();
  });

  it('answers 429 with Retry-After for the next N requests, then recovers', async () => {
    const token = await tokenFor();
    sim.faults.set({ target: 'api', count: 2, action: { type: 'status', status: 429, retryAfter: 5 } });
    for (let i = 0; i < 2; i += 1) {
      const response = await api(sim, token, '/v2/employees');
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await json(response)).toMatchObject({ type: 'RATE_LIMITED' });
    }
    expect((await api(sim, token, '/v2/employees')).status).toBe(200);
    expect(sim.faults.list()).toEqual([]);
    expect(sim.accessLog().filter((e) => e.fault?.includes('status')).length).toBeGreaterThanOrEqual(2);
  });

  it.each([500, 502, 503, 504])('injects %i on the API', async (status) => {
    const token = await tokenFor();
    sim.faults.set({ target: 'api', count: 1, action: { type: 'status', status } });
    const response = await api(sim, token, '/v1/introspect');
    expect(response.status).toBe(status);
    expect(await json(response)).toMatchObject({ type: 'INTERNAL_ERROR' });
  });

  it('targets refreshes without touching code exchanges (RF-06)', async () => {
    sim.faults.set({ target: 'token', grantType: 'refresh_token', action: { type: 'status', status: 503 } });
    const { config, tokens } = await signIn(sim, { scope: 'test:test' });
    const error = await oidc.refreshTokenGrant(config, tokens.refresh_token as string).then(
      () => undefined,
      (e: unknown) => e as { code?: string; cause?: { status?: number } },
    );
    expect(error?.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
    expect(error?.cause?.status).toBe(503);
    expect(
      sim
        .accessLog()
        .filter((e) => e.path === '/oauth/token')
        .map((e) => [e.grantType, e.status]),
    ).toContainEqual(['refresh_token', 503]);
    sim.faults.clear();
    // The refresh token was never seen by the AS, so it still works.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.access_token).toBeTruthy();
  });

  it('answers an oversized token request read for a grant-type rule with 413, not 500', async () => {
    sim.faults.set({ target: 'token', grantType: 'refresh_token', action: { type: 'status', status: 503 } });
    const response = await fetch(sim.info.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${'x'.repeat(60 * 1024)}`,
    });
    expect(response.status).toBe(413);
    expect(await json(response)).toMatchObject({ type: 'PAYLOAD_TOO_LARGE' });
  });

  it('serves malformed token responses (TK-05)', async () => {
    sim.faults.set({ target: 'token', count: 1, action: { type: 'status', status: 200, body: '{"access_token":' } });
    await expect(signIn(sim, { scope: 'test:test' })).rejects.toThrow();
  });

  it('edits token responses: odd fields (TK-10) and a missing refresh token (TK-12)', async () => {
    sim.faults.set({ target: 'token', count: 1, action: { type: 'patch-json', set: { expires_in: -5, token_type: 'mac' } } });
    await expect(signIn(sim, { scope: 'test:test' })).rejects.toMatchObject({ code: 'OAUTH_INVALID_RESPONSE' });

    sim.faults.set({ target: 'token', count: 1, action: { type: 'patch-json', remove: ['refresh_token'] } });
    const { tokens } = await signIn(sim, { scope: 'test:test' });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.access_token).toBeTruthy();
  });

  it('drops connections (TK-03) and cuts bodies mid-stream (API-14)', async () => {
    const token = await tokenFor();
    sim.faults.set({ target: 'api', count: 1, action: { type: 'drop' } });
    await expect(api(sim, token, '/v2/employees')).rejects.toThrow();

    sim.faults.set({ target: 'api', count: 1, action: { type: 'truncate', afterBytes: 100 } });
    const response = await api(sim, token, '/v2/employees?limit=50');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('trickles a slow body (TK-04)', async () => {
    const token = await tokenFor();
    sim.faults.set({ target: 'api', count: 1, action: { type: 'slow-body', chunkBytes: 200, intervalMs: 50 } });
    const started = performance.now();
    const response = await api(sim, token, '/v2/employees?limit=5');
    const body = await response.text();
    expect(JSON.parse(body).data).toHaveLength(5);
    expect(performance.now() - started).toBeGreaterThan(Math.floor(body.length / 200) * 50 - 60);
  });

  // "Promptly" is bounded by the test timeout, not a stopwatch: close() must not wait for the
  // hanging request (if it did, it would never resolve).
  it('hangs the token endpoint (TK-02) and still closes', async () => {
    const other = await start({ mode: 'test' });
    other.faults.set({ target: 'token', action: { type: 'hang' } });
    const client = defaultClient(other);
    const pending = fetch(other.info.tokenEndpoint, {
      method: 'POST',
      headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x',
      signal: AbortSignal.timeout(300),
    });
    await expect(pending).rejects.toThrow();
    await other.close();
    await expect(fetch(other.info.tokenEndpoint, { method: 'POST' })).rejects.toThrow();
  });

  it('replaces or removes iss in the authorization response (CB-18, CB-19)', async () => {
    sim.faults.set({ target: 'authorize', count: 1, action: { type: 'redirect-params', set: { iss: 'https://other.example' } } });
    const config = oidcConfig(sim);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'io.pleo.partnerdesktop:/oauth/callback',
      scope: 'test:test',
      state: 'st',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const { callback } = await browse(sim, url.href);
    expect(callback?.searchParams.get('iss')).toBe('https://other.example');
    // The rule was used by the redirect to the client, not by the login redirects before it.
    expect(sim.faults.list()).toEqual([]);
    await expect(
      oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: 'st' }),
    ).rejects.toThrow();
  });

  it('exposes the control interface over HTTP in test mode', async () => {
    const control = sim.control!.url;
    // Every control request carries the per-run secret (security issue 11, point 1).
    const fetch = (url: string, init: RequestInit = {}) =>
      globalThis.fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), [sim.control!.header]: sim.control!.secret },
      });
    const set = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [{ target: 'api', pathPrefix: '/v1/companies', count: 1, action: { type: 'status', status: 503, retryAfter: '1' } }],
      }),
    });
    expect(set.status).toBe(200);
    expect((await json<{ rules: unknown[] }>(await fetch(`${control}/faults`))).rules).toHaveLength(1);
    const token = await tokenFor('companies:read users:read');
    expect((await api(sim, token, '/v2/employees')).status).toBe(200);
    expect((await api(sim, token, '/v1/companies')).status).toBe(503);
    expect((await api(sim, token, '/v1/companies')).status).toBe(200);

    const bad = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'nowhere' }),
    });
    expect(bad.status).toBe(400);

    const clock = await json<{ offsetMs: number }>(
      await fetch(`${control}/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 1000 }) }),
    );
    expect(clock.offsetMs).toBeGreaterThanOrEqual(1000);
    const revoked = await json<{ revokedTokens: number }>(await fetch(`${control}/revoke-all`, { method: 'POST' }));
    expect(revoked.revokedTokens).toBeGreaterThan(0);
    expect((await api(sim, token, '/v1/companies')).status).toBe(401);
    const stats = await json<{ requests: number; faultsApplied: number }>(await fetch(`${control}/stats`));
    expect(stats.faultsApplied).toBeGreaterThan(0);
    const log = await json<{ entries: Array<{ path: string; auth: string }> }>(await fetch(`${control}/log`));
    expect(log.entries.some((e) => e.path === '/oauth/token' && e.auth === 'basic')).toBe(true);
    expect((await fetch(`${control}/faults`, { method: 'DELETE' })).status).toBe(200);
  });

  it('has no control interface in normal mode', async () => {
    const normal = await start({ mode: 'normal' });
    try {
      for (const path of ['/__control', '/__control/faults', '/__control/stats']) {
        const response = await fetch(`${normal.info.apiBase}${path}`, {
          method: path.endsWith('faults') ? 'POST' : 'GET',
          body: path.endsWith('faults') ? '{"target":"api","delayMs":1}' : null,
        });
        expect(response.status).toBe(404);
        expect(await json(response)).toMatchObject({ type: 'NOT_FOUND' });
      }
      expect(() => normal.faults.set({ target: 'api', delayMs: 10 })).toThrow(/test or demo mode/);
      expect(() => normal.advanceClock(1000)).toThrow(/test or demo mode/);
      expect(normal.faults.enabled).toBe(false);
    } finally {
      await normal.close();
    }
  });
});
