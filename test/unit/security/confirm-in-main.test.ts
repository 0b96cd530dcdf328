import { afterEach, describe, expect, it, vi } from 'vitest';

import { createExplorerFeature } from '../../../src/core/explorer/explorer-feature.js';
import { TOKEN_CLIPBOARD_MS } from '../../../src/core/explorer/clipboard-guard.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import type { ConfirmRequest } from '../../../src/core/ports.js';
import { confirmPort } from '../../../src/main/electron-adapters.js';
import type { EnvironmentSummary } from '../../../src/shared/environments.js';
import { startHarness, type Harness } from '../../fixtures/auth/harness.js';
import { createElectronDouble } from '../main/electron-double.js';
import { fakeAuth, fakeServices, testEnv } from '../explorer/fakes.js';

/**
 * Security issue 11, point 2 (new or changed origins take effect only after the user confirms
 * them in a dialog shown by main) and point 6 (copying the access token is confirmed in main,
 * and the clipboard is cleared after a minute). The renderer sends requests through the real
 * IPC dispatch; the "user" answers main's ConfirmPort.
 */
const harnesses: Harness[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const h of harnesses.splice(0)) await h.close().catch(() => undefined);
});

const CUSTOM = {
  name: 'Partner mock',
  authorizationEndpoint: 'https://auth.partner.example/oauth/authorize',
  tokenEndpoint: 'https://auth.partner.example/oauth/token',
  issuer: 'https://auth.partner.example',
  apiBase: 'https://api.partner.example',
};

async function harness(answer: boolean | ((r: ConfirmRequest) => boolean) = true): Promise<Harness> {
  const h = await startHarness({ confirm: (r) => (typeof answer === 'function' ? answer(r) : answer) });
  harnesses.push(h);
  return h;
}

describe('origins confirmed in main (issue 11 point 2)', () => {
  it('ORIGIN-CONFIRM-CUSTOM: a custom environment from the renderer is added only after the user confirms it in main', async () => {
    const h = await harness(false);
    const refused = await h.handle('environments.addCustom', CUSTOM);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });
    const { environments } = await h.call<{ environments: EnvironmentSummary[] }>('environments.list');
    expect(environments.some((e) => e.kind === 'custom')).toBe(false);
    expect(JSON.stringify(h.settings.store)).not.toContain('partner.example');
    expect(h.confirmations).toHaveLength(1);
    expect(h.confirmations[0]!.kind).toBe('new-environment');
    // The question names every origin the credentials and tokens would go to.
    expect(h.confirmations[0]!.detail).toContain('https://auth.partner.example');
    expect(h.confirmations[0]!.detail).toContain('https://api.partner.example');
  });

  it('ORIGIN-CONFIRM-CUSTOM: confirmed, the environment is added; an invalid one is refused before anyone is asked', async () => {
    const h = await harness(true);
    const added = await h.call<EnvironmentSummary>('environments.addCustom', CUSTOM);
    expect(added.kind).toBe('custom');
    const before = h.confirmations.length;
    const insecure = await h.handle('environments.addCustom', { ...CUSTOM, tokenEndpoint: 'http://evil.example/token' });
    expect(insecure).toMatchObject({ ok: false, error: { code: 'INSECURE_URL' } });
    expect(h.confirmations).toHaveLength(before);
  });

  it('ORIGIN-CONFIRM-STAGING: a changed staging issuer or redirect URI needs confirmation; the defaults, the Client ID and scopes do not', async () => {
    let answer = false;
    const h = await harness(() => answer);
    const staging = 'pleo-staging';
    const get = async () =>
      (await h.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find((e) => e.id === staging)!;
    const original = await get();

    expect(await h.handle('environments.update', { environmentId: staging, redirectUri: 'https://attacker.example/cb' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIRMED' },
    });
    expect(await h.handle('environments.update', { environmentId: staging, issuer: 'https://attacker.example' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIRMED' },
    });
    expect((await get()).redirectUri).toBe(original.redirectUri);
    expect((await get()).issuer).toBe(original.issuer);
    expect(h.confirmations.map((c) => c.kind)).toEqual(['environment-change', 'environment-change']);

    // Not origins: no question.
    await h.call('environments.update', { environmentId: staging, clientId: 'partner-client', scopes: ['users:read'] });
    expect(h.confirmations).toHaveLength(2);

    answer = true;
    await h.call('environments.update', { environmentId: staging, redirectUri: 'http://127.0.0.1/oauth/callback' });
    expect((await get()).redirectUri).toBe('http://127.0.0.1/oauth/callback');
    expect(h.confirmations).toHaveLength(3);
    // Going back to the built-in default asks nothing.
    answer = false;
    await h.call('environments.update', { environmentId: staging, redirectUri: original.redirectUri });
    expect((await get()).redirectUri).toBe(original.redirectUri);
    expect(h.confirmations).toHaveLength(3);
  });

  it('the simulator\u2019s redirect URI needs no question: main started that server, and it redirects only to URIs it registered', async () => {
    const h = await harness(false);
    await h.call('environments.update', { environmentId: 'simulator', redirectUri: 'http://127.0.0.1/oauth/callback' });
    expect(h.confirmations).toEqual([]);
  });

  it('without a ConfirmPort nothing is allowed unasked (fail closed)', async () => {
    const h = await harness(true);
    delete (h.services.ports as { confirm?: unknown }).confirm;
    expect(await h.handle('environments.addCustom', CUSTOM)).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });
  });
});

