import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as oidc from 'openid-client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { api, json, oidcConfig, start } from './helpers.js';

/**
 * A full sign-in in a real browser (Debian Chromium driven by Playwright) on the simulator's own
 * login and consent pages, ending with a working API call. The private-use-scheme callback is
 * read from the 303 Location header, as the OS would hand it to the app.
 * The pages are also checked with axe-core.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: unknown }>;
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

describe('browser sign-in (Chromium)', () => {
  let sim: Simulator;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package or set CHROMIUM_PATH.`);
    }
    sim = await start();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('signs in through the login and consent pages and calls the API', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const callback = new Promise<string>((resolve) => {
      page.on('response', (response) => {
        const location = response.headers().location;
        if (location?.startsWith('io.pleo.partnerdesktop:')) resolve(location);
      });
    });

    const config = oidcConfig(sim);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'io.pleo.partnerdesktop:/oauth/callback',
      scope: 'users:read companies:read',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });

    await page.goto(url.href);
    await expect(page.title()).resolves.toContain('Sign in');
    expect(await axeViolations(page)).toEqual([]);
    const user = sim.info.users[0];
    await page.fill('input[name="login"]', user?.email ?? '');
    await page.fill('input[name="password"]', user?.password ?? '');
    await page.click('button[type="submit"]');

    await page.waitForSelector('button:has-text("Allow")');
    expect(await page.textContent('h1')).toContain('Pleo Partner Desktop (simulator)');
    expect(await page.textContent('main')).toContain('See employees');
    expect(await axeViolations(page)).toEqual([]);
    // Chromium cannot open the private-use scheme; the click's navigation may be aborted.
    await page.click('button:has-text("Allow")').catch(() => undefined);

    const location = await callback;
    const tokens = await oidc.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.refresh_token).toBeTruthy();

    const response = await api(sim, tokens.access_token, '/v2/employees?limit=5');
    expect(response.status).toBe(200);
    const body = await json<{ data: unknown[]; pagination: { total: number } }>(response);
    expect(body.data).toHaveLength(5);
    await context.close();
  });

  it('shows an accessible error when the password is wrong, and Deny returns access_denied', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const callback = new Promise<string>((resolve) => {
      page.on('response', (response) => {
        const location = response.headers().location;
        if (location?.startsWith('http://127.0.0.1:45678/')) resolve(location);
      });
    });
    // Nothing listens on the loopback port; only the redirect itself matters here.
    await page.route('http://127.0.0.1:45678/**', (route) => route.fulfill({ status: 200, body: 'ok' }));

    const config = oidcConfig(sim);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:45678/oauth/callback',
      scope: 'test:test',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state: 'deny-me',
    });
    await page.goto(url.href);
    await page.fill('input[name="login"]', sim.info.users[1]?.email ?? '');
    await page.fill('input[name="password"]', 'not-the-password');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[role="alert"]');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('input[name="password"]', sim.info.users[1]?.password ?? '');
    await page.click('button[type="submit"]');
    await page.click('button:has-text("Deny")');
    const location = new URL(await callback);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('deny-me');
    await context.close();
  });
});
