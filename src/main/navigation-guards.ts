/**
 * Navigation and window-opening guards for every webContents (security E-12..E-15,
 * NAV-01..NAV-07, NAV-10): the app never navigates away from its bundle, never opens a new
 * window, never attaches a webview; allowlisted https links go to the system browser.
 */
import type { SeamWebContents } from './electron-seam.js';
import { APP_ORIGIN } from '../shared/csp.js';
import { isAllowedExternalUrl } from '../core/app/allowed-links.js';

export type GuardedContents = SeamWebContents;

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function installNavigationGuards(contents: GuardedContents, openExternal: (url: string) => void): void {
  // Electron passes one `details` event (Event<WebContentsWill*EventParams>) carrying `url`;
  // the positional `url` that still follows it on will-navigate / will-redirect is marked
  // @deprecated in electron.d.ts and will-frame-navigate has none, so `details.url` is read
  // (an empty or missing URL is treated as "not the app" and blocked).
  const blockUnlessApp = (details: { preventDefault(): void; url?: string }) => {
    if (!isAppUrl(details.url ?? '')) details.preventDefault();
  };
  contents.on('will-navigate', blockUnlessApp);
  contents.on('will-frame-navigate', blockUnlessApp);
  contents.on('will-redirect', blockUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
