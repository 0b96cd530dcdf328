/**
 * A test double of the parts of the `electron` module that src/main uses. Electron's runtime
 * cannot be downloaded on our machines, so the wiring is checked against this double; the
 * real thing is exercised only by test/electron where a binary exists.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HandlerDetails, IpcMainInvokeEvent, WindowOpenHandlerResponse } from 'electron';
import type { ElectronSeam, SeamWebContents } from '../../../src/main/electron-seam.js';

/** Like Electron: every property or method of a destroyed object throws, except isDestroyed(). */
function destroyedError() {
  return new TypeError('Object has been destroyed');
}

/** Typed against the seam, so a call src/main makes that Electron lacks fails to compile. */
export class FakeWebContents extends EventEmitter implements SeamWebContents {
  static nextId = 1;
  readonly #id = FakeWebContents.nextId++;
  sent: Array<{ channel: string; message: unknown }> = [];
  windowOpenHandler?: (details: HandlerDetails) => WindowOpenHandlerResponse;
  destroyed = false;
  get id() {
    if (this.destroyed) throw destroyedError();
    return this.#id;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown) {
    if (this.destroyed) throw destroyedError();
    this.sent.push({ channel, message });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Makes the next loadURL reject, as Electron does when the page fails to load. */
  static failNextLoad?: Error;
  webContents = new FakeWebContents();
  loadedUrl?: string;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    const failure = FakeBrowserWindow.failNextLoad;
    FakeBrowserWindow.failNextLoad = undefined;
    if (failure) throw failure;
  }
  /** The user closes the window: Electron destroys the webContents, then emits 'closed'. */
  close() {
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused++;
  }
  destroy() {}
}

export function createElectronDouble(
  options: { gotLock?: boolean; isPackaged?: boolean; appData?: string; switches?: string[]; protocolClientAccepted?: boolean } = {},
) {
  const paths = new Map<string, string>([
    ['appData', options.appData ?? '/tmp/ppd-double-appdata'],
    ['userData', path.join(options.appData ?? '/tmp/ppd-double-appdata', 'Pleo Partner Desktop')],
  ]);
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    quitCalls: 0,
    exitCodes: [] as number[],
    protocolClients: [] as Array<{ scheme: string; path: string; args: string[] }>,
    readyResolve: undefined as undefined | (() => void),
    /** userData at the moment the lock was requested (the lock is scoped to it). */
    lockUserData: undefined as string | undefined,
    requestSingleInstanceLock() {
      this.lockUserData = paths.get('userData');
      return options.gotLock ?? true;
    },
    quit() {
      this.quitCalls++;
    },
    exit(code = 0) {
      this.exitCodes.push(code);
    },
    setAsDefaultProtocolClient(scheme: string, path: string, args: string[]) {
      this.protocolClients.push({ scheme, path, args });
      return options.protocolClientAccepted ?? true;
    },
    /** Like the OS: true only for exactly what was registered (and accepted). */
    isDefaultProtocolClient(scheme: string, path: string, args: string[]) {
      return (
        (options.protocolClientAccepted ?? true) &&
        this.protocolClients.some((c) => c.scheme === scheme && c.path === path && JSON.stringify(c.args) === JSON.stringify(args))
      );
    },
    whenReady() {
      return new Promise<void>((resolve) => (this.readyResolve = resolve));
    },
    getVersion: () => '0.0.0-double',
    getName: () => 'Pleo Partner Desktop',
    getPath(name: string) {
      const value = paths.get(name);
      if (!value) throw new Error(`Failed to get '${name}' path`);
      return value;
    },
    /** Like Electron: the folder must exist. */
    setPath(name: string, value: string) {
      if (!existsSync(value)) throw new Error(`Failed to set path: ${value} does not exist`);
      paths.set(name, value);
    },
    commandLine: { hasSwitch: (name: string) => (options.switches ?? []).includes(name) },
  });
  // What main registered, called by tests with a sender-like event (only `sender` is read).
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) =>
      void handlers.set(channel, (event, payload) => fn(event as IpcMainInvokeEvent, payload)),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (req: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(s: unknown[]) {
      this.privileged.push(...s);
    },
    handle(scheme: string, fn: (req: Request) => Promise<Response>) {
      this.handlers.set(scheme, fn);
    },
  };
  const permissionDecisions: boolean[] = [];
  const session = {
    defaultSession: {
      requestHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
      checkHandler: undefined as undefined | (() => boolean),
      setPermissionRequestHandler(fn: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void) {
        this.requestHandler = fn;
      },
      setPermissionCheckHandler(fn: () => boolean) {
        this.checkHandler = fn;
      },
      /**
       * session.fetch (net.fetch from this session): records each call and answers with
       * `fetchImpl` (default 200 "{}"); tests set it to reject like Chromium does
       * ("net::ERR_CERT_AUTHORITY_INVALID", "Redirect was cancelled").
       */
      fetchCalls: [] as Array<{ url: string; init?: RequestInit }>,
      fetchImpl: (async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })) as (
        url: string,
        init?: RequestInit,
      ) => Promise<Response>,
      fetch(url: string, init?: RequestInit) {
        this.fetchCalls.push({ url, ...(init ? { init } : {}) });
        return this.fetchImpl(url, init);
      },
      /** session.resolveProxy: a PAC-style answer ("DIRECT", "PROXY host:port; DIRECT"). */
      proxyList: 'DIRECT',
      async resolveProxy(_url: string) {
        return this.proxyList;
      },
    },
  };
  const opened: string[] = [];
  const shell = { openExternal: async (url: string) => void opened.push(url) };
  const clipboard = {
    text: '',
    async writeText(t: string) {
      this.text = t;
    },
    async readText() {
      return this.text;
    },
  };
  const dialog = {
    errorBoxes: [] as Array<{ title: string; content: string }>,
    /** Every message box shown, and the button index the "user" presses (default: Cancel = 0). */
    messageBoxes: [] as Array<{
      parent: boolean;
      options: { buttons: string[]; defaultId: number; cancelId: number; message: string; detail?: string };
    }>,
    nextResponse: 0,
    async showMessageBox(...args: unknown[]) {
      const options = args[args.length - 1] as { buttons: string[]; defaultId: number; cancelId: number; message: string; detail?: string };
      this.messageBoxes.push({ parent: args.length > 1, options });
      return { response: this.nextResponse, checkboxChecked: false };
    },
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    showErrorBox(title: string, content: string) {
      this.errorBoxes.push({ title, content });
    },
  };
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.failNextLoad = undefined;
  const electron: ElectronSeam = {
    app,
    ipcMain,
    protocol,
    session,
    shell,
    clipboard,
    dialog,
    // The one unchecked member: a BrowserWindow double would need Electron's ~200 members. What
    // start-app calls on the window (webContents.id/send/isDestroyed, loadURL, once/on) is
    // mirrored above and exercised by test/unit/main/start-app.test.ts.
    BrowserWindow: FakeBrowserWindow as unknown as ElectronSeam['BrowserWindow'],
  };
  return {
    electron,
    app,
    protocolClientsCount: () => app.protocolClients.length,
    handlers,
    protocol,
    session,
    dialog,
    opened,
    permissionDecisions,
  };
}
