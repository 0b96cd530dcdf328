/**
 * Core-level end-to-end sign-in against the real simulator (oidc-provider on 127.0.0.1), with
 * Debian Chromium acting as the system browser through the BrowserLauncher port, for all
 * three callback paths: sign-in -> API call -> refresh with rotation -> sign-out. Everything
 * goes through createCore(...) and core.handle(channel, payload), so the IPC layer (contract
 * schemas, result objects) is exercised too. Each test ends with the canary scans (LK-01..03).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/create-core.js';
import { createLogger, memorySink, type LogRecord } from '../../../src/core/logging/logger.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import { secretAccount } from '../../../src/core/secrets/secret-accounts.js';
import { openSettings } from '../../../src/core/settings/open-settings.js';
import type { AuthStatus, EnvironmentSummary, FlowProgress } from '../../../src/shared/environments.js';
import type { Result } from '../../../src/shared/result.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { ChromiumSystemBrowser, launchChromium } from '../../fixtures/auth/chromium-system-browser.js';
import { allStrings } from '../../fixtures/auth/harness.js';

type Kind = 'private-scheme' | 'loopback' | 'paste-back';
const REDIRECT: Record<Kind, string> = {
  'private-scheme': 'io.pleo.partnerdesktop:/oauth/callback',
  loopback: 'http://127.0.0.1/oauth/callback',
  'paste-back': 'https://oauth.pstmn.io/v1/callback',
};

interface Outgoing {
  url: string;
  method: string;
  authorization?: string;
  body: string;
}

let chromium: Browser;
let sim: Simulator;
const outgoing: Outgoing[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  [chromium, sim] = await Promise.all([launchChromium(), startSimulator({ mode: 'test', quiet: true })]);
  // Records what core sends over HTTP (LK-03: where each secret went).
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const headers = new Headers(init?.headers);
    outgoing.push({
      url,
      method: init?.method ?? 'GET',
      ...(headers.get('authorization') ? { authorization: headers.get('authorization')! } : {}),
      body: init?.body ? String(init.body) : '',
    });
    return realFetch(input, init);
  };
}, 60_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await chromium?.close();
  await sim?.close();
});

interface App {
  core: Core;
  browser: ChromiumSystemBrowser;
  handle<T>(channel: string, payload?: unknown): Promise<T>;
  raw(channel: string, payload?: unknown): Promise<Result<unknown>>;
  results: unknown[];
  events: unknown[];
  logs: LogRecord[];
  keychain: ReturnType<typeof createMemorySecretStore>;
  keychainValues: Set<string>;
  settingsFile: string;
  close(): Promise<void>;
}

async function startApp(): Promise<App> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-auth-int-'));
  const settings = openSettings((o) => new Conf<Record<string, unknown>>(o) as unknown as KeyValueBackend, { cwd: dir });
  const memory = memorySink(10_000);
  const browser = new ChromiumSystemBrowser(chromium, sim.info.users[0]!);
  const inner = createMemorySecretStore();
  const keychainValues = new Set<string>();
  const keychain = Object.assign(Object.create(inner) as typeof inner, {
    async set(account: string, value: string) {
      keychainValues.add(value);
      for (const s of allStrings(safeJson(value))) keychainValues.add(s);
      return inner.set(account, value);
    },
  });
  const core = createCore({
    host: 'test-host',
    appVersion: '0.0.0-test',
    userDataDir: dir,
    settings: settings.backend,
    logger: createLogger([memory.sink]),
    ports: {
      browserLauncher: browser,
      externalOpener: { openExternal: async () => undefined },
      clipboard: { writeText: async () => undefined },
      fileSaver: { save: async () => ({ saved: false }) },
      simulator: { start: async () => sim.info, stop: async () => undefined },
      secretStore: keychain,
    },
  });
  browser.deliverDeepLink = (url) => core.auth.handleDeepLink(url);
  const results: unknown[] = [];
  const events: unknown[] = [];
  core.events.subscribe((event, payload) => void events.push({ event, payload }));
  const raw = async (channel: string, payload: unknown = {}) => {
    const result = await core.handle(channel, payload);
    results.push(result);
    return result;
  };
  return {
    core,
    browser,
    raw,
    async handle<T>(channel: string, payload: unknown = {}) {
      const result = await raw(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    results,
    events,
    logs: memory.records,
    keychain: inner,
    keychainValues,
    settingsFile: settings.backend.path,
    async close() {
      await browser.close();
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function signIn(
  app: App,
  kind: Kind,
  options: { forceLogin?: boolean } = {},
): Promise<{ progress: FlowProgress; authorizeUrl: string; callbackUrl: string }> {
  const start = await app.handle<FlowProgress>('auth.signIn', { environmentId: 'simulator', ...options });
  expect(start.phase).toBe('waiting-for-callback');
  expect(start.callbackMode).toBe(kind);
  const visit = app.browser.lastVisit();
  const callbackUrl = await visit.callback;
  if (kind === 'paste-back') {
    expect(start.awaitingPaste).toBe(true);
    await app.handle<FlowProgress>('auth.pasteCallback', { url: callbackUrl });
  }
  const progress = await app.core.auth.waitForSignIn(start.flowId);
  await visit.done;
  return { progress, authorizeUrl: visit.url, callbackUrl };
}

/** LK-01..LK-03: nothing secret in logs, the settings file, results or events; secrets only where they belong. */
function canaryScan(app: App, canaries: string[], since: number): void {
  const needles = [...new Set(canaries)].filter((c) => c && c.length >= 8);
  expect(needles.length).toBeGreaterThan(3);
  const haystacks: Array<[string, string]> = [
    ['log records', JSON.stringify(app.logs)],
    ['settings file', readFileSync(app.settingsFile, 'utf8')],
    ['IPC results', allStrings(app.results).join('\n')],
    ['events', allStrings(app.events).join('\n')],
  ];
  for (const [where, text] of haystacks) {
    for (const needle of needles) expect(text.includes(needle), `${where} contains a secret`).toBe(false);
  }
  // LK-03: the client secret travels only in the Basic header to the token-family endpoints;
  // tokens never in a URL; the access token only to the API origin (or back to the AS to revoke).
  const secret = sim.info.clients[0]!.clientSecret;
  for (const request of outgoing.slice(since)) {
    expect(request.url.includes(secret) || request.body.includes(secret)).toBe(false);
    for (const needle of needles) expect(request.url.includes(needle), 'a secret in a URL').toBe(false);
    if (request.authorization?.startsWith('Basic ')) {
      expect(new URL(request.url).pathname.startsWith('/oauth/token')).toBe(true);
      expect(request.body).not.toMatch(/client_secret|client_id=/);
    }
  }
}

