/**
 * Issue 5, "done means": the whole checklist on the simulator, from an empty profile to the
 * first API call, in Chromium, with axe-core on every screen and a screenshot of each.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import {
  SCREENSHOTS,
  enterCredentials,
  expectNoA11yViolations,
  go,
  openStep,
  screenshot,
  signIn,
  simClient,
} from './onboarding-helpers.js';

test.describe('onboarding checklist on the simulator', () => {
  test('walks every step from an empty profile to the first API call, accessible on every screen', async ({
    appPage: page,
    host,
    browser,
  }) => {
    test.setTimeout(120_000);
    const step = (id: string) => page.getByTestId(`step-${id}`);

    // Empty profile: nothing proven.
    await expect(page.getByRole('heading', { name: 'Onboarding checklist' })).toBeVisible();
    await expect(page.getByTestId('checklist-progress')).toHaveText('0 of 7 steps proven');
    await expectNoA11yViolations(host, page, 'checklist (empty)');

    // Step 1: details -> prepared request text -> copy -> manual confirmation.
    await step('access-requested').getByLabel('Company or organisation').fill('Nordlys Regnskab ApS');
    await step('access-requested').getByLabel('ERP or accounting system you integrate with').fill('e-conomic');
    await step('access-requested').getByLabel('Planned API usage').fill('Export approved expenses to e-conomic every night.');
    await step('access-requested').getByRole('button', { name: 'Save details' }).click();
    await expect(step('access-requested')).toHaveAttribute('data-status', 'in-progress');
    await step('access-requested').getByRole('button', { name: 'Copy Whole request as text' }).click();
    await expect.poll(() => host.clipboard.at(-1)).toContain('Company / organisation: Nordlys Regnskab ApS');
    await step('access-requested').getByLabel('Confirmed by (your name)').fill('Alex Demo');
    await step('access-requested').getByRole('button', { name: 'Confirm: request sent' }).click();
    await expect(step('access-requested')).toHaveAttribute('data-status', 'done');
    await openStep(page, 'access-requested');
    await expect(step('access-requested').getByTestId('evidence').first()).toContainText('Confirmed by Alex Demo');

    // Step 2: the exact redirect URI, copied by main; manual confirmation.
    const redirect = await step('client-registered').getByTestId('prepared-redirect-uri').locator('code').innerText();
    await step('client-registered').getByRole('button', { name: 'Copy Redirect URI' }).click();
    await expect.poll(() => host.clipboard.at(-1)).toBe(redirect);
    await step('client-registered').getByLabel('Confirmed by (your name)').fill('Alex Demo');
    await step('client-registered').getByRole('button', { name: 'Confirm: registration sent' }).click();
    await expect(step('client-registered')).toHaveAttribute('data-status', 'done');

    // Step 3: automatic on the simulator.
    await step('staging-access').getByRole('button', { name: 'Run check' }).click();
    await expect(step('staging-access')).toHaveAttribute('data-status', 'done');

    // Step 4: Connect, credentials, credential probe.
    await step('credentials-stored').getByRole('button', { name: 'Go to Connect' }).click();
    await expectNoA11yViolations(host, page, 'connect');
    await enterCredentials(page, host);
    await expect(page.getByTestId('credential-result')).toContainText('Pleo accepted');
    await expect(page.getByTestId('secret-state')).toContainText('fingerprint');

    // Step 5: sign in through the system browser; live progress.
    await signIn(page, host);
    await expect(page.getByTestId('flow-status')).toContainText('Signed in');
    await expect(page.getByTestId('flow-progress')).toContainText('Stored in your system keychain');
    await expectNoA11yViolations(host, page, 'connect (signed in)');
    await screenshot(page, 'connect');

    // Step 6: the token panel; refresh with rotation.
    await go(page, 'token');
    await expect(page.getByTestId('token-status')).toContainText('Signed in');
    await expect(page.getByTestId('expiry-countdown')).toContainText('Access token expires in');
    await page.getByTestId('refresh-now').click();
    await expect(page.getByText('Refreshed: new access and refresh tokens are stored.')).toBeVisible();
    await expect(page.getByTestId('token-timeline')).toContainText(/Refreshed|Refresh token rotated/);
    await expect(page.getByTestId('scope-table')).toContainText('users:read');
    await expectNoA11yViolations(host, page, 'token');
    await screenshot(page, 'token');

    // Step 7: the first API call from the checklist.
    await go(page, 'checklist');
    await expect(step('authorized')).toHaveAttribute('data-status', 'done');
    await expect(step('refresh-works')).toHaveAttribute('data-status', 'done');
    await step('first-api-call').getByRole('button', { name: 'Run check' }).click();
    await expect(step('first-api-call')).toHaveAttribute('data-status', 'done');
    await openStep(page, 'first-api-call');
    await expect(step('first-api-call').getByTestId('evidence').first()).toContainText('200 OK');
    await expect(page.getByTestId('checklist-progress')).toHaveText('5 of 7 steps proven, 2 self-confirmed');
    await expect(step('export-next')).toContainText('Coming next');
    await expectNoA11yViolations(host, page, 'checklist (complete)');
    await screenshot(page, 'checklist');

    // Readiness report: preview in the app, HTML saved through the host's file saver.
    await page.getByTestId('report-preview-toggle').click();
    await expect(page.getByTestId('report-preview')).toContainText('5 of 7 steps proven, 2 self-confirmed');
    await expectNoA11yViolations(host, page, 'report preview');
    await page.getByTestId('report-preview').scrollIntoViewIfNeeded();
    await page.getByTestId('report-preview').screenshot({ path: `${SCREENSHOTS}report-preview.png`, animations: 'disabled' });
    await expect(page.getByTestId('report-save-pdf')).toBeDisabled();
    await page.getByTestId('report-save-html').click();
    await expect.poll(() => host.savedFiles.length).toBe(1);
    const html = readFileSync(host.savedFiles[0]!.path, 'utf8');
    expect(html).toContain('5 of 7 steps proven, 2 self-confirmed');
    expect(html).toContain('Nordlys Regnskab ApS');
    expect(html).not.toMatch(/<script|<link|\bsrc=/i);
    // The saved file as a stakeholder sees it, rendered on its own (no app, no network).
    const viewer = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
    const reportPage = await viewer.newPage();
    await reportPage.setContent(html);
    await expect(reportPage.getByRole('heading', { level: 1 })).toHaveText('Pleo integration readiness report: SIMULATOR rehearsal');
    await reportPage.screenshot({ path: `${SCREENSHOTS}report.png`, fullPage: true });
    await viewer.close();

    // Nothing secret reached the renderer, the report or the settings file (E3).
    const secret = simClient(host).clientSecret;
    expect(JSON.stringify(host.rendererPayloads)).not.toContain(secret);
    expect(html).not.toContain(secret);
    expect(html).not.toContain(simClient(host).clientId);
    expect(readFileSync(host.settingsPath, 'utf8')).not.toContain(secret);

    // Presenter mode: identifiers masked everywhere, banner stays, diagnostics hidden.
    // The switch is controlled by main's stored preference, so it flips after a round trip.
    await page.getByTestId('presenter-switch').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    // Wait for each screen's content, so the checks below are about the loaded screen.
    const loaded = { checklist: 'checklist-progress', connect: 'client-id', token: 'token-status' } as const;
    for (const screen of ['checklist', 'connect', 'token'] as const) {
      await go(page, screen);
      await expect(page.getByTestId(loaded[screen])).toBeVisible();
      await expect(page.getByTestId('environment-banner')).toBeVisible();
      expect(await page.locator('body').innerText()).not.toContain(simClient(host).clientId);
      if (screen === 'connect') await expect(page.getByTestId('client-id')).toHaveAttribute('type', 'password');
      await expectNoA11yViolations(host, page, `${screen} (presenter mode)`);
    }
    await go(page, 'checklist');
    await expect(page.getByTestId('checklist-progress')).toBeVisible();
    await screenshot(page, 'presenter-checklist');

    // Dark theme: contrast still passes axe on the busiest screens.
    await page.getByTestId('presenter-switch').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'off');
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    for (const screen of ['checklist', 'connect', 'token'] as const) {
      await go(page, screen);
      await expectNoA11yViolations(host, page, `${screen} (dark theme)`);
    }
  });

  test('progress persists per environment and "reset this environment" starts over', async ({ appPage: page, host }) => {
    const step = page.getByTestId('step-client-registered');
    await openStep(page, 'client-registered');
    await step.getByLabel('Confirmed by (your name)').fill('Sam');
    await step.getByRole('button', { name: 'Confirm: registration sent' }).click();
    await expect(step).toHaveAttribute('data-status', 'done');
    await page.reload();
    await expect(page.getByTestId('step-client-registered')).toHaveAttribute('data-status', 'done');
    await page.getByTestId('reset-environment').click();
    await expect(page.getByTestId('reset-dialog')).toBeVisible();
    await expectNoA11yViolations(host, page, 'reset dialog');
    await page.getByTestId('reset-dialog').getByRole('button', { name: 'Reset checklist' }).click();
    await expect(page.getByTestId('step-client-registered')).toHaveAttribute('data-status', 'not-started');
    await expect(page.getByTestId('checklist-progress')).toHaveText('0 of 7 steps proven');
  });

  test('keyboard only: confirm a step without the mouse, with visible focus', async ({ appPage: page }) => {
    const step = page.getByTestId('step-client-registered');
    await openStep(page, 'client-registered');
    const name = step.getByLabel('Confirmed by (your name)');
    await name.focus();
    await page.keyboard.type('Kim');
    await page.keyboard.press('Enter');
    await expect(step).toHaveAttribute('data-status', 'done');
    await page.getByTestId('report-save-html').focus();
    const outline = await page.getByTestId('report-save-html').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
  });
});
