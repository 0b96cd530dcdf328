/**
 * Adapters from Electron APIs to core's ports. Each is tiny on purpose: the logic they feed
 * lives in core, where it is tested without Electron.
 */
import { writeFile } from 'node:fs/promises';
import type { BrowserWindow as BrowserWindowType, Clipboard, Dialog, Shell } from 'electron';
import type { ClipboardPort, ConfirmPort, ExternalOpener, FileSaverPort, PdfRenderer, BrowserLauncher } from '../core/ports.js';
import { isAllowedExternalUrl } from '../core/app/allowed-links.js';

/** The system browser (RFC 8252: never an embedded view). Only http(s) URLs built in main. */
export function browserLauncher(shell: Pick<Shell, 'openExternal'>): BrowserLauncher {
  return {
    open: async (url) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('Refused to open a non-http URL');
      await shell.openExternal(parsed.toString(), { activate: true });
    },
  };
}

/** Only allowlisted https links (IPC-10); core checks too, this is the last gate. */
export function externalOpener(shell: Pick<Shell, 'openExternal'>): ExternalOpener {
  return {
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error('Refused to open a link outside the allowlist');
      await shell.openExternal(url);
    },
  };
}

export function clipboardPort(clipboard: Pick<Clipboard, 'writeText' | 'readText'>): ClipboardPort {
  return { writeText: async (text) => clipboard.writeText(text), readText: async () => clipboard.readText() };
}

/**
 * Questions main asks itself (new origins, copying the token): a native message box the
 * renderer cannot answer. Cancel is the default and the Escape answer.
 */
export function confirmPort(dialog: Pick<Dialog, 'showMessageBox'>, window: () => BrowserWindowType | undefined): ConfirmPort {
  return {
    async confirm(request) {
      const options = {
        type: 'warning' as const,
        title: request.title,
        message: request.message,
        detail: request.detail,
        buttons: ['Cancel', request.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const parent = window();
      const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
  };
}

export function fileSaver(dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindowType | undefined): FileSaverPort {
  return {
    async save(request) {
      const parent = window();
      const options = { defaultPath: request.suggestedName, filters: request.filters ?? [] };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { saved: false };
      await writeFile(result.filePath, request.content);
      return { saved: true, path: result.filePath };
    },
    async choosePath(request) {
      const parent = window();
      const options = { defaultPath: request.suggestedName, filters: request.filters ?? [] };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? {} : { path: result.filePath };
    },
  };
}

/**
 * PDF of the readiness report: the self-contained HTML is loaded in a hidden, sandboxed
 * window with JavaScript off, printed, and the window destroyed.
 */
export function pdfRenderer(BrowserWindow: typeof BrowserWindowType): PdfRenderer {
  return {
    async htmlToPdf(html) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          webSecurity: true,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
        return new Uint8Array(pdf);
      } finally {
        win.destroy();
      }
    },
  };
}