describe('sign-in in the system browser against the simulator', () => {
  for (const kind of ['private-scheme', 'loopback', 'paste-back'] as const) {
    it(`AR-01 AR-04 CB-14 CB-29 RF-02 ${kind}: sign-in, API call, refresh with rotation, sign-out`, async () => {
      const app = await startApp();
      const since = outgoing.length;
      const canaries: string[] = [sim.info.clients[0]!.clientSecret];
      try {
        // Zero typing: the simulator starts lazily and its default client is pre-filled.
        const list = await app.handle<{ environments: EnvironmentSummary[]; activeId: string }>('environments.list');
        const env = list.environments.find((e) => e.id === list.activeId)!;
        expect(env.kind).toBe('simulator');
        expect(env.simulatorState).toBe('running');
        expect(env.clientId).toBe(sim.info.clients[0]!.clientId);
        expect(env.hasClientSecret).toBe(true);
        expect(env.clientSecretFingerprint).toMatch(/^…[0-9a-f]{4}$/);
        if (kind !== 'private-scheme') await app.handle('environments.update', { environmentId: 'simulator', redirectUri: REDIRECT[kind] });

        const { progress, authorizeUrl, callbackUrl } = await signIn(app, kind);
        expect(progress.phase, JSON.stringify(progress.error)).toBe('signed-in');
        const cb = new URL(callbackUrl);
        canaries.push(cb.searchParams.get('code')!, cb.searchParams.get('state')!);

        // AR-01 on the real request: PKCE S256, state, exact redirect_uri, no secret.
        const authorize = new URL(authorizeUrl);
        expect(authorize.origin + authorize.pathname).toBe(sim.info.authorizationEndpoint);
        const q = authorize.searchParams;
        expect(q.get('response_type')).toBe('code');
        expect(q.get('code_challenge_method')).toBe('S256');
        expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(q.get('state')!.length).toBeGreaterThanOrEqual(22);
        expect(authorizeUrl).not.toContain(sim.info.clients[0]!.clientSecret);
        const sentRedirect = q.get('redirect_uri')!;
        if (kind === 'loopback') expect(sentRedirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
        else expect(sentRedirect).toBe(REDIRECT[kind]);
        const exchange = outgoing.slice(since).find((r) => r.body.includes('grant_type=authorization_code'))!;
        const form = new URLSearchParams(exchange.body);
        expect(form.get('redirect_uri')).toBe(sentRedirect);
        canaries.push(form.get('code_verifier')!);
        expect(exchange.authorization).toMatch(/^Basic /);

        if (kind === 'loopback') {
          // CB-29: a 303 to a clean /done page, which loads nothing from outside.
          const listener = new URL(sentRedirect).origin;
          const fromListener = () => app.browser.lastVisit().loopbackResponses.filter((r) => r.url.startsWith(`${listener}/`));
          await expect.poll(() => fromListener().find((r) => r.url.endsWith('/done'))?.body, { timeout: 5000 }).toBeDefined();
          const [answer, done] = fromListener();
          expect(answer?.status).toBe(303);
          expect(answer?.headers['location']).toBe('/done');
          expect(answer?.headers['referrer-policy']).toBe('no-referrer');
          expect(done?.status).toBe(200);
          expect(done?.headers['content-security-policy']).toMatch(/default-src 'none'/);
          expect(done?.headers['referrer-policy']).toBe('no-referrer');
          expect(done?.headers['cache-control']).toBe('no-store');
          expect(done?.body ?? '').not.toMatch(/https?:\/\/|src=|href=/);
        }

        // AR-04: the only thing core ever did with the authorize URL was hand it to the launcher.
        expect(app.browser.visits.map((v) => v.url)).toEqual([authorizeUrl]);

        const status = await app.handle<AuthStatus>('auth.status', {});
        expect(status.signedIn).toBe(true);
        expect(status.hasRefreshToken).toBe(true);
        expect(status.grantedScopes).toContain('users:read');
        expect(status.accessTokenExpiresAt).toBeGreaterThan(Date.now());

        // The first API call, with the token from getAccessToken().
        const accessToken = await app.core.auth.getAccessToken();
        const employees = await realFetch(`${env.apiBase}/v2/employees`, { headers: { authorization: `Bearer ${accessToken}` } });
        expect(employees.status).toBe(200);
        expect(((await employees.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

        // Refresh with rotation: the new refresh token is in the keychain, the old one is dead.
        const account = secretAccount('simulator', env.clientId, 'tokens');
        const before = JSON.parse((await app.keychain.get(account))!) as { refreshToken: string; accessToken: string };
        const reuseBefore = sim.stats().refreshTokenReuse;
        const refreshed = await app.handle<AuthStatus>('auth.refresh', {});
        const after = JSON.parse((await app.keychain.get(account))!) as { refreshToken: string; accessToken: string };
        expect(after.refreshToken).not.toBe(before.refreshToken);
        expect(after.accessToken).not.toBe(before.accessToken);
        expect(refreshed.timeline.map((t) => t.kind)).toContain('rotated');
        expect(refreshed.refreshTokenFingerprint).not.toBe(status.refreshTokenFingerprint);
        expect(sim.stats().refreshTokenReuse).toBe(reuseBefore);
        expect(await app.core.auth.getAccessToken()).toBe(after.accessToken);
        canaries.push(before.accessToken, before.refreshToken, after.accessToken, after.refreshToken);

        // Sign-out: revoked at the simulator, wiped from the keychain, credentials kept.
        const out = await app.handle<AuthStatus>('auth.signOut', {});
        expect(out.signedIn).toBe(false);
        expect(await app.keychain.get(account)).toBeNull();
        const afterSignOut = await realFetch(`${env.apiBase}/v2/employees`, { headers: { authorization: `Bearer ${after.accessToken}` } });
        expect(afterSignOut.status).toBe(401);
        const listAfter = await app.handle<{ environments: EnvironmentSummary[] }>('environments.list');
        expect(listAfter.environments.find((e) => e.id === 'simulator')!.hasClientSecret).toBe(true);

        for (const value of app.keychainValues) if (/^[A-Za-z0-9_-]{20,}$/.test(value)) canaries.push(value);
        canaryScan(app, canaries, since);
      } finally {
        await app.close();
      }
    });
  }

  it('CB-09 Deny in the browser ends the flow with AUTH_DENIED and no token call (Chromium)', async () => {
    const app = await startApp();
    try {
      await app.handle('environments.list');
      app.browser.deny = true;
      const tokenCallsBefore = sim.accessLog().filter((e) => e.path === '/oauth/token').length;
      const { progress } = await signIn(app, 'private-scheme');
      expect(progress.phase).toBe('failed');
      expect(progress.error?.code).toBe('AUTH_DENIED');
      expect(sim.accessLog().filter((e) => e.path === '/oauth/token').length).toBe(tokenCallsBefore);
      expect((await app.handle<AuthStatus>('auth.status', {})).signedIn).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('after sign-out the next sign-in asks for a fresh login (prompt=login) in the same browser', async () => {
    const app = await startApp();
    try {
      await app.handle('environments.list');
      await app.handle('environments.update', { environmentId: 'simulator', redirectUri: REDIRECT.loopback });
      const first = await signIn(app, 'loopback');
      expect(first.progress.phase).toBe('signed-in');
      expect(await app.browser.visits[0]!.sawLogin).toBe(true);
      await app.handle('auth.signOut', {});
      const second = await signIn(app, 'loopback');
      expect(second.progress.phase).toBe('signed-in');
      expect(new URL(second.authorizeUrl).searchParams.get('prompt')).toBe('login');
      expect(await app.browser.visits[1]!.sawLogin).toBe(true);
    } finally {
      await app.close();
    }
  });
});
