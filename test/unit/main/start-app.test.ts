/**
 * The Electron composition root against the electron test double: lifecycle order, the
 * single-instance lock, protocol registration, permission denial, IPC wiring and the app://
 * protocol. (The real Electron runtime is unverified here: see test/electron.)
 */
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronDouble, FakeBrowserWindow } from './electron-double.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import { IPC_REQUEST_PREFIX } from '../../../src/shared/contract/index.js';

vi.mock('../../../src/main/platform-services.js', () => ({
  createPlatformServices: async () => {
    const store = new Map<string, unknown>();
    return {
      settings: {
        get: (k: string) => store.get(k),
        set: (k: string, v: unknown) => void store.set(k, v),
        delete: (k: string) => void store.delete(k),
        clear: () => store.clear(),
        path: '/tmp/double/settings.json',
        get store() {
          return Object.fromEntries(store);
        },
      },
      secretStore: createMemorySecretStore(),
      simulator: { start: async () => ({ issuer: 'http://127.0.0.1:1', authorizationEndpoint: 'http://127.0.0.1:1/oauth/authorize', tokenEndpoint: 'http://127.0.0.1:1/oauth/token', introspectionEndpoint: 'http://127.0.0.1:1/oauth/token/introspect', revocationEndpoint: 'http://127.0.0.1:1/oauth/token/revoke', apiBase: 'http://127.0.0.1:1', clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['io.pleo.partnerdesktop:/oauth/callback'], scopes: ['users:read'] }], users: [] }), stop: async () => undefined },
      notices: [{ level: 'warning', code: 'SETTINGS_RESET', message: 'reset' }],
    };
  },
}));

const { startApp } = await import('../../../src/main/start-app.js');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ppd-main-'));
  await mkdir(path.join(root, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(root, 'secret.txt'), 'outside the bundle');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function started() {
  const d = createElectronDouble();
  startApp(d.electron as never, { appRoot: root });
  d.app.readyResolve!();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBeDefined());
  return d;
}

describe('Electron composition root (electron test double)', () => {
  it('CC-02: a second instance quits at once and wires nothing', () => {
    const d = createElectronDouble({ gotLock: false });
    startApp(d.electron as never, { appRoot: root });
    expect(d.app.quitCalls).toBe(1);
    expect(d.protocolClientsCount()).toBe(0);
    expect(d.handlers.size).toBe(0);
  });

  it('registers the OAuth scheme with `--` and the app:// scheme as privileged before ready', () => {
    const d = createElectronDouble();
    startApp(d.electron as never, { appRoot: root });
    expect(d.app.protocolClients[0]).toMatchObject({ scheme: 'io.pleo.partnerdesktop' });
    expect(d.app.protocolClients[0]!.args.at(-1)).toBe('--');
    expect(d.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(d.app.listenerCount('will-finish-launching')).toBe(1);
    expect(d.app.listenerCount('second-instance')).toBe(1);
  });

  it('NAV-08: denies every permission request and check', async () => {
    const d = await started();
    const decisions: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) d.session.defaultSession.requestHandler!({}, p, (ok) => decisions.push(ok));
    expect(decisions).toEqual([false, false, false, false, false]);
    expect(d.session.defaultSession.checkHandler!()).toBe(false);
  });

  it('loads the UI from app://bundle in one hardened window and serves it with the CSP', async () => {
    const d = await started();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadedUrl).toBe('app://bundle/index.html');
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    const handler = d.protocol.handlers.get('app')!;
    const ok = await handler(new Request('app://bundle/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    // NAV-11: traversal out of the bundle is refused.
    for (const p of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e%2fsecret.txt', 'app://bundle/..%2fsecret.txt']) {
      const r = await handler(new Request(p));
      expect([403, 404]).toContain(r.status);
      expect(await r.text()).not.toContain('outside the bundle');
    }
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('IPC: handlers answer the app window and refuse any other sender', async () => {
    const d = await started();
    const win = FakeBrowserWindow.instances[0]!;
    const info = d.handlers.get(IPC_REQUEST_PREFIX + 'app.info')!;
    const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
    expect(await info(trusted, {})).toMatchObject({ ok: true, value: { host: 'electron', name: 'Pleo Partner Desktop' } });
    expect(await info({ ...trusted, sender: { id: 999 } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('keeps start-up notices (e.g. a reset settings file) for the window that opens later', async () => {
    const d = await started();
    const win = FakeBrowserWindow.instances[0]!;
    const notices = d.handlers.get(IPC_REQUEST_PREFIX + 'app.notices')!;
    const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
    expect(await notices(trusted, {})).toMatchObject({ ok: true, value: { notices: [{ code: 'SETTINGS_RESET' }] } });
  });
});
