/**
 * Playwright fixtures for the end-to-end suites: `host` (real core + simulator + system
 * browser, see host/start-host.ts) and `appPage` (the app's UI in Chromium). Each test gets a
 * fresh profile. Suites can pass simulator options with test.use({ hostOptions: {...} }).
 */
import { test as base, expect } from '@playwright/test';
import { startHost, type Host, type HostOptions } from './host/start-host.js';

export interface Fixtures {
  hostOptions: HostOptions;
  host: Host;
  appPage: import('playwright-core').Page;
}

export const test = base.extend<Fixtures>({
  hostOptions: [{}, { option: true }],
  host: async ({ browser, hostOptions }, use) => {
    const host = await startHost(browser as never, hostOptions);
    await use(host);
    await host.close();
  },
  appPage: async ({ host, browser }, use) => {
    const page = await host.openApp(browser as never);
    await use(page);
  },
});

export { expect };
