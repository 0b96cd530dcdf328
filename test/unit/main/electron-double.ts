/**
 * A test double of the parts of the `electron` module that src/main uses. Electron's runtime
 * cannot be downloaded on our machines, so the wiring is checked against this double; the
 * real thing is exercised only by test/electron where a binary exists.
 */
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  sent: Array<{ channel: string; message: unknown }> = [];
  windowOpenHandler?: (details: { url: string }) => { action: 'deny' | 'allow' };
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl?: string;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
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

export function createElectronDouble(options: { gotLock?: boolean } = {}) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    protocolClients: [] as Array<{ scheme: string; path: string; args: string[] }>,
    readyResolve: undefined as undefined | (() => void),
    requestSingleInstanceLock: () => options.gotLock ?? true,
    quit() {
      this.quitCalls++;
    },
    setAsDefaultProtocolClient(scheme: string, path: string, args: string[]) {
      this.protocolClients.push({ scheme, path, args });
      return true;
    },
    whenReady() {
      return new Promise<void>((resolve) => (this.readyResolve = resolve));
    },
    getVersion: () => '0.0.0-double',
    getPath: () => '/tmp/ppd-double',
  });
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
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
    },
  };
  const opened: string[] = [];
  const shell = { openExternal: async (url: string) => void opened.push(url) };
  const clipboard = { text: '', writeText(t: string) { this.text = t; } };
  const dialog = { showSaveDialog: async () => ({ canceled: true }) };
  FakeBrowserWindow.instances = [];
  return {
    electron: { app, ipcMain, protocol, session, shell, clipboard, dialog, BrowserWindow: FakeBrowserWindow },
    app,
    protocolClientsCount: () => app.protocolClients.length,
    handlers,
    protocol,
    session,
    opened,
    permissionDecisions,
  };
}
