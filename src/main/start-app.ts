/**
 * The Electron composition root. Everything here is wiring: lifecycle, the single-instance
 * lock, the one hardened window, the app:// protocol, deep links, IPC, and the adapters that
 * need Electron. The logic lives in core and is tested in plain Node and Chromium; this file
 * is exercised by test/unit/main against an `electron` test double, and by test/electron
 * only where an Electron binary exists (never on our build machines).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Electron from 'electron';
import type { Core } from '../core/create-core.js';
import { consoleSink, createLogger, memorySink } from '../core/logging/logger.js';
import { keychainServiceName } from '../core/secrets/keytar-secret-store.js';
import { CALLBACK_SCHEME, APP_ORIGIN } from '../shared/csp.js';
import { handleAppProtocol, privilegedSchemes } from './app-protocol.js';
import { createDeepLinkIntake } from './deep-links.js';
import { protocolRegistration } from '../core/oauth/deep-link.js';
import { browserLauncher, clipboardPort, confirmPort, externalOpener, fileSaver, pdfRenderer } from './electron-adapters.js';
import { forwardEvents, wireIpc } from './ipc-wiring.js';
import { installNavigationGuards } from './navigation-guards.js';
import { mainWindowOptions } from './window-options.js';
import { createPlatformServices } from './platform-services.js';
import { createElectronNetwork } from './electron-network.js';
import type { ElectronSeam } from './electron-seam.js';

type ElectronModule = ElectronSeam;

export interface StartOptions {
  /** Folder holding dist/renderer and dist/preload (the app root). */
  appRoot?: string;
  /** process.platform; a seam so the per-platform protocol registration can be tested. */
  platform?: NodeJS.Platform;
}

/** How long quitting waits for core.dispose() before quitting anyway. */
export const DISPOSE_ON_QUIT_TIMEOUT_MS = 5000;

