/**
 * The code exchange against raw, scripted token responses (security-test-plan §7.3,
 * TK-01..TK-21). Every failure must end the flow with a catalogued error, store nothing, never
 * re-send the code, and leave the engine able to complete a normal sign-in afterwards (E4).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as openid from 'openid-client';
import * as oauth from 'oauth4webapi';
import { clientAuthFor } from '../../../src/core/oauth/client-auth.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthStatus, EnvironmentSummary, FlowProgress } from '../../../src/shared/environments.js';
import { startFakeAs, type TokenFault } from '../../fixtures/auth/fake-as.js';
import { manualClock, startHarness, type Harness, type HarnessOptions } from '../../fixtures/auth/harness.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
async function harness(options: HarnessOptions = {}) {
  const h = await startHarness({ tuning: { tokenRequestTimeoutMs: 1500, ...options.tuning }, ...options });
  harnesses.push(h);
  return h;
}

/** One sign-in whose token response is scripted; returns how the flow ended. */
async function exchangeWith(h: Harness, fault?: TokenFault): Promise<FlowProgress> {
  // The fault object itself is queued, so a test can read what the fake recorded on it.
  if (fault) h.fake.tokenFaults.push(Object.assign(fault, { grantType: fault.grantType ?? 'authorization_code' }));
  const { progress, authorizeUrl } = await h.startSignIn();
  await h.deliver(await h.fake.approve(authorizeUrl), 'private');
  return h.api.waitForSignIn(progress.flowId);
}

async function expectNothingStoredAndRecovery(h: Harness) {
  const status = await h.call<AuthStatus>('auth.status', {});
  expect(status.signedIn).toBe(false);
  expect(await h.secretStore.get(`simulator/${encodeURIComponent(h.fake.info.clients[0]!.clientId)}/tokens`)).toBeNull();
  expect((await exchangeWith(h)).phase).toBe('signed-in');
}

describe('token endpoint failures (TK-01..TK-08)', () => {
  it.each([
    [500, '{"error":"server_error"}'],
    [502, '<html>Bad gateway</html>'],
    [503, ''],
  ])('TK-01 HTTP %i: AS_UNAVAILABLE, the code is not re-sent, nothing stored, a new flow works', async (status, body) => {
    const h = await harness();
    const end = await exchangeWith(h, { status, body, contentType: body.startsWith('{') ? 'application/json' : 'text/html' });
    expect(end.error?.code).toBe('AS_UNAVAILABLE');
    expect(end.error?.message).toContain(`HTTP ${status}`);
    expect(end.error?.hint).toMatch(/never sends the same code twice/);
    const firstCode = new URLSearchParams(h.fake.log.find((e) => e.path === '/token')!.body).get('code');
    await expectNothingStoredAndRecovery(h);
    // A whole second sign-in later (not after a pause): the first code went out exactly once.
    expect(h.fake.log.filter((e) => e.path === '/token' && new URLSearchParams(e.body).get('code') === firstCode)).toHaveLength(1);
  });

  // The endpoint never answers, so reaching AS_TIMEOUT at all proves the deadline fired.
  it('TK-02 a token endpoint that never answers is aborted at the deadline; the code is not retried', async () => {
    const h = await harness({ tuning: { tokenRequestTimeoutMs: 300 } });
    const end = await exchangeWith(h, { hang: true });
    expect(end.error?.code).toBe('AS_TIMEOUT');
    expect(h.fake.stats.tokenRequests).toBe(1);
    await expectNothingStoredAndRecovery(h);
  });

  it('TK-04 a body that trickles in is cut by the same total deadline', async () => {
    const h = await harness({ tuning: { tokenRequestTimeoutMs: 400 } });
    const end = await exchangeWith(h, {
      status: 200,
      body: '{"access_token":"CANARY-AT-slow","token_type":"Bearer","expires_in":300}',
      trickleMs: 60,
    });
    expect(end.error?.code).toBe('AS_TIMEOUT');
    await expectNothingStoredAndRecovery(h);
  });

  it.each(['{"access_token":', "{'a':1}", '{"access_token":"CANARY-AT-x","token_type":"Bearer"} trailing'])(
    'TK-05 malformed JSON %j: TOKEN_RESPONSE_INVALID, raw body never logged',
    async (body) => {
      const h = await harness();
      const end = await exchangeWith(h, { status: 200, body });
      expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
      expect(JSON.stringify(h.logs)).not.toContain('access_token');
      await expectNothingStoredAndRecovery(h);
    },
  );

  it.each([
    ['text/html', '<!doctype html><h1>Welcome</h1>'],
    ['text/plain', '{"access_token":"CANARY-AT-plain","token_type":"Bearer","expires_in":300}'],
    ['application/json', ''],
  ])('TK-06 a 200 that is not a token response (%s) is refused', async (contentType, body) => {
    const h = await harness();
    expect((await exchangeWith(h, { status: 200, contentType, body })).error?.code).toBe('TOKEN_RESPONSE_INVALID');
    await expectNothingStoredAndRecovery(h);
  });

  it.each(['null', '[]', '"x"', '42'])('TK-07 non-object JSON %s is refused', async (body) => {
    const h = await harness();
    expect((await exchangeWith(h, { status: 200, body })).error?.code).toBe('TOKEN_RESPONSE_INVALID');
  });

  it.each([
    { remove: ['access_token'] },
    { patch: { access_token: '' } },
    { patch: { access_token: 123 } },
    { patch: { access_token: {} } },
  ])('TK-08 access_token missing or bad (%j): refused, and the refresh token of that response is not stored', async (fault) => {
    const h = await harness();
    expect((await exchangeWith(h, fault)).error?.code).toBe('TOKEN_RESPONSE_INVALID');
    await expectNothingStoredAndRecovery(h);
  });
});

