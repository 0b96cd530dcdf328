/**
 * The three ways a sign-in comes back (docs/architecture.md, "Sign-in: one flow, three ways back"),
 * each driven through the UI from an empty profile: register the redirect URI on the Connect
 * screen, sign in in the "system browser", call the API, refresh with rotation and sign out.
 */
import type { Browser, Page } from 'playwright-core';
import { test, expect } from './fixtures.js';
import type { Host } from './host/start-host.js';
import type { SignInOutcome } from './host/system-browser.js';
import {
  enterCredentials,
  expectNoA11yViolations,
  go,
  refreshFromTokenScreen,
  saveRedirectUri,
  signOutFromTokenScreen,
} from './onboarding-helpers.js';

const PATHS: Array<{ kind: SignInOutcome['kind']; redirectUri: string }> = [
  { kind: 'private-scheme', redirectUri: 'io.pleo.partnerdesktop:/oauth/callback' },
  { kind: 'loopback', redirectUri: 'http://127.0.0.1/oauth/callback' },
  { kind: 'paste-back', redirectUri: 'https://oauth.pstmn.io/v1/callback' },
];

const WAITING = 'Waiting for you to sign in and approve in the browser (now)';

const tokenRequests = (host: Host, grant: string) => host.simulator.stats().tokenRequests[grant] ?? 0;
/** Token requests of a grant type that got tokens (the credential check's dummy code is refused). */
const grantsIssued = (host: Host, grant: string) =>
  host.simulator.accessLog().filter((e) => e.path === '/oauth/token' && e.grantType === grant && e.status === 200).length;
const revocations = (host: Host) => host.simulator.accessLog().filter((e) => e.path === '/oauth/token/revoke' && e.status === 200).length;

/** The system browser's tab showing `url` (Chromium's pages live in the fixture's browser). */
const browserTabAt = (browser: Browser, url: string): Page | undefined =>
  browser
    .contexts()
    .flatMap((c) => c.pages())
    .find((p) => p.url() === url);

/** How a request to a closed port fails: 'open' if something still answers. */
const probe = (origin: string) =>
  fetch(origin, { signal: AbortSignal.timeout(2000) }).then(
    () => 'open',
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
  );

test.describe('sign-in: the three callback paths, through the UI', () => {
  for (const { kind, redirectUri } of PATHS) {
    test(`${kind}: sign in, call the API, refresh with rotation, sign out`, async ({ appPage: page, host, browser }) => {
      // Connect: the registered redirect URI, the Client ID and the Client Secret.
      await saveRedirectUri(page, host, redirectUri);
      await enterCredentials(page, host);

      // Sign in: the app opens the browser and waits for the callback.
      await page.getByTestId('sign-in').click();
      await expect(page.getByTestId('flow-progress')).toContainText(WAITING);
      if (kind === 'paste-back') {
        await expect(page.getByTestId('paste-url')).toBeVisible();
        await expectNoA11yViolations(host, page, 'connect (waiting for the pasted address)');
      }
      const outcome = await host.browser.signIn();
      expect(outcome.kind).toBe(kind);
      if (kind === 'paste-back') {
        expect(outcome.callbackUrl).toMatch(/^https:\/\/oauth\.pstmn\.io\/v1\/callback\?.*\bcode=/);
        await page.getByTestId('paste-url').click();
        await page.keyboard.insertText(outcome.callbackUrl);
        await page.keyboard.press('Enter');
      }
      await expect(page.getByTestId('flow-status')).toContainText('Signed in');
      await expect(page.getByTestId('flow-progress')).toContainText('Stored in your system keychain (done)');
      expect(grantsIssued(host, 'authorization_code')).toBe(1);

      const callback = new URL(outcome.callbackUrl);
      if (kind === 'loopback') {
        // Bound to the loopback interface on an ephemeral port; the browser is told to go back to the app.
        expect(callback.hostname).toBe('127.0.0.1');
        expect(Number(callback.port)).toBeGreaterThan(0);
        const answerPage = () => browserTabAt(browser, `${callback.origin}/done`)?.locator('body').innerText();
        await expect.poll(answerPage, { message: 'the browser shows the listener answer page' }).toContain('Return to the app');
        // One-shot: the listener is gone once it has answered.
        await expect.poll(() => probe(callback.origin), { timeout: 30_000 }).toBe('ECONNREFUSED');
      }

      // An API call with the new token: the explorer's employees list.
      await go(page, 'explorer');
      await page.getByTestId('endpoint-employees-list').click();
      await page.getByTestId('send-request').click();
      await expect(page.getByTestId('response-code')).toHaveText('200');
      expect(host.simulator.accessLog().some((e) => e.path.startsWith('/v2/employees') && e.auth === 'bearer' && e.status === 200)).toBe(
        true,
      );

      // Refresh with rotation from the Token screen.
      await refreshFromTokenScreen(page);
      expect(tokenRequests(host, 'refresh_token')).toBe(1);
      expect(grantsIssued(host, 'refresh_token')).toBe(1);

      // Sign out: tokens gone in the app and revoked at the server.
      await signOutFromTokenScreen(page);
      await expect(page.getByTestId('token-timeline')).toContainText('Revoked');
      expect(revocations(host)).toBeGreaterThan(0);
      if (kind === 'loopback') expect(await probe(callback.origin)).toBe('ECONNREFUSED');
    });
  }
});
