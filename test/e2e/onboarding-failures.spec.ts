/**
 * Issue 5 failure paths, each shown to the user in plain language with the checklist step it
 * affects (contract E1), and each followed by a recovery in the same app instance (E4).
 */
import { test, expect } from './fixtures.js';
import { enterCredentials, expectNoA11yViolations, go, openStep, screenshot, signIn, simClient } from './onboarding-helpers.js';

test.describe('onboarding failure paths', () => {
  test('a wrong Client Secret is rejected, explained, fails step 4, and can be corrected', async ({ appPage: page, host }) => {
    await enterCredentials(page, host, 'definitely-not-the-secret');
    const error = page.getByTestId('error-CLIENT_SECRET_REJECTED');
    await expect(error).toBeVisible();
    await expect(error).toContainText('What to do');
    await expect(page.getByTestId('affects-step')).toContainText('4. Client credentials stored');
    await expectNoA11yViolations(host, page, 'connect (wrong secret)');
    await page.getByTestId('error-CLIENT_SECRET_REJECTED').scrollIntoViewIfNeeded();
    await screenshot(page, 'connect-wrong-secret');
    await go(page, 'checklist');
    await expect(page.getByTestId('step-credentials-stored')).toHaveAttribute('data-status', 'failed');
    await expect(page.getByTestId('step-credentials-stored')).toContainText('Failed');
    // The wrong secret never reaches the renderer.
    expect(JSON.stringify(host.rendererPayloads)).not.toContain('definitely-not-the-secret');

    // Recovery: the right secret, then the step is proven.
    await enterCredentials(page, host, simClient(host).clientSecret);
    await expect(page.getByTestId('credential-result')).toContainText('Pleo accepted');
    await go(page, 'checklist');
    await expect(page.getByTestId('step-credentials-stored')).toHaveAttribute('data-status', 'done');
  });

  test('a denied consent is explained, fails step 5, and a new sign-in succeeds', async ({ appPage: page, host }) => {
    await enterCredentials(page, host);
    await signIn(page, host, { deny: true });
    const error = page.getByTestId('error-AUTH_DENIED');
    await expect(error).toBeVisible();
    await expect(error).toContainText('What to do');
    await expect(page.getByTestId('affects-step')).toContainText('5. Authorization completed');
    await expectNoA11yViolations(host, page, 'connect (denied)');
    await go(page, 'checklist');
    await expect(page.getByTestId('step-authorized')).toHaveAttribute('data-status', 'failed');

    await signIn(page, host);
    await expect(page.getByTestId('flow-status')).toContainText('Signed in');
    await go(page, 'checklist');
    await expect(page.getByTestId('step-authorized')).toHaveAttribute('data-status', 'done');
  });

  test('an expired session is explained on refresh and on the first API call, and signing in again recovers', async ({
    appPage: page,
    host,
  }) => {
    await enterCredentials(page, host);
    await signIn(page, host);
    await expect(page.getByTestId('flow-status')).toContainText('Signed in');
    // Pleo ends the session (e.g. installation removed): every token of the client is revoked.
    host.simulator.revokeAll(simClient(host).clientId);

    await go(page, 'token');
    await page.getByTestId('refresh-now').click();
    const ended = page.getByTestId('error-SESSION_ENDED');
    await expect(ended).toBeVisible();
    await expect(ended).toContainText(/sign in again/i);
    await expectNoA11yViolations(host, page, 'token (session ended)');

    await go(page, 'checklist');
    await expect(page.getByTestId('step-refresh-works')).toHaveAttribute('data-status', 'failed');
    await openStep(page, 'first-api-call');
    await page.getByTestId('step-first-api-call').getByRole('button', { name: 'Run check' }).click();
    await expect(page.getByTestId('step-first-api-call').locator('[data-error-code]')).toBeVisible();
    await expect(page.getByTestId('step-first-api-call')).toContainText(/sign in/i);

    // Recovery in the same app instance: sign in, then the first API call works.
    await signIn(page, host);
    await expect(page.getByTestId('flow-status')).toContainText('Signed in');
    await go(page, 'checklist');
    await openStep(page, 'first-api-call');
    await page.getByTestId('step-first-api-call').getByRole('button', { name: 'Run check' }).click();
    await expect(page.getByTestId('step-first-api-call')).toHaveAttribute('data-status', 'done');
  });
});
