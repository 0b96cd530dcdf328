/**
 * Steps shared by the onboarding end-to-end suites: connect to the simulator with its
 * pre-provisioned client, sign in through the "system browser", and axe + screenshot helpers.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from './fixtures.js';
import type { Host } from './host/start-host.js';

export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export async function go(page: Page, screen: 'checklist' | 'connect' | 'token' | 'explorer'): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
}

export async function expectNoA11yViolations(host: Host, page: Page, where: string): Promise<void> {
  const violations = await host.checkA11y(page);
  expect(violations.map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, animations: 'disabled' });
}

export const simClient = (host: Host) => host.simulator.info.clients[0]!;

/** Client ID (if the profile has none) and the given secret, on the Connect screen. */
export async function enterCredentials(page: Page, host: Host, secret = simClient(host).clientSecret): Promise<void> {
  await go(page, 'connect');
  const clientId = page.getByTestId('client-id');
  if ((await clientId.inputValue()) === '') {
    await clientId.fill(simClient(host).clientId);
    await page.getByTestId('save-client').click();
    await expect(page.getByText('Saved.')).toBeVisible();
  }
  await page.getByTestId('client-secret').fill(secret);
  await page.getByTestId('save-secret').click();
  await expect(page.getByTestId('client-secret')).toHaveValue('');
}

/** Presses "Sign in with Pleo" and completes (or denies) the sign-in in the system browser. */
export async function signIn(page: Page, host: Host, options: { deny?: boolean } = {}): Promise<void> {
  await go(page, 'connect');
  await page.getByTestId('sign-in').click();
  await completeBrowserSignIn(host, options);
}

/** Plays the user in the system browser (see host/system-browser.ts): log in, Allow or Deny. */
async function completeBrowserSignIn(host: Host, options: { deny?: boolean }): Promise<void> {
  await host.browser.signIn(options);
}

export async function stepStatus(page: Page, stepId: string): Promise<string | null> {
  return page.getByTestId(`step-${stepId}`).getAttribute('data-status');
}

/** Client ID (if the profile has none) and the registered redirect URI, saved on the Connect screen. */
export async function saveRedirectUri(page: Page, host: Host, redirectUri: string): Promise<void> {
  await go(page, 'connect');
  const clientId = page.getByTestId('client-id');
  if ((await clientId.inputValue()) === '') await clientId.fill(simClient(host).clientId);
  await page.getByTestId('redirect-uri').fill(redirectUri);
  await page.getByTestId('save-client').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByTestId('redirect-uri')).toHaveValue(redirectUri);
}

/** "Refresh now" on the Token screen; the timeline must show the rotation. */
export async function refreshFromTokenScreen(page: Page): Promise<void> {
  await go(page, 'token');
  await expect(page.getByTestId('token-status')).toContainText('Signed in');
  await page.getByTestId('refresh-now').click();
  await expect(page.getByText('Refreshed: new access and refresh tokens are stored.')).toBeVisible();
  await expect(page.getByTestId('token-timeline')).toContainText('Refresh token rotated');
}

/** "Sign out…" on the Token screen, confirmed in the dialog; the screen must say not signed in. */
export async function signOutFromTokenScreen(page: Page): Promise<void> {
  await go(page, 'token');
  await page.getByTestId('sign-out').click();
  const dialog = page.getByTestId('sign-out-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('token-status')).toContainText('Not signed in');
  await expect(page.getByTestId('token-timeline')).toContainText('Signed out');
}

/** Opens a checklist step card (only the current step is open by default). */
export async function openStep(page: Page, stepId: string): Promise<void> {
  const card = page.getByTestId(`step-${stepId}`);
  if ((await card.getAttribute('data-open')) !== 'true') await page.getByTestId(`toggle-${stepId}`).click();
  await expect(card).toHaveAttribute('data-open', 'true');
}
