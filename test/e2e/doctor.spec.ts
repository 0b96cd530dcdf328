/**
 * Issue 15: the network and setup check ("doctor") in Chromium, bridged to a real core.
 * 1. On the simulator: opened on demand, every check renders with a status in words, axe clean.
 * 2. "Pleo Staging on a corporate laptop": a real CONNECT proxy on 127.0.0.1 resolves
 *    auth.staging.pleo.io and external.staging.pleo.io to an https server whose certificate is
 *    signed by a throwaway company root (TLS inspection), and the OS does not route the link
 *    scheme to the app. The doctor runs by itself before the first sign-in, the Connect screen
 *    says so, and the details explain each finding; axe clean; screenshot for the docs.
 */
import { test as base, expect } from '@playwright/test';
import { startHost } from './host/start-host.js';
import { expectNoA11yViolations, screenshot } from './onboarding-helpers.js';
import { test } from './fixtures.js';
import { createNodeNetwork } from '../../src/core/net/node-network.js';
import { createThrowawayPki } from '../fixtures/net/throwaway-ca.js';
import { startTlsServer } from '../fixtures/net/tls-server.js';
import { startConnectProxy } from '../fixtures/net/connect-proxy.js';

test.describe('doctor on the simulator', () => {
  test('runs on demand and renders every result accessibly', async ({ appPage: page, host }) => {
    await page.getByTestId('nav-doctor').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Network and setup check' })).toBeVisible();
    const result = page.getByTestId('doctor-result');
    await expect(result).toBeVisible();
    await expect(result).toHaveAttribute('data-overall', 'pass');
    await expect(page.getByTestId('doctor-check-keychain')).toContainText('Pass');
    await expect(page.getByTestId('doctor-check-clock')).toContainText("agrees with the server's");
    await expectNoA11yViolations(host, page, 'doctor (simulator)');
    await page.getByTestId('doctor-copy').click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    expect(host.clipboard.at(-1)).toContain('Built-in');
  });
});

base.describe('doctor on a corporate laptop', () => {
  base('runs before the first sign-in to Pleo Staging and explains the proxy, TLS inspection and the link scheme', async ({ browser }) => {
    const pki = await createThrowawayPki('Contoso TLS Inspection Root');
    const server = await startTlsServer(pki, { status: 400 });
    const hosts = { 'auth.staging.pleo.io:443': `127.0.0.1:${server.port}`, 'external.staging.pleo.io:443': `127.0.0.1:${server.port}` };
    const proxy = await startConnectProxy({ hosts });
    const host = await startHost(browser as never, {
      network: createNodeNetwork({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [pki.caPem] }),
      callbackScheme: { isRegistered: async () => false },
    });
    try {
      const page = await host.openApp(browser as never);
      await page.getByTestId('nav-connect').click();
      await page.getByTestId('environment-select').selectOption('pleo-staging');
      const preflight = page.getByTestId('doctor-preflight');
      await expect(preflight).toBeVisible({ timeout: 30_000 });
      await expect(preflight).toContainText('things to look at');
      expect(proxy.connects).toEqual(expect.arrayContaining(['auth.staging.pleo.io:443']));
      await expectNoA11yViolations(host, page, 'connect (pre-flight)');

      await preflight.getByRole('button', { name: 'See the details' }).click();
      await expect(page.getByTestId('nav-doctor')).toHaveAttribute('aria-current', 'page');
      await expect(page.getByTestId('doctor-check-proxy')).toContainText(`through ${proxy.url}`);
      await expect(page.getByTestId('doctor-check-tls-auth')).toContainText('TLS inspection');
      await expect(page.getByTestId('doctor-check-tls-auth')).toContainText('Contoso TLS Inspection Root');
      const scheme = page.getByTestId('doctor-check-callback-scheme');
      const redirect = await page.getByTestId('doctor-check-redirect-uri').textContent();
      if (redirect?.includes('io.pleo.partnerdesktop:')) await expect(scheme).toContainText('Failed');
      await expectNoA11yViolations(host, page, 'doctor (corporate laptop)');
      await page.getByTestId('doctor-check-tls-auth').scrollIntoViewIfNeeded();
      await screenshot(page, 'doctor');
    } finally {
      await host.close();
      await Promise.all([server.close(), proxy.close()]);
    }
  });
});
