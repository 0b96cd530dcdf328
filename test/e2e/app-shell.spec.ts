import { test, expect } from './fixtures.js';

test.describe('app shell in Chromium, bridged to a real core', () => {
  test('renders the shell with the simulator banner and no axe-core violations', async ({ appPage, host }) => {
    await expect(appPage.getByRole('heading', { level: 1, name: 'Pleo Partner Desktop' })).toBeVisible();
    await expect(appPage.getByTestId('environment-banner')).toContainText('SIMULATOR');
    await expect(appPage.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(await host.checkA11y(appPage)).toEqual([]);
  });

  test('records the performance marks app/entry, app/firstRender and app/interactive', async ({ appPage }) => {
    await appPage.waitForFunction(() => performance.getEntriesByName('app/interactive').length > 0);
    const marks = await appPage.evaluate(() => ['app/entry', 'app/firstRender', 'app/interactive'].map((n) => performance.getEntriesByName(n).length));
    expect(marks).toEqual([1, 1, 1]);
  });

  test('window.partner exposes the contract and nothing of Node (IPC-01)', async ({ appPage }) => {
    const shape = await appPage.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      areas: Object.keys(window.partner).sort(),
      hasOn: typeof window.partner.on,
    }));
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
    expect(shape.areas).toContain('app');
    expect(shape.areas).toContain('auth');
    expect(shape.hasOn).toBe('function');
  });

  test('presenter mode switch persists and is announced on <html>', async ({ appPage }) => {
    await appPage.getByTestId('presenter-switch').check();
    await expect(appPage.locator('html')).toHaveAttribute('data-presenter', 'on');
    await appPage.reload();
    await expect(appPage.locator('html')).toHaveAttribute('data-presenter', 'on');
  });

  test('NAV-09: the CSP blocks inline script and eval in the renderer', async ({ appPage }) => {
    const outcome = await appPage.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__canary = 1';
      document.body.appendChild(s);
      let evalBlocked = false;
      try {
        // eslint-disable-next-line no-eval
        (0, eval)('1');
      } catch {
        evalBlocked = true;
      }
      await new Promise((r) => setTimeout(r, 50));
      return { canary: (window as unknown as { __canary?: number }).__canary, evalBlocked, violations };
    });
    expect(outcome.canary).toBeUndefined();
    expect(outcome.evalBlocked).toBe(true);
    expect(outcome.violations.length).toBeGreaterThan(0);
  });

  test('keyboard-only: Tab reaches the navigation and Enter switches screens', async ({ appPage }) => {
    await appPage.getByTestId('nav-explorer').focus();
    await appPage.keyboard.press('Enter');
    await expect(appPage.getByTestId('nav-explorer')).toHaveAttribute('aria-current', 'page');
  });
});