describe('token response fields (TK-09..TK-13, TK-20, TK-21)', () => {
  it.each([
    [{ remove: ['token_type'] }, false],
    [{ patch: { token_type: 'mac' } }, false],
    [{ patch: { token_type: 'DPoP' } }, false],
    [{ patch: { token_type: 'bearer' } }, true],
    [{ patch: { token_type: 'BEARER' } }, true],
  ])('TK-09 token_type %j accepted: %s', async (fault, accepted) => {
    const h = await harness();
    const end = await exchangeWith(h, fault);
    expect(end.phase).toBe(accepted ? 'signed-in' : 'failed');
    if (!accepted) expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
  });

  it.each([
    ['3600', 3600_000],
    [1.5, 1500],
    [1e12, 24 * 3600_000],
    [-1, undefined],
    [0, undefined],
    ['abc', undefined],
  ])(
    'TK-10 expires_in %j -> lifetime %s ms (strings parsed as oauth4webapi does; non-positive refused; huge clamped to 24 h)',
    async (value, lifetime) => {
      const h = await harness();
      const end = await exchangeWith(h, { patch: { expires_in: value } });
      if (lifetime === undefined) {
        expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
        return;
      }
      expect(end.phase).toBe('signed-in');
      const stored = JSON.parse((await h.secretStore.get(`simulator/${encodeURIComponent(h.fake.info.clients[0]!.clientId)}/tokens`))!);
      expect(stored.expiresAt - stored.receivedAt).toBe(lifetime);
    },
  );

  it('TK-11 no expires_in: expiry unknown, no proactive refresh; the 401 path refreshes', async () => {
    const clock = manualClock();
    const h = await harness({ clock });
    expect((await exchangeWith(h, { remove: ['expires_in'] })).phase).toBe('signed-in');
    const status = await h.call<AuthStatus>('auth.status', {});
    expect(status.accessTokenExpiresAt).toBeUndefined();
    const token = await h.api.getAccessToken();
    clock.advance(48 * 3600_000);
    expect(await h.api.getAccessToken()).toBe(token);
    expect(h.fake.stats.refreshes).toBe(0);
    const renewed = await h.api.getAccessToken(undefined, { forceRefresh: true, rejectedAccessToken: token });
    expect(renewed).not.toBe(token);
    expect(h.fake.stats.refreshes).toBe(1);
  });

  it('TK-12 no refresh_token: signed in without one; at expiry a clear "sign in again"', async () => {
    const clock = manualClock();
    const h = await harness({ clock });
    expect((await exchangeWith(h, { remove: ['refresh_token'] })).phase).toBe('signed-in');
    expect((await h.call<AuthStatus>('auth.status', {})).hasRefreshToken).toBe(false);
    await h.api.getAccessToken();
    clock.advance(301_000);
    await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'SESSION_ENDED' } });
    expect(h.fake.stats.refreshes).toBe(0);
  });

  it.each([{ patch: { refresh_token: null } }, { patch: { refresh_token: '' } }])('TK-12 refresh_token %j is refused', async (fault) => {
    const h = await harness();
    expect((await exchangeWith(h, fault)).error?.code).toBe('TOKEN_RESPONSE_INVALID');
  });

  it('TK-13 narrower scope than requested is stored, and the status shows both lists', async () => {
    const h = await harness({ fakeAs: { grantScope: () => 'users:read' } });
    await h.call('environments.update', { environmentId: 'simulator', scopes: ['users:read', 'export-jobs:read'] });
    expect((await exchangeWith(h)).phase).toBe('signed-in');
    const status = await h.call<AuthStatus>('auth.status', {});
    expect(status.requestedScopes).toEqual(['users:read', 'export-jobs:read']);
    expect(status.grantedScopes).toEqual(['users:read']);
  });

  it('TK-20 extra fields and a Set-Cookie header are ignored (no cookie is ever sent back)', async () => {
    const h = await harness();
    const end = await exchangeWith(h, {
      patch: { foo: 'bar', nested: { a: 1 } },
      headers: { 'set-cookie': 'session=CANARY-COOKIE; Path=/' },
    });
    expect(end.phase).toBe('signed-in');
    await h.call('auth.refresh', {});
    expect(h.fake.log.some((e) => e.cookie)).toBe(false);
  });

  it('TK-20 an id_token the app never asked for (no openid scope) does not fail the sign-in (issue 9 defect 4)', async () => {
    const h = await harness();
    expect((await exchangeWith(h, { patch: { id_token: 'not.a.jwt' } })).phase).toBe('signed-in');
  });

  it('TK-20 with openid requested, a broken id_token fails with TOKEN_RESPONSE_INVALID naming the check; nothing stored', async () => {
    const h = await harness();
    const list = await h.call<{ environments: Array<{ id: string; scopes: string[] }> }>('environments.list', {});
    const scopes = list.environments.find((e) => e.id === 'simulator')!.scopes;
    await h.call('environments.update', { environmentId: 'simulator', scopes: [...scopes, 'openid'] });
    const end = await exchangeWith(h, { patch: { id_token: 'not.a.jwt' } });
    expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
    expect(end.error?.message).toMatch(/could not use: .+/);
    expect(
      h.logs.some(
        (r) => r.message === 'sign-in: code exchange failed' && typeof (r.fields as { check?: unknown } | undefined)?.check === 'string',
      ),
    ).toBe(true);
    await h.call('environments.update', { environmentId: 'simulator', scopes });
    await expectNothingStoredAndRecovery(h);
  });

  it('TK-21 expiry comes from the local receive time + expires_in, never from the server clock', async () => {
    const skewed = manualClock(Date.now() - 2 * 3600_000);
    const h = await harness({ clock: skewed });
    const jwtLike = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 7200 })).toString('base64url')}.`;
    expect((await exchangeWith(h, { patch: { access_token: jwtLike, expires_in: 300 } })).phase).toBe('signed-in');
    const status = await h.call<AuthStatus>('auth.status', {});
    expect(status.accessTokenExpiresAt).toBe(skewed.now() + 300_000);
    expect(await h.api.getAccessToken()).toBe(jwtLike);
    expect(h.fake.stats.refreshes).toBe(0);
  });
});

describe('token endpoint errors and transport (TK-03, TK-14..TK-19)', () => {
  let certDir: string;
  let tlsServers: https.Server[] = [];
  beforeAll(() => {
    certDir = mkdtempSync(path.join(tmpdir(), 'ppd-tls-'));
    for (const [name, san] of [
      ['self-signed', 'IP:127.0.0.1'],
      ['wrong-host', 'DNS:example.test'],
    ]) {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          path.join(certDir, `${name}.key`),
          '-out',
          path.join(certDir, `${name}.crt`),
          '-days',
          '1',
          '-subj',
          '/CN=test',
          '-addext',
          `subjectAltName=${san}`,
        ],
        { stdio: 'ignore' },
      );
    }
  });
  afterAll(() => {
    for (const s of tlsServers) s.close();
    tlsServers = [];
    rmSync(certDir, { recursive: true, force: true });
  });

  async function tlsTokenServer(name: string): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = https.createServer(
      { key: readFileSync(path.join(certDir, `${name}.key`)), cert: readFileSync(path.join(certDir, `${name}.crt`)) },
      (_req, res) => {
        hits++;
        res.end('{}');
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    tlsServers.push(server);
    return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/token`, hits: () => hits };
  }

  /** A custom environment whose token endpoint is `tokenEndpoint` (authorize stays on the fake AS). */
  async function customEnv(h: Harness, tokenEndpoint: string): Promise<string> {
    const env = await h.call<EnvironmentSummary>('environments.addCustom', {
      name: 'Token elsewhere',
      authorizationEndpoint: `${h.fake.origin}/authorize`,
      tokenEndpoint,
      issuer: h.fake.issuer,
      apiBase: h.fake.origin,
    });
    const client = h.fake.info.clients[0]!;
    await h.call('environments.update', { environmentId: env.id, clientId: client.clientId });
    await h.call('credentials.setClientSecret', { environmentId: env.id, clientSecret: client.clientSecret });
    return env.id;
  }
  async function signInTo(h: Harness, environmentId: string): Promise<FlowProgress> {
    const { progress, authorizeUrl } = await h.startSignIn({ environmentId });
    await h.deliver(await h.fake.approve(authorizeUrl), 'private');
    return h.api.waitForSignIn(progress.flowId);
  }

  it('TK-03 connection refused, DNS failure, untrusted certificate, wrong host name: each fails closed with its own message', async () => {
    const h = await harness({ tuning: { tokenRequestTimeoutMs: 3000 } });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    expect((await signInTo(h, await customEnv(h, `http://127.0.0.1:${closedPort}/token`))).error?.code).toBe('AS_UNAVAILABLE');
    expect((await signInTo(h, await customEnv(h, 'https://token.nonexistent.invalid/token'))).error?.code).toBe('AS_UNAVAILABLE');
    for (const name of ['self-signed', 'wrong-host']) {
      const tls = await tlsTokenServer(name);
      const end = await signInTo(h, await customEnv(h, tls.url));
      expect(end.error?.code).toBe('TLS_ERROR');
      expect(tls.hits()).toBe(0);
    }
  });

  it('TK-14 invalid_grant on the exchange: "sign-in code rejected — try again"; a new flow works', async () => {
    const h = await harness();
    const end = await exchangeWith(h, { status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } });
    expect(end.error).toMatchObject({ code: 'CODE_REJECTED', serverText: 'code expired' });
    await expectNothingStoredAndRecovery(h);
  });

  it('TK-15 invalid_client (401 + WWW-Authenticate: Basic): CLIENT_SECRET_REJECTED, the old secret is kept, no retry loop', async () => {
    const h = await harness();
    const before = (await h.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find(
      (e) => e.id === 'simulator',
    )!;
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: 'wrong-secret-999' });
    const end = await exchangeWith(h);
    expect(end.error?.code).toBe('CLIENT_SECRET_REJECTED');
    expect(end.error?.hint).toMatch(/kept until you replace it/);
    expect(h.fake.stats.tokenRequests).toBe(1);
    const after = (await h.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find(
      (e) => e.id === 'simulator',
    )!;
    expect(after.hasClientSecret).toBe(true);
    expect(after.clientSecretFingerprint).not.toBe(before.clientSecretFingerprint);
  });

  it.each([
    ['invalid_request', 'AUTH_INVALID_REQUEST'],
    ['unauthorized_client', 'AUTH_CLIENT_NOT_ALLOWED'],
    ['unsupported_grant_type', 'AUTH_CLIENT_NOT_ALLOWED'],
    ['weird_error', 'AUTH_SERVER_ERROR'],
  ])('TK-16 %s -> %s, with the description as plain text, without bidi controls, truncated', async (error, code) => {
    const h = await harness();
    const end = await exchangeWith(h, { status: 400, body: { error, error_description: `<script>x</script>\u202E${'d'.repeat(1000)}` } });
    expect(end.error?.code).toBe(code);
    expect(end.error?.serverText).toContain('<script>x</script>');
    expect(end.error?.serverText).not.toMatch(/\u202E/);
    expect(Array.from(end.error!.serverText!).length).toBeLessThanOrEqual(300);
  });

  it('TK-17 a 20 MB token response is cut at the read cap: "unexpected response", the rest is never read', async () => {
    const h = await harness();
    const fault: TokenFault = { hugeBytes: 20 * 1024 * 1024 };
    const end = await exchangeWith(h, fault);
    expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
    // Proof of the cap without a stopwatch: the app hung up long before the server was done.
    await vi.waitFor(() => expect(fault.cutAfterBytes).toBeDefined(), { timeout: 20_000 });
    expect(fault.cutAfterBytes!).toBeLessThan(fault.hugeBytes! / 2);
  });

  it("TK-18 client_secret_basic form-encodes ID and secret before base64 (RFC 6749 §2.3.1): ':' '%' '+' ' ' and non-ASCII", async () => {
    for (const [clientId, clientSecret] of [
      ['plain-client', 'a:b'],
      ['plain-client', '50%off'],
      ['plain-client', 'a+b c'],
      ['plain-client', 'ü€'],
      ['client:with:colons', "s3cr3t:%+ü€ -_.!~*'()"],
    ] as const) {
      const fake = await startFakeAs({ clients: [{ clientId, clientSecret, redirectUris: ['io.pleo.partnerdesktop:/oauth/callback'] }] });
      const h = await startHarness({ fake });
      harnesses.push(h);
      try {
        await h.call('environments.update', { environmentId: 'simulator', clientAuth: 'client_secret_basic' });
        const end = await h.signIn('private');
        expect(end.phase, `${clientId} / ${clientSecret}`).toBe('signed-in');
        expect(fake.lastBasic).toEqual({ clientId, clientSecret, bodyHadClientCredentials: false });
        const exchange = fake.log.find((e) => e.path === '/token')!;
        expect(exchange.body).not.toMatch(/client_secret|client_id/);
      } finally {
        await fake.close();
      }
    }
  });

  it("TK-18 client credentials percent-encoded in the Basic header, -_.~ included (issue 9 defect 1): the engine's RFC style keeps the unreserved set, unlike oauth4webapi's/openid-client's ClientSecretBasic", async () => {
    const headerOf = async (
      auth: (as: oauth.AuthorizationServer, client: oauth.Client, body: URLSearchParams, headers: Headers) => void | Promise<void>,
    ) => {
      const headers = new Headers();
      await auth({ issuer: 'https://as.example' }, { client_id: 'client:with:colons' }, new URLSearchParams(), headers);
      return headers.get('authorization');
    };
    const secret = "s3cr3t:%+ü€ -_.!~*'()";
    const viaOauth = await headerOf(oauth.ClientSecretBasic(secret));
    const viaOpenid = await headerOf(openid.ClientSecretBasic(secret) as never);
    expect(viaOauth).toBe(viaOpenid);
    const libraryDecoded = Buffer.from(viaOauth!.slice('Basic '.length), 'base64').toString('utf8');
    expect(libraryDecoded).toContain('%2D%5F%2E%21%7E');
    const ours = await headerOf(clientAuthFor('client_secret_basic', secret));
    expect(Buffer.from(ours!.slice('Basic '.length), 'base64').toString('utf8')).toBe(
      `client%3Awith%3Acolons:s3cr3t%3A%25%2B%C3%BC%E2%82%AC+-_.%21~%2A%27%28%29`,
    );
    const unencoded = await headerOf(clientAuthFor('client_secret_basic_unencoded', secret));
    expect(Buffer.from(unencoded!.slice('Basic '.length), 'base64').toString('utf8')).toBe(`client:with:colons:${secret}`);
  });

  it('TK-19 a redirect from the token endpoint is not followed; the other origin never sees the Basic header', async () => {
    const evilHits: Array<string | undefined> = [];
    const evil = http.createServer((req, res) => {
      evilHits.push(req.headers.authorization);
      res.end('{}');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    try {
      const h = await harness();
      const end = await exchangeWith(h, {
        status: 307,
        body: '',
        headers: { location: `http://127.0.0.1:${(evil.address() as AddressInfo).port}/token` },
      });
      expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
      expect(evilHits).toEqual([]);
    } finally {
      evil.close();
    }
  });
});