describe('copy access token (issue 11 point 6)', () => {
  function setup(answer: () => boolean) {
    const fx = fakeServices();
    const clipboard = { text: 'something the user copied earlier' };
    const asked: ConfirmRequest[] = [];
    Object.assign(fx.services.ports, {
      clipboard: { writeText: async (t: string) => void (clipboard.text = t), readText: async () => clipboard.text },
      confirm: { confirm: async (r: ConfirmRequest) => (asked.push(r), answer()) },
    });
    const auth = fakeAuth(testEnv('http://127.0.0.1:9'));
    const feature = createExplorerFeature(fx.services, { auth: auth.api });
    const call = (channel: string, payload: unknown) => dispatch(feature.handlers as HandlerTable, channel, payload);
    return { feature, call, clipboard, asked, token: () => auth.api.getAccessToken() };
  }

  it('COPY-TOKEN-CONFIRM: the payload flag alone copies nothing; main asks, and Cancel leaves the clipboard alone', async () => {
    const { call, clipboard, asked, feature } = setup(() => false);
    expect(await call('explorer.copyAccessToken', { confirm: true })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });
    expect(clipboard.text).toBe('something the user copied earlier');
    expect(asked.map((r) => r.kind)).toEqual(['copy-access-token']);
    await feature.dispose();
  });

  it('COPY-TOKEN-CLEARED: confirmed, the token is copied and cleared a minute later if still there (fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { call, clipboard, feature, token } = setup(() => true);
    expect(await call('explorer.copyAccessToken', {})).toMatchObject({ ok: true });
    const copied = await token();
    expect(clipboard.text).toBe(copied);
    await vi.advanceTimersByTimeAsync(TOKEN_CLIPBOARD_MS - 1);
    expect(clipboard.text).toBe(copied);
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
    await feature.dispose();
  });

  it('COPY-TOKEN-CLEARED: what the user copied after the token is left alone; quitting clears a token still there', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const first = setup(() => true);
    await first.call('explorer.copyAccessToken', {});
    first.clipboard.text = 'the user copied something else';
    await vi.advanceTimersByTimeAsync(TOKEN_CLIPBOARD_MS);
    expect(first.clipboard.text).toBe('the user copied something else');
    await first.feature.dispose();

    const second = setup(() => true);
    await second.call('explorer.copyAccessToken', {});
    expect(second.clipboard.text).not.toBe('');
    await second.feature.dispose();
    expect(second.clipboard.text).toBe('');
  });
});

describe('the Electron ConfirmPort (dialog.showMessageBox; electron test double)', () => {
  it('Cancel is the default and the Escape answer; only the confirm button says yes', async () => {
    const d = createElectronDouble();
    const port = confirmPort(d.electron.dialog as never, () => undefined);
    const request: ConfirmRequest = { kind: 'copy-access-token', title: 't', message: 'm', detail: 'd', confirmLabel: 'Copy the token' };
    expect(await port.confirm(request)).toBe(false);
    d.dialog.nextResponse = 1;
    expect(await port.confirm(request)).toBe(true);
    const shown = d.dialog.messageBoxes[0]!.options;
    expect(shown.buttons).toEqual(['Cancel', 'Copy the token']);
    expect(shown.defaultId).toBe(0);
    expect(shown.cancelId).toBe(0);
  });
});
