/**
 * The part of the `electron` module that src/main uses, typed with Electron's own
 * declarations, so the compiler checks every call at the one seam no test can run for real.
 * The test double (test/unit/main/electron-double.ts) is checked against the same types, and
 * src/main/index.ts passes the real module to the same type: a change in Electron's
 * declarations that breaks our use fails to compile in both places.
 *
 * Plain `Pick<App, 'on'>` cannot be used for event methods: Electron declares them as
 * returning `this`, which a Pick fixes to the whole App, so no double could satisfy it. The
 * events we listen to are listed instead, with Electron's own parameter types.
 */
import type {
  App,
  BrowserWindow,
  Clipboard,
  CommandLine,
  Dialog,
  Event,
  IpcMain,
  Protocol,
  Session,
  Shell,
  WebContents,
  WebContentsWillFrameNavigateEventParams,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
} from 'electron';

/** The webContents calls of the navigation guards. */
export interface SeamWebContents extends Pick<WebContents, 'setWindowOpenHandler'> {
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void): unknown;
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
}

/** The `app` events of the deep-link intake. */
export interface SeamDeepLinkApp {
  on(event: 'will-finish-launching', listener: () => void): unknown;
  on(event: 'open-url', listener: (event: Event, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: Event, argv: string[]) => void): unknown;
}

/** What start-app and platform-services call on `app`. */
export interface SeamApp
  extends
    SeamDeepLinkApp,
    Pick<
      App,
      | 'isPackaged'
      | 'getPath'
      | 'getName'
      | 'setPath'
      | 'getVersion'
      | 'requestSingleInstanceLock'
      | 'setAsDefaultProtocolClient'
      | 'isDefaultProtocolClient'
      | 'whenReady'
      | 'quit'
      | 'exit'
    > {
  commandLine: Pick<CommandLine, 'hasSwitch'>;
  on(event: 'web-contents-created', listener: (event: Event, webContents: SeamWebContents) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
  on(event: 'will-finish-launching', listener: () => void): unknown;
  on(event: 'open-url', listener: (event: Event, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: Event, argv: string[]) => void): unknown;
}

export interface ElectronSeam {
  app: SeamApp;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'resolveProxy' | 'fetch'> };
  shell: Pick<Shell, 'openExternal'>;
  clipboard: Pick<Clipboard, 'writeText' | 'readText'>;
  dialog: Pick<Dialog, 'showSaveDialog' | 'showErrorBox' | 'showMessageBox'>;
  /** The one member the double cannot fully mirror (see electron-double.ts). */
  BrowserWindow: typeof BrowserWindow;
}
