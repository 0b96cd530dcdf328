/**
 * The one BrowserWindow's options (security-test-plan EL-01): isolated, sandboxed, no Node,
 * web security on, no webview tag, no experimental features. Kept as data so a unit test can
 * assert every flag without Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * `iconPath`: the window and taskbar icon on Linux and Windows (assets/icon.png, rendered from
 * assets/icon.svg); macOS takes the app bundle's .icns and ignores it.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Pleo Partner Desktop',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) would open links in new windows (NAV-10); the renderer cancels it
      // too, and setWindowOpenHandler denies whatever gets through.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: process.env.NODE_ENV === 'development',
    },
  };
}
