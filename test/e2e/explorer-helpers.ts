/** Steps shared by the explorer's end-to-end suites (explorer-*.spec.ts). */
import type { Page } from 'playwright-core';
import { expect } from './fixtures.js';
import type { Host } from './host/start-host.js';

/** Signs in through the app's engine, with the simulator's pages in the "system browser". */
export async function signIn(host: Host, clientId?: string): Promise<void> {
  const env = host.core.auth.activeEnvironment();
  if (clientId) {
    const r = await host.core.handle('environments.update', { environmentId: env.id, clientId });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  const started = await host.core.auth.signIn({ environmentId: env.id });
  await host.browser.signIn();
  expect((await host.core.auth.waitForSignIn(started.flowId)).phase).toBe('signed-in');
}

export async function openExplorer(page: Page): Promise<void> {
  await page.getByTestId('nav-explorer').click();
  await expect(page.getByRole('heading', { level: 2, name: 'API explorer' })).toBeVisible();
  await expect(page.getByTestId('endpoint-employees-list')).toBeVisible();
}

export async function expectAccessible(host: Host, page: Page, where: string): Promise<void> {
  const violations = await host.checkA11y(page);
  expect(violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
