import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, authorizeUrl, browse, CookieJar, defaultClient, narrowClient, pkcePair, signIn, start } from './helpers.js';

/**
 * The simulator's own login and consent pages: offline (no external resources), accessible
 * basics, stable selectors, seeded credentials, and Deny -> error=access_denied.
 */
describe('authorization server: login and consent pages', () => {
  let sim: Simulator;
  const redirectUri = 'io.pleo.partnerdesktop:/oauth/callback';
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  async function openLogin(client = defaultClient(sim), scope = 'users:read export-jobs:read') {
    const jar = new CookieJar();
    const { challenge } = pkcePair();
    const first = await fetch(
      authorizeUrl(sim, {
        clientId: client.clientId,
        redirectUri,
        scope,
        state: 'st-1',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
      { redirect: 'manual' },
    );
    jar.store(first);
    const location = new URL(first.headers.get('location') as string, sim.info.apiBase);
    expect(location.pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
    const page = await fetch(location, { headers: { cookie: jar.header() } });
    return { jar, location, page, html: await page.text() };
  }

  function expectSelfContained(html: string): void {
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/@import|<script/i);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<main>');
  }

  it('shows an accessible, self-contained login page listing the staging users', async () => {
    const { page, html } = await openLogin();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expectSelfContained(html);
    expect(html).toContain('<label for="login">');
    expect(html).toContain('<label for="password">');
    expect(html).toMatch(/<input id="login" name="login" type="email"/);
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html.match(/type="submit"/g)).toHaveLength(1);
    expect(html).toContain('Pleo Partner Desktop (simulator)');
    for (const user of sim.info.users) {
      expect(html).toContain(user.email);
      expect(html).toContain(user.password);
    }
  });

  it('rejects a wrong password with an alert and stays on the login page', async () => {
    const user = sim.info.users[0];
    const { jar, location } = await openLogin();
    const result = await browse(sim, location.href, { jar, email: user?.email ?? '', password: 'wrong' });
    expect(result.callback).toBeUndefined();
    expect(result.page?.status).toBe(401);
    expect(result.page?.html).toContain('role="alert"');
    expect(result.page?.html).toContain('aria-invalid="true"');
  });

  it('shows the client name and the requested scopes in plain language, with Allow and Deny', async () => {
    const { jar, location } = await openLogin(narrowClient(sim), 'companies:read users:read');
    const user = sim.info.users[0];
    const login = await fetch(`${location.href}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: user?.email ?? '', password: user?.password ?? '' }),
    });
    jar.store(login);
    expect(login.status).toBe(303);
    // Resume -> consent page.
    const resume = await fetch(new URL(login.headers.get('location') as string, sim.info.apiBase), {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    jar.store(resume);
    const consentUrl = new URL(resume.headers.get('location') as string, sim.info.apiBase);
    const consent = await fetch(consentUrl, { headers: { cookie: jar.header() } });
    const html = await consent.text();
    expectSelfContained(html);
    expect(html).toContain('Narrow Scopes Demo (simulator)');
    expect(html).toContain('See company details');
    expect(html).toContain('Nordlys Danmark ApS');
    // users:read is not registered for this client: named as unavailable, not offered.
    expect(html).toMatch(/not registered for this app[\s\S]*users:read/);
    expect(html).not.toContain('See employees');
    expect(html).toMatch(/<button type="submit" class="primary">Allow<\/button>/);
    expect(html).toMatch(/<button type="submit">Deny<\/button>/);
  });

  it('sends error=access_denied (with state and iss) when the user clicks Deny', async () => {
    const client = defaultClient(sim);
    const { challenge } = pkcePair();
    const { callback } = await browse(
      sim,
      authorizeUrl(sim, {
        clientId: client.clientId,
        redirectUri,
        scope: 'users:read',
        state: 'deny-state',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
      { decision: 'deny' },
    );
    expect(callback?.href.startsWith(redirectUri)).toBe(true);
    expect(callback?.searchParams.get('error')).toBe('access_denied');
    expect(callback?.searchParams.get('state')).toBe('deny-state');
    expect(callback?.searchParams.get('iss')).toBe(sim.info.issuer);
    expect(callback?.searchParams.get('code')).toBeNull();
  });

  it('creates an installation when the user allows access', async () => {
    const { tokens } = await signIn(sim, { scope: 'test:test' });
    const response = await api(sim, tokens.access_token, '/v1/installations/me');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'AUTHORIZED', resource: `urn:pleo:company:${sim.data.companies[0]?.id}` });
  });

  it('explains an expired or foreign sign-in session instead of failing', async () => {
    const { location } = await openLogin();
    const page = await fetch(location); // no cookies: another browser
    expect(page.status).toBe(400);
    const html = await page.text();
    expectSelfContained(html);
    expect(html).toContain('expired');
  });
});
