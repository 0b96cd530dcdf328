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

const state = vi.hoisted(() => ({ failPlatform: false, hangDispose: false, deepLinks: [] as string[], coreOptions: undefined as unknown }));

vi.mock('../../../src/core/create-core.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/core/create-core.js')>();
  return {
    ...original,
    createCore: (options: Parameters<typeof original.createCore>[0]) => {
      state.coreOptions = options;
      const core = original.createCore(options);
      const handleDeepLink = core.auth.handleDeepLink;
      core.auth.handleDeepLink = (url: string) => {
        state.deepLinks.push(url);
        return handleDeepLink(url);
      };
      if (state.hangDispose) core.dispose = () => new Promise<void>(() => undefined);
      return core;
    },
  };
});

vi.mock('../../../src/main/platform-services.js', () => ({
  createPlatformServices: async () => {
    if (state.failPlatform) throw new Error('EACCES: permission denied, open settings');
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
      simulator: {
        start: async () => ({
          issuer: 'http://127.0.0.1:1',
          authorizationEndpoint: 'http://127.0.0.1:1/oauth/authorize',
          tokenEndpoint: 'http://127.0.0.1:1/oauth/token',
          introspectionEndpoint: 'http://127.0.0.1:1/oauth/token/introspect',
          revocationEndpoint: 'http://127.0.0.1:1/oauth/token/revoke',
          apiBase: 'http://127.0.0.1:1',
          clients: [
            {
              clientId: 'c',
              clientSecret: 's',
              redirectUris: ['io.pleo.partnerdesktop:/oauth/callback', 'http://127.0.0.1/oauth/callback'],
              scopes: ['users:read'],
            },
          ],
          users: [],
        }),
        stop: async () => undefined,
      },
      notices: [{ level: 'warning', code: 'SETTINGS_RESET', message: 'reset' }],
    };
  },
}));

const { startApp, DISPOSE_ON_QUIT_TIMEOUT_MS } = await import('../../../src/main/start-app.js');
// start-app loads core lazily (its own chunk in the bundle, B9); load it once here so the first
// test's waitFor does not also wait for Vite to transform the whole core.
await import('../../../src/core/create-core.js');

const CB = 'io.pleo.partnerdesktop:/oauth/callback?code=c&state=s';
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ppd-main-'));
  await mkdir(path.join(root, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(root, 'secret.txt'), 'outside the bundle');
  Object.assign(state, { failPlatform: false, hangDispose: false, deepLinks: [] });
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(root, { recursive: true, force: true });
});

function double(options: Parameters<typeof createElectronDouble>[0] = {}) {
  return createElectronDouble({ appData: path.join(root, 'appData'), ...options });
}

async function started(options: Parameters<typeof createElectronDouble>[0] = {}) {
  const d = double(options);
  startApp(d.electron, { appRoot: root });
  d.app.readyResolve!();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBeDefined());
  return d;
}

function beforeQuit(d: ReturnType<typeof double>) {
  let prevented = false;
  d.app.emit('before-quit', { preventDefault: () => (prevented = true) });
  return prevented;
}