export function startApp(electron: ElectronModule, options: StartOptions = {}): void {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, clipboard } = electron;
  const appRoot = options.appRoot ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const hostPlatform = options.platform ?? process.platform;
  // The recent log stays in memory (already redacted) for the support bundle; nothing is
  // written to disk.
  const recentLog = memorySink(2000);
  const logger = createLogger([consoleSink, recentLog.sink]);

  // `npm start` runs with the same app name, hence the same userData folder, as an installed
  // copy. The single-instance lock is scoped to userData ("Processes that share the same user
  // data directory ... will share the single instance lock", app.requestSingleInstanceLock in
  // electron.d.ts), so a dev run would quit at once while the installed app runs, and would
  // share its settings file (the keychain already uses a separate dev service name). The docs'
  // remedy: app.setPath('userData', ...) before requesting the lock; setPath throws if the
  // folder does not exist, so it is created first. An explicit --user-data-dir (tests) wins.
  if (!app.isPackaged && !app.commandLine.hasSwitch('user-data-dir')) {
    const devUserData = path.join(app.getPath('appData'), `${app.getName()} (dev)`);
    mkdirSync(devUserData, { recursive: true });
    app.setPath('userData', devUserData);
  }

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
  const deepLinks = createDeepLinkIntake(app, focusWindow);
  deepLinks.acceptArgv(process.argv);

  protocol.registerSchemesAsPrivileged(privilegedSchemes);
  // Windows runs the registered command with the URL as "%1": the registration's trailing
  // `--` keeps a crafted URL from becoming Chromium switches (CB-24).
  // Only Windows honours `path`/`args`, so only there can a development run (`electron .`)
  // register itself. Electron's Deep Links tutorial: "On macOS and Linux, this feature will only
  // work when your app is packaged. It will not work when you're launching it in development".
  // Worse, a dev run there would re-point the scheme at the bare Electron.app (macOS,
  // LSSetDefaultHandlerForURLScheme with Electron's bundle id) or at a .desktop file that may
  // not exist (Linux, `xdg-settings ... $CHROME_DESKTOP`), breaking the installed app's
  // callback. In development on macOS/Linux use a loopback redirect URI instead.
  let privateSchemeRegistered = false;
  const registration = protocolRegistration({
    scheme: CALLBACK_SCHEME,
    execPath: process.execPath,
    defaultApp: process.defaultApp === true,
    appEntry: process.argv[1],
  });
  if (app.isPackaged || hostPlatform === 'win32') {
    privateSchemeRegistered = app.setAsDefaultProtocolClient(registration.scheme, registration.path, registration.args);
    if (!privateSchemeRegistered) {
      logger.warn('deep links: the OS did not accept the callback scheme registration', { scheme: registration.scheme });
    }
  } else {
    logger.info('deep links: callback scheme not registered in a development run on this platform; use a loopback redirect URI', {
      platform: hostPlatform,
    });
  }

  // Renderer-side attack surface: no permission is ever granted, no webContents may navigate
  // away or open windows, whatever created it.
  const linkOpener = externalOpener(shell);
  app.on('web-contents-created', (_event, contents) =>
    installNavigationGuards(contents, (url) => void linkOpener.openExternal(url).catch(() => undefined)),
  );

  // Core (contract schemas, sign-in, explorer, onboarding) is its own chunk of the bundle: its
  // loading starts now, once this is the one instance, and overlaps Electron's own start-up
  // instead of delaying the entry's evaluation (benchmark B9).
  const coreModule = import('../core/create-core.js');
  coreModule.catch(() => undefined);
  let core: Core | undefined;
  const trustedIds = new Set<number>();

  const startUp = async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    handleAppProtocol(protocol, path.join(appRoot, 'dist', 'renderer'));

    const platform = await createPlatformServices({ app, logger, packaged: app.isPackaged });
    const { createCore } = await coreModule;
    core = createCore({
      host: 'electron',
      appVersion: app.getVersion(),
      userDataDir: app.getPath('userData'),
      settings: platform.settings,
      logger,
      // Without the scheme, the simulator's sign-in defaults to its loopback redirect URI.
      privateSchemeRegistered,
      licencesFile: path.join(appRoot, 'dist', 'licences.json'),
      keychainService: keychainServiceName(app.isPackaged),
      runtime: { electron: process.versions.electron ?? '', chromium: process.versions.chrome ?? '', node: process.versions.node },
      logLocation:
        'Kept in memory while the app runs (the last 2,000 lines) and printed to the terminal when started from one. Nothing is written to disk; save a support bundle to share it.',
      recentLog: () => recentLog.records,
      ports: {
        browserLauncher: browserLauncher(shell),
        externalOpener: linkOpener,
        clipboard: clipboardPort(clipboard),
        fileSaver: fileSaver(dialog, () => mainWindow),
        confirm: confirmPort(dialog, () => mainWindow),
        pdfRenderer: pdfRenderer(BrowserWindow),
        simulator: platform.simulator,
        secretStore: platform.secretStore,
        // OAuth and API requests through Chromium: system proxy / PAC, OS trust store (issue 15).
        network: createElectronNetwork({ session: session.defaultSession }),
        // For the doctor: asks the OS now, not what registration reported at start-up.
        callbackScheme: { isRegistered: async (scheme) => app.isDefaultProtocolClient(scheme, registration.path, registration.args) },
      },
    });
    for (const notice of platform.notices) core.services.notify(notice);
    wireIpc(ipcMain, core, trustedIds);

    // Deep links need the core, not the window: deliver them as soon as the core exists, so a
    // page that fails to load (loadURL rejects) does not strand a queued callback.
    const activeCore = core;
    deepLinks.setDeliver((url) => void activeCore.auth.handleDeepLink(url));

    // One line on purpose: the Electronegativity review (docs/electronegativity-reviewed.json)
    // matches this call by its code, and the hardened options come from mainWindowOptions().
    const hardenedOptions = mainWindowOptions(path.join(appRoot, 'dist', 'preload', 'index.cjs'), path.join(appRoot, 'assets', 'icon.png'));
    mainWindow = new BrowserWindow(hardenedOptions);
    const webContents = mainWindow.webContents;
    // Read the id now: by 'closed' the webContents is destroyed and reading any property of it
    // throws "Object has been destroyed" ('closed': "avoid using it any more"; only
    // isDestroyed() stays callable).
    const webContentsId = webContents.id;
    trustedIds.add(webContentsId);
    forwardEvents(core, (channel, message) => {
      if (!webContents.isDestroyed()) webContents.send(channel, message);
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      trustedIds.delete(webContentsId);
      mainWindow = undefined;
    });
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`).catch((error: unknown) => {
      logger.error('window: the app page failed to load', { error: String(error) });
    });
  };

  // Electron does not exit on an unhandled rejection in main (it only warns), so a failed
  // start-up would leave a windowless process holding the single-instance lock, and every
  // later launch would hand over to it and quit. Report it and exit instead (showErrorBox is
  // documented as safe at any point of start-up).
  app
    .whenReady()
    .then(startUp)
    .catch((error: unknown) => {
      logger.error('start-up failed', { error: String(error) });
      dialog.showErrorBox('Pleo Partner Desktop could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !core) return;
    // Finish in-flight keychain writes and stop the simulator before the process exits.
    // preventDefault() keeps the process alive until app.quit() is called again, so the wait is
    // capped: a dispose that never settles must not leave a windowless process that holds the
    // single-instance lock.
    event.preventDefault();
    disposed = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_ON_QUIT_TIMEOUT_MS)));
    void Promise.race([core.dispose().catch(() => undefined), cap]).finally(() => {
      clearTimeout(timer);
      app.quit();
    });
  });
}
