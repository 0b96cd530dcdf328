import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, basic, defaultClient, json, narrowClient, signIn, start } from './helpers.js';

/**
 * Token lifecycle as Pleo documents it: a refresh token without offline_access, a new refresh
 * token on every refresh, all previous tokens invalid after a refresh, reuse of an old refresh
 * token revokes the whole grant, RFC 7662 introspection with Pleo's subject URN, and the
 * simulator's extra revocation endpoint.
 */
describe('authorization server: tokens', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ tokenTtlSeconds: 120 });
  });
  afterAll(() => sim.close());

  function introspect(token: string, client = defaultClient(sim), hint?: string): Promise<Record<string, unknown>> {
    return fetch(sim.info.introspectionEndpoint, {
      method: 'POST',
      headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
  }

  it('issues bearer access and refresh tokens with the configured lifetime and the granted scope', async () => {
    const { tokens } = await signIn(sim, { scope: 'users:read export-jobs:read' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(120);
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(tokens.scope).toBe('users:read export-jobs:read');
    expect(tokens.id_token).toBeUndefined();
  });

  it('defaults to a 3600 s access-token lifetime', async () => {
    const other = await start();
    try {
      const { tokens } = await signIn(other, { scope: 'test:test' });
      expect(tokens.expires_in).toBe(3600);
    } finally {
      await other.close();
    }
  });

  it('grants only the scopes a client is registered for', async () => {
    const { tokens } = await signIn(sim, { client: narrowClient(sim), scope: 'users:read companies:read test:test' });
    expect(tokens.scope).toBe('companies:read test:test');
  });

  it('rotates the refresh token on every refresh and retires the previous tokens', async () => {
    const { config, tokens } = await signIn(sim, { scope: 'users:read' });
    const first = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(first.refresh_token).toBeTruthy();
    expect(first.refresh_token).not.toBe(tokens.refresh_token);
    expect(first.access_token).not.toBe(tokens.access_token);
    expect(first.scope).toBe('users:read');

    const second = await oidc.refreshTokenGrant(config, first.refresh_token as string);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    expect((await api(sim, second.access_token, '/v2/employees?limit=1')).status).toBe(200);
    // "All previous tokens are invalidated immediately."
    expect((await api(sim, tokens.access_token, '/v2/employees?limit=1')).status).toBe(401);
    expect((await api(sim, first.access_token, '/v2/employees?limit=1')).status).toBe(401);
    expect((await introspect(first.refresh_token as string)).active).toBe(false);
  });

  it('revokes the whole grant when an old refresh token is reused', async () => {
    const reuseBefore = sim.stats().refreshTokenReuse;
    const { config, tokens } = await signIn(sim, { scope: 'users:read' });
    const rotated = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);

    const reuse = await oidc.refreshTokenGrant(config, tokens.refresh_token as string).then(
      () => undefined,
      (e: unknown) => e as { error?: string },
    );
    expect(reuse?.error).toBe('invalid_grant');
    expect(sim.stats().refreshTokenReuse).toBe(reuseBefore + 1);

    // The legitimate, newest tokens died with the grant.
    const next = await oidc.refreshTokenGrant(config, rotated.refresh_token as string).then(
      () => undefined,
      (e: unknown) => e as { error?: string },
    );
    expect(next?.error).toBe('invalid_grant');
    expect((await api(sim, rotated.access_token, '/v2/employees?limit=1')).status).toBe(401);
  });

  it("answers RFC 7662 introspection with Pleo's subject URN", async () => {
    const { tokens } = await signIn(sim, { scope: 'users:read test:test' });
    const companyId = sim.data.companies[0]?.id;
    const result = await introspect(tokens.access_token, defaultClient(sim), 'access_token');
    expect(result).toMatchObject({
      active: true,
      client_id: defaultClient(sim).clientId,
      iss: sim.info.issuer,
      aud: sim.info.apiBase,
      sub: companyId,
      scope: 'users:read test:test',
      token_type: 'Bearer',
      'urn:pleo:params:oauth:subject_urn': `urn:pleo:company:${companyId}`,
    });
    expect(typeof result.exp).toBe('number');
    expect(typeof result.iat).toBe('number');
    expect((result.exp as number) - (result.iat as number)).toBe(120);

    const refresh = await introspect(tokens.refresh_token as string, defaultClient(sim), 'refresh_token');
    expect(refresh.active).toBe(true);
    expect(refresh['urn:pleo:params:oauth:subject_urn']).toBe(`urn:pleo:company:${companyId}`);

    expect(await introspect('not-a-token')).toEqual({ active: false });
  });

  it('shows an organisation subject for the organisation user', async () => {
    const { tokens } = await signIn(sim, { scope: 'test:test', user: 2 });
    const result = await introspect(tokens.access_token);
    expect(result.sub).toBe(sim.data.organization.id);
    expect(result['urn:pleo:params:oauth:subject_urn']).toBe(`urn:pleo:organization:${sim.data.organization.id}`);
  });

  it('lets only the client that obtained a token introspect it', async () => {
    const { tokens } = await signIn(sim, { scope: 'test:test' });
    expect(await introspect(tokens.access_token, narrowClient(sim))).toEqual({ active: false });
  });

  it('revokes tokens at the (simulator-only) revocation endpoint', async () => {
    const { config, tokens } = await signIn(sim, { scope: 'users:read' });
    await oidc.tokenRevocation(config, tokens.refresh_token as string, { token_type_hint: 'refresh_token' });
    expect((await introspect(tokens.refresh_token as string)).active).toBe(false);
    expect((await introspect(tokens.access_token)).active).toBe(false);
    expect((await api(sim, tokens.access_token, '/v2/employees')).status).toBe(401);
    const refresh = await oidc.refreshTokenGrant(config, tokens.refresh_token as string).then(
      () => undefined,
      (e: unknown) => e as { error?: string },
    );
    expect(refresh?.error).toBe('invalid_grant');
  });

  it('counts token requests by grant type', async () => {
    const before = sim.stats().tokenRequests.refresh_token ?? 0;
    const { config, tokens } = await signIn(sim, { scope: 'test:test' });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    const stats = sim.stats();
    expect(stats.tokenRequests.refresh_token).toBe(before + 1);
    const last = sim
      .accessLog()
      .filter((e) => e.path === '/oauth/token')
      .at(-1);
    expect(last).toMatchObject({ grantType: 'refresh_token', auth: 'basic', status: 200, clientId: defaultClient(sim).clientId });
    expect(JSON.stringify(sim.accessLog())).not.toContain(tokens.refresh_token as string);
    // The access token (sent as a Bearer header) and the client secret (Basic) are not logged either.
    expect((await api(sim, refreshed.access_token, '/v1/introspect')).status).toBe(200);
    const log = JSON.stringify(sim.accessLog());
    expect(log).toContain('"auth":"bearer"');
    expect(log).not.toContain(refreshed.access_token);
    expect(log).not.toContain(defaultClient(sim).clientSecret);
  });

  it('answers GET /v1/introspect for the token', async () => {
    const { tokens } = await signIn(sim, { scope: 'test:test companies:read' });
    const response = await api(sim, tokens.access_token, '/v1/introspect');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      data: {
        authMethod: 'OAUTH2',
        clientId: defaultClient(sim).clientId,
        scope: 'test:test companies:read',
        applicationName: 'Pleo Partner Desktop (simulator)',
        subjectURN: `urn:pleo:company:${sim.data.companies[0]?.id}`,
      },
    });
  });
});