describe('Electron composition root (electron test double)', () => {
  it('CC-02 ST-14: a second instance quits at once and wires nothing (so it never writes the settings file)', () => {
    const d = double({ gotLock: false });
    startApp(d.electron, { appRoot: root });
    expect(d.app.quitCalls).toBe(1);
    expect(d.protocolClientsCount()).toBe(0);
    expect(d.handlers.size).toBe(0);
  });

  it('registers the OAuth scheme with `--` and the app:// scheme as privileged before ready', () => {
    const d = double({ isPackaged: true });
    startApp(d.electron, { appRoot: root, platform: 'linux' });
    expect(d.app.protocolClients[0]).toMatchObject({ scheme: 'io.pleo.partnerdesktop' });
    expect(d.app.protocolClients[0]!.args.at(-1)).toBe('--');
    expect(d.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(d.app.listenerCount('will-finish-launching')).toBe(1);
    expect(d.app.listenerCount('second-instance')).toBe(1);
  });

  it('a development run registers the scheme only on Windows (the only platform honouring path/args)', () => {
    const win = double();
    startApp(win.electron, { appRoot: root, platform: 'win32' });
    expect(win.app.protocolClients).toHaveLength(1);
    expect(win.app.protocolClients[0]!.args.at(-1)).toBe('--');
    for (const platform of ['darwin', 'linux'] as const) {
      const d = double();
      startApp(d.electron, { appRoot: root, platform });
      expect(d.app.protocolClients, platform).toEqual([]);
    }
  });

  it('a refused scheme registration is logged, not fatal', async () => {
    const d = await started({ isPackaged: true, protocolClientAccepted: false });
    expect(d.app.protocolClients).toHaveLength(1);
    expect(d.dialog.errorBoxes).toEqual([]);
  });

  it('a development run uses its own userData (and so its own single-instance lock) unless --user-data-dir is given', () => {
    const appData = path.join(root, 'appData');
    const dev = double();
    startApp(dev.electron, { appRoot: root });
    expect(dev.app.lockUserData).toBe(path.join(appData, 'Pleo Partner Desktop (dev)'));
    const packaged = double({ isPackaged: true });
    startApp(packaged.electron, { appRoot: root });
    expect(packaged.app.lockUserData).toBe(path.join(appData, 'Pleo Partner Desktop'));
    const explicit = double({ switches: ['user-data-dir'] });
    startApp(explicit.electron, { appRoot: root });
    expect(explicit.app.lockUserData).toBe(path.join(appData, 'Pleo Partner Desktop'));
  });

  it('closing the window (webContents destroyed before "closed") neither throws nor keeps the sender trusted', async () => {
    const d = await started();
    const win = FakeBrowserWindow.instances[0]!;
    const id = win.webContents.id;
    expect(() => win.close()).not.toThrow();
    const info = d.handlers.get(IPC_REQUEST_PREFIX + 'app.info')!;
    expect(await info({ sender: { id }, senderFrame: { url: 'app://bundle/index.html', parent: null } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    // The app keeps working after the close (second-instance focuses nothing, links still land).
    d.app.emit('second-instance', {}, ['/opt/app/pleo', '--', CB]);
    await vi.waitFor(() => expect(state.deepLinks).toEqual([CB]));
  });

  it('a page that fails to load still leaves deep links delivered and the app running', async () => {
    FakeBrowserWindow.failNextLoad = new Error('ERR_FAILED (-2) loading app://bundle/index.html');
    const d = await started();
    d.app.emit('second-instance', {}, ['/opt/app/pleo', '--', CB]);
    await vi.waitFor(() => expect(state.deepLinks).toEqual([CB]));
    expect(d.app.exitCodes).toEqual([]);
  });

  it('a failed start-up is reported and exits instead of leaving a windowless process holding the lock', async () => {
    state.failPlatform = true;
    const d = double();
    startApp(d.electron, { appRoot: root });
    d.app.readyResolve!();
    await vi.waitFor(() => expect(d.app.exitCodes).toEqual([1]));
    expect(d.dialog.errorBoxes[0]?.content).toContain('EACCES');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('before-quit: waits for dispose once, then quits; the second before-quit goes through', async () => {
    const d = await started();
    expect(beforeQuit(d)).toBe(true);
    await vi.waitFor(() => expect(d.app.quitCalls).toBe(1));
    expect(beforeQuit(d)).toBe(false);
  });

  it('before-quit: a dispose that never settles does not keep the app alive', async () => {
    state.hangDispose = true;
    const d = await started();
    vi.useFakeTimers();
    expect(beforeQuit(d)).toBe(true);
    await vi.advanceTimersByTimeAsync(DISPOSE_ON_QUIT_TIMEOUT_MS - 1);
    expect(d.app.quitCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(d.app.quitCalls).toBe(1);
  });

  it('NAV-08: denies every permission request and check', async () => {
    const d = await started();
    const decisions: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      d.session.defaultSession.requestHandler!({}, p, (ok) => decisions.push(ok));
    expect(decisions).toEqual([false, false, false, false, false]);
    expect(d.session.defaultSession.checkHandler!()).toBe(false);
  });

  it('EL-02: loads the UI from app://bundle in one hardened window and serves it with the CSP', async () => {
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

  it('a run without the registered scheme (development on Linux) signs in to the simulator through loopback; a packaged one through the scheme', async () => {
    const redirectOf = async (d: Awaited<ReturnType<typeof started>>) => {
      const win = FakeBrowserWindow.instances.at(-1)!;
      const list = d.handlers.get(IPC_REQUEST_PREFIX + 'environments.list')!;
      const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
      const r = (await list(trusted, {})) as { ok: true; value: { environments: Array<{ id: string; redirectUri: string }> } };
      return r.value.environments.find((e) => e.id === 'simulator')!.redirectUri;
    };
    if (process.platform !== 'win32') expect(await redirectOf(await started())).toBe('http://127.0.0.1/oauth/callback');
    expect(await redirectOf(await started({ isPackaged: true }))).toBe('io.pleo.partnerdesktop:/oauth/callback');
  });
});

describe('network seam wiring (issue 15; real net.fetch unverified here)', () => {
  it("core's requests go to the app session's fetch (Chromium: system proxy, PAC, OS trust store) and the doctor asks the OS about the scheme", async () => {
    const d = await started({ isPackaged: true });
    const options = state.coreOptions as import('../../../src/core/create-core.js').CoreOptions;
    const network = options.ports.network!;
    await network.fetch('https://auth.staging.pleo.io/oauth/token', { method: 'POST', redirect: 'manual' });
    expect(d.session.defaultSession.fetchCalls.map((c) => c.url)).toEqual(['https://auth.staging.pleo.io/oauth/token']);
    d.session.defaultSession.proxyList = 'PROXY proxy.corp.example:3128';
    expect(await network.describeProxy('https://external.staging.pleo.io/')).toMatchObject({
      kind: 'proxy',
      proxy: 'http://proxy.corp.example:3128',
    });
    expect(await options.ports.callbackScheme!.isRegistered('io.pleo.partnerdesktop')).toBe(true);
    expect(await options.ports.callbackScheme!.isRegistered('com.example.other')).toBe(false);
  });

  it('the doctor reports the scheme as not registered when the OS refused the registration', async () => {
    await started({ isPackaged: true, protocolClientAccepted: false });
    const options = state.coreOptions as import('../../../src/core/create-core.js').CoreOptions;
    expect(await options.ports.callbackScheme!.isRegistered('io.pleo.partnerdesktop')).toBe(false);
  });
});
