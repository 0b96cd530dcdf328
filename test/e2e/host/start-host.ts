/**
 * The browser test host: a real createCore(...) in the test process, the real simulator on
 * 127.0.0.1, the built renderer served with the production CSP, and window.partner bridged
 * to core.handle through a Playwright binding. Only the transport differs from Electron: the
 * handler table, validation and services are the same code. What this cannot show is the
 * Electron shell itself (BrowserWindow, preload, protocol registration): see test/electron.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import type { Browser, Page } from 'playwright-core';
import axe from 'axe-core';
import { createCore, type Core } from '../../../src/core/create-core.js';
import { createLogger, memorySink, type LogRecord } from '../../../src/core/logging/logger.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import type { CallbackSchemePort, ConfirmRequest, KeyValueBackend, SaveFileRequest } from '../../../src/core/ports.js';
import { createNodeNetwork } from '../../../src/core/net/node-network.js';
import type { NetworkPort } from '../../../src/core/net/network-port.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { buildTestPreload } from './build-test-preload.js';
import { startStaticServer } from './static-server.js';
import { SystemBrowser } from './system-browser.js';

export const RENDERER_DIST = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export interface HostOptions {
  /** Access-token lifetime in the simulator (seconds). */
  tokenTtlSeconds?: number;
  /** Seed and size of the simulator's dummy data. */
  seed?: number;
  entries?: number;
  /** The network seam (default: undici with this process's proxy variables, as in plain Node). */
  network?: NetworkPort;
  /** What the OS says about the callback scheme (default: registered). */
  callbackScheme?: CallbackSchemePort;
}

export interface Host {
  core: Core;
  simulator: Simulator;
  browser: SystemBrowser;
  /** Every log record core wrote (already redacted), for the canary scans. */
  logs: LogRecord[];
  /** Every payload sent to the renderer (results and events), for the canary scans. */
  rendererPayloads: unknown[];
  clipboard: string[];
  openedExternal: string[];
  /** Questions main asked (ConfirmPort), and the scripted answer to the next ones (default yes). */
  confirmations: ConfirmRequest[];
  confirmAnswer: boolean;
  savedFiles: Array<{ path: string; request: SaveFileRequest }>;
  userDataDir: string;
  settingsPath: string;
  /** Moves the app's clock forward (not the simulator's): "ten minutes pass" without waiting. */
  advanceClock(ms: number): void;
  /** Opens the app in a new page of the given browser. */
  openApp(browser: Browser): Promise<Page>;
  /** Runs axe-core on the page and returns its violations (empty = clean). */
  checkA11y(page: Page): Promise<axe.Result[]>;
  close(): Promise<void>;
}

let preloadSource: Promise<string> | undefined;

export async function startHost(chromium: Browser, options: HostOptions = {}): Promise<Host> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ppd-e2e-'));
  const simulator = await startSimulator({
    mode: 'test',
    quiet: true,
    ...(options.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.entries !== undefined ? { entries: options.entries } : {}),
  });
  const settings = new Conf<Record<string, unknown>>({
    cwd: userDataDir,
    configName: 'settings',
    clearInvalidConfig: false,
  }) as unknown as KeyValueBackend;
  const memory = memorySink();
  const clipboard: string[] = [];
  const openedExternal: string[] = [];
  const confirmations: ConfirmRequest[] = [];
  const savedFiles: Host['savedFiles'] = [];
  const rendererPayloads: unknown[] = [];
  const coreRef: { current?: Core } = {};
  let clockOffsetMs = 0;
  const browser = new SystemBrowser(chromium, (url) => deliverDeepLink(coreRef.current!, url), simulator.info.users[0]!);
  const core = createCore({
    host: 'test-host',
    appVersion: '0.0.0-test',
    clock: { now: () => Date.now() + clockOffsetMs },
    userDataDir,
    settings,
    logger: createLogger([memory.sink]),
    licencesFile: path.join(RENDERER_DIST, '..', 'licences.json'),
    keychainService: 'Pleo Partner Desktop (test host)',
    recentLog: () => memory.records,
    ports: {
      browserLauncher: { open: (url) => browser.open(url) },
      externalOpener: { openExternal: async (url) => void openedExternal.push(url) },
      clipboard: { writeText: async (text) => void clipboard.push(text), readText: async () => clipboard.at(-1) ?? '' },
      // Main's native dialog, answered by the script (the renderer cannot answer it).
      confirm: {
        confirm: async (request) => {
          confirmations.push(request);
          return host.confirmAnswer;
        },
      },
      fileSaver: {
        save: async (request) => {
          const file = path.join(userDataDir, 'saved', request.suggestedName.replace(/[^\w.-]/g, '_'));
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, request.content);
          savedFiles.push({ path: file, request });
          return { saved: true, path: file };
        },
        // The export's "save dialog": a path in the profile's folder (the export streams to it).
        choosePath: async (request) => {
          const file = path.join(userDataDir, 'saved', request.suggestedName.replace(/[^\w.-]/g, '_'));
          await mkdir(path.dirname(file), { recursive: true });
          return { path: file };
        },
      },
      simulator: { start: async () => simulator.info, stop: async () => undefined, queueExport: async (r) => simulator.queueExport(r) },
      secretStore: createMemorySecretStore(),
      network: options.network ?? createNodeNetwork(),
      ...(options.callbackScheme ? { callbackScheme: options.callbackScheme } : {}),
    },
  });
  coreRef.current = core;
  const server = await startStaticServer(RENDERER_DIST);
  const pages: Page[] = [];
  const unsubscribers: Array<() => void> = [];

  const host: Host = {
    core,
    simulator,
    browser,
    logs: memory.records,
    rendererPayloads,
    clipboard,
    openedExternal,
    confirmations,
    confirmAnswer: true,
    savedFiles,
    userDataDir,
    settingsPath: settings.path,
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    async openApp(chromiumBrowser) {
      preloadSource ??= buildTestPreload();
      const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      await page.exposeBinding('__partnerInvoke', async (_source, channel: unknown, payload: unknown) => {
        const result = await core.handle(channel, payload);
        rendererPayloads.push(result);
        return result;
      });
      unsubscribers.push(
        core.onRendererEvent((event, payload) => {
          rendererPayloads.push({ event, payload });
          void page.evaluate(([e, p]) => window.__partnerEmit(e as never, p), [event, payload] as const).catch(() => undefined);
        }),
      );
      await page.addInitScript({ content: await preloadSource });
      await page.goto(server.url);
      pages.push(page);
      return page;
    },
    async checkA11y(page) {
      // Injected through the DevTools protocol (page.evaluate), which the page's CSP does not
      // block; a <script> tag would be (correctly) refused.
      await page.evaluate(axe.source);
      const result = await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
      );
      return result.violations;
    },
    async close() {
      for (const off of unsubscribers) off();
      for (const page of pages)
        await page
          .context()
          .close()
          .catch(() => undefined);
      await browser.close();
      await core.dispose();
      await core.services.network.close?.();
      await server.close();
      await simulator.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return host;
}

/** Hands a private-use-scheme URL to the app's deep-link intake, as the OS would. */
export async function deliverDeepLink(core: Core, url: string): Promise<unknown> {
  const auth = core.auth as unknown as { handleDeepLink?: (u: string) => Promise<unknown> | unknown };
  if (typeof auth.handleDeepLink !== 'function') throw new Error('core.auth.handleDeepLink is missing');
  return auth.handleDeepLink(url);
}
