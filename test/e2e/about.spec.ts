/**
 * About and "Save a support bundle" (#13) in Chromium against the real core: version, where
 * data is kept, the licences generated at build time, and a saved bundle that holds the log
 * but not the simulator client's secret.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

test('About shows version, data locations and licences; the support bundle is saved without secrets', async ({ appPage: page, host }) => {
  await page.getByTestId('nav-about').click();
  await expect(page.getByRole('heading', { level: 2, name: 'About' })).toBeVisible();
  await expect(page.getByTestId('about-facts')).toContainText('0.0.0-test');
  await expect(page.getByTestId('about-data')).toContainText('settings.json');
  await expect(page.getByTestId('about-data')).toContainText('Pleo Partner Desktop (test host)');
  const licences = page.getByTestId('about-licences');
  await licences.locator('summary').click();
  await expect(licences.getByRole('cell', { name: 'react', exact: true })).toBeVisible();
  await expect(licences.getByRole('cell', { name: 'zod', exact: true })).toBeVisible();
  expect(await host.checkA11y(page)).toEqual([]);

  await page.getByTestId('save-support-bundle').click();
  await expect(page.getByTestId('support-bundle-status')).toContainText('Support bundle saved');
  expect(host.savedFiles).toHaveLength(1);
  const text = await readFile(host.savedFiles[0]!.path, 'utf8');
  const bundle = JSON.parse(text) as { format: string; log: unknown[] };
  expect(bundle.format).toMatch(/support-bundle/);
  expect(bundle.log.length).toBeGreaterThan(0);
  for (const client of host.simulator.info.clients) expect(text).not.toContain(client.clientSecret);
  await page.screenshot({
    path: fileURLToPath(new URL('../../docs/screenshots/about.png', import.meta.url)),
    fullPage: false,
    animations: 'disabled',
  });
});
