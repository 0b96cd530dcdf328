/**
 * The Electron composition root. Everything here is wiring: lifecycle, the single-instance
 * lock, the one hardened window, the app:// protocol, deep links, IPC, and the adapters that
 * need Electron. The logic lives in core and is tested in plain Node and Chromium; this file
 * is exercised by test/unit/main against an `electron` test double, and by test/electron
 * only where an Electron binary exists (never on our build machines).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Electron from 'electron';
import { createCore, type Core } from '../core/create-core.js';
import { consoleSink, createLogger } from '../core/logging/logger.js';
import { CALLBACK_SCHEME, APP_ORIGIN } from '../shared/csp.js';
import { handleAppProtocol, privilegedSchemes } from './app-protocol.js';
import { createDeepLinkIntake } from './deep-links.js';
import { protocolRegistration } from '../core/oauth/deep-link.js';
import { browserLauncher, clipboardPort, externalOpener, fileSaver, pdfRenderer } from './electron-adapters.js';
import { forwardEvents, wireIpc } from './ipc-wiring.js';
import { installNavigationGuards } from './navigation-guards.js';
import { mainWindowOptions } from './window-options.js';
import { createPlatformServices } from './platform-services.js';

type ElectronModule = typeof Electron;

export interface StartOptions {
  /** Folder holding dist/renderer and dist/preload (the app root). */
  appRoot?: string;
}

export function startApp(electron: ElectronModule, options: StartOptions = {}): void {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, clipboard } = electron;
  const appRoot = options.appRoot ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const logger = createLogger([consoleSink]);

  // One instance only: a second launch (e.g. the OS delivering the OAuth callback on Windows
  // and Linux) hands its argv to the first and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let mainWindow: Electron.BrowserWindow | undefined;
  const focusWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };
  const deepLinks = createDeepLinkIntake(app as never, focusWindow);
  deepLinks.acceptArgv(process.argv);

  protocol.registerSchemesAsPrivileged(privilegedSchemes);
  // Windows runs the registered command with the URL as "%1": the registration's trailing
  // `--` keeps a crafted URL from becoming Chromium switches (CB-24).
  const registration = protocolRegistration({ scheme: CALLBACK_SCHEME, execPath: process.execPath, defaultApp: process.defaultApp === true, appEntry: process.argv[1] });
  app.setAsDefaultProtocolClient(registration.scheme, registration.path, registration.args);

  // Renderer-side attack surface: no permission is ever granted, no webContents may navigate
  // away or open windows, whatever created it.
  const linkOpener = externalOpener(shell);
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, (url) => void linkOpener.openExternal(url).catch(() => undefined)));

  let core: Core | undefined;
  const trustedIds = new Set<number>();

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    handleAppProtocol(protocol, path.join(appRoot, 'dist', 'renderer'));

    const platform = await createPlatformServices({ app, logger, packaged: app.isPackaged });
    core = createCore({
      host: 'electron',
      appVersion: app.getVersion(),
      userDataDir: app.getPath('userData'),
      settings: platform.settings,
      logger,
      ports: {
        browserLauncher: browserLauncher(shell),
        externalOpener: linkOpener,
        clipboard: clipboardPort(clipboard),
        fileSaver: fileSaver(dialog, () => mainWindow),
        pdfRenderer: pdfRenderer(BrowserWindow),
        simulator: platform.simulator,
        secretStore: platform.secretStore,
      },
    });
    for (const notice of platform.notices) core.services.notify(notice);
    wireIpc(ipcMain as never, core, trustedIds);

    mainWindow = new BrowserWindow(mainWindowOptions(path.join(appRoot, 'dist', 'preload', 'index.cjs')));
    trustedIds.add(mainWindow.webContents.id);
    const webContents = mainWindow.webContents;
    forwardEvents(core, (channel, message) => {
      if (!webContents.isDestroyed()) webContents.send(channel, message);
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      trustedIds.delete(webContents.id);
      mainWindow = undefined;
    });
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
    const activeCore = core;
    deepLinks.setDeliver((url) => void activeCore.auth.handleDeepLink(url));
  });

  app.on('window-all-closed', () => app.quit());
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !core) return;
    // Finish in-flight keychain writes and stop the simulator before the process exits.
    event.preventDefault();
    disposed = true;
    void core.dispose().finally(() => app.quit());
  });
}
