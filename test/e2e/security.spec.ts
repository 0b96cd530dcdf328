/**
 * Renderer-side security cases in real Chromium (docs/security.md): the built page, the
 * production CSP, the contract bridge to a real core. The Electron shell itself (preload,
 * BrowserWindow, app:// protocol) is not here: see docs/security.md for what is unverified.
 */
import { channelNames } from '../../src/shared/contract/index.js';
import { RENDERER_META_CSP } from '../../src/shared/csp.js';
import { expect, test } from './fixtures.js';
import { openExplorer, signIn } from './explorer-helpers.js';

test.describe('security of the renderer (Chromium, real core)', () => {
  test('META-CSP NAV-09: without the CSP header the built page still refuses inline and remote script (and allows no eval)', async ({
    appPage,
    host,
  }) => {
    // Serve the same built files without the header: only the meta fallback is left.
    await appPage.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    await appPage.reload();
    await expect(appPage.getByTestId('nav-explorer')).toBeVisible();
    const meta = await appPage.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(RENDERER_META_CSP);

    const remote = `${host.simulator.info.apiBase}/evil-script.js`;
    const outcome = await appPage.evaluate(async (remoteUrl) => {
      const violations: string[] = [];
      // Both refusals are reported as events; wait for them (not for a fixed time), with a
      // generous cap so a busy machine cannot make the test pass or fail by timing.
      let reported: () => void = () => undefined;
      const bothReported = new Promise<void>((resolve) => (reported = resolve));
      document.addEventListener('securitypolicyviolation', (e) => {
        violations.push(e.effectiveDirective);
        if (violations.filter((v) => v === 'script-src-elem').length >= 2) reported();
      });
      const inline = document.createElement('script');
      inline.textContent = 'window.__canaryInline = 1';
      document.body.appendChild(inline);
      const external = document.createElement('script');
      external.src = remoteUrl;
      document.body.appendChild(external);
      await Promise.race([bothReported, new Promise((r) => setTimeout(r, 15_000))]);
      return { canary: (window as unknown as { __canaryInline?: number }).__canaryInline, violations };
    }, remote);
    // eval and new Function: code run through page.evaluate is exempt from CSP (DevTools), so
    // the policy itself is checked: neither 'unsafe-eval' nor 'unsafe-inline' is in it.
    expect(meta).not.toMatch(/unsafe-(eval|inline)/);
    expect(outcome.canary).toBeUndefined();
    expect(outcome.violations.filter((v) => v === 'script-src-elem').length).toBeGreaterThanOrEqual(2);
    // The "evil" server never received the request.
    expect(host.simulator.accessLog().some((e) => e.path === '/evil-script.js')).toBe(false);
  });

  test('NAV-10 AUXCLICK: a middle-click on a link opens nothing', async ({ appPage }) => {
    const context = appPage.context();
    const pagesBefore = context.pages().length;
    await appPage.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://evil.example/';
      a.target = '_blank';
      a.textContent = 'middle-click me';
      a.id = 'mc-link';
      a.style.cssText = 'position:fixed;top:0;left:0;z-index:9999;padding:8px;background:#fff';
      document.body.appendChild(a);
      (window as unknown as { __auxPrevented?: boolean }).__auxPrevented = undefined;
      document.addEventListener(
        'auxclick',
        (e) => ((window as unknown as { __auxPrevented?: boolean }).__auxPrevented = e.defaultPrevented),
      );
    });
    await appPage.locator('#mc-link').click({ button: 'middle' });
    expect(await appPage.evaluate(() => (window as unknown as { __auxPrevented?: boolean }).__auxPrevented)).toBe(true);
    expect(context.pages().length).toBe(pagesBefore);
  });

  test('NAV-06: a file or link dropped on the window does not navigate it', async ({ appPage }) => {
    const before = appPage.url();
    const prevented = await appPage.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/uri-list', 'https://evil.example/');
      data.items.add(new File(['<script>alert(1)</script>'], 'evil.html', { type: 'text/html' }));
      const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
      const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(over);
      document.body.dispatchEvent(drop);
      return { over: over.defaultPrevented, drop: drop.defaultPrevented };
    });
    expect(prevented).toEqual({ over: true, drop: true });
    expect(appPage.url()).toBe(before);
  });

  test('IPC-01 IPC-02: window.partner has exactly the contract\u2019s functions, and none returns a secret', async ({ appPage }) => {
    const surface = await appPage.evaluate(() => {
      const out: string[] = [];
      for (const [area, fns] of Object.entries(window.partner)) {
        if (typeof fns === 'function') out.push(area);
        else for (const [name, fn] of Object.entries(fns as Record<string, unknown>)) out.push(`${area}.${name}:${typeof fn}`);
      }
      return out.sort();
    });
    expect(surface).toEqual([...channelNames.map((c) => `${c}:function`), 'on'].sort());
    // No getter of a secret exists (the write-only secret and the main-side token copy are the only secret-related calls).
    expect(surface.filter((s) => /get.*(secret|token|verifier|state|code)/i.test(s))).toEqual([]);
  });

  test('IPC-03: no canary in any result or event the renderer received over a sign-in, a refresh and API calls', async ({
    appPage,
    host,
  }) => {
    await signIn(host);
    await openExplorer(appPage);
    await appPage.getByTestId('send-request').click();
    await expect(appPage.getByTestId('response-status')).toContainText('200');
    await host.core.handle('auth.refresh', {});
    const token = await host.core.auth.getAccessToken();
    const client = host.simulator.info.clients[0]!;
    const payloads = JSON.stringify(host.rendererPayloads);
    for (const canary of [token, client.clientSecret]) {
      expect(payloads).not.toContain(canary);
      expect(await appPage.content()).not.toContain(canary);
    }
  });
});
