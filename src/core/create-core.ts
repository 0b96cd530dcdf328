/**
 * createCore(options) builds the whole main-process service graph without Electron. src/main
 * calls it with Electron adapters; tests and the browser test host call it with their own.
 *
 * Features are built in dependency order: sign-in (auth) first, then the explorer (which
 * needs access tokens), then onboarding (which records evidence from both).
 */
import type { AppInfo, AppNotice } from '../shared/contract/app-channels.js';
import { createEventBus, type EventBus, type EventListener } from './events/event-bus.js';
import { createHandlers } from './ipc/create-handlers.js';
import type { HandlerTable } from './ipc/handler-types.js';
import { dispatch } from './ipc/dispatch.js';
import { createRateLimiter } from './ipc/rate-limiter.js';
import { redactingLogger, silentLogger, type Logger, type LogRecord } from './logging/logger.js';
import { createRedactor, type Redactor } from './logging/redact.js';
import { createPreferences, type Preferences } from './app/preferences.js';
import {
  systemClock,
  type BrowserLauncher,
  type CallbackSchemePort,
  type ClipboardPort,
  type Clock,
  type ConfirmPort,
  type ExternalOpener,
  type FileSaverPort,
  type KeyValueBackend,
  type PdfRenderer,
  type SimulatorLauncher,
} from './ports.js';
import { fail, type Result } from '../shared/result.js';
import type { SecretStore } from './secrets/secret-store.js';
import { createAuthFeature } from './auth/auth-feature.js';
import { createExplorerFeature } from './explorer/explorer-feature.js';
import { createOnboardingFeature } from './onboarding/onboarding-feature.js';
import { createDoctorFeature } from './diagnostics/doctor-feature.js';
import { createExportFeature } from './export/export-feature.js';
import { createReportSectionRegistry, type ReportSectionRegistry } from './report/report-sections.js';
import type { Feature } from './feature/feature.js';
import { plainNetwork, type NetworkPort } from './net/network-port.js';

export interface CorePorts {
  browserLauncher: BrowserLauncher;
  externalOpener: ExternalOpener;
  clipboard: ClipboardPort;
  fileSaver: FileSaverPort;
  pdfRenderer?: PdfRenderer;
  simulator?: SimulatorLauncher;
  /**
   * Asks the user in main (a native dialog in the app). Without it, every question is answered
   * "no": new origins and the token copy are refused rather than allowed unasked.
   */
  confirm?: ConfirmPort;
  /** OS keychain adapter (keytar in the app); core adds timeouts and session-only fallback. */
  secretStore: SecretStore;
  /**
   * Every HTTP request core makes goes through this (core/net/network-port.ts): Electron's
   * net.fetch in the app, undici with the proxy variables in Node. Default: Node's plain fetch.
   */
  network?: NetworkPort;
  /** For the doctor; without it, `privateSchemeRegistered` is reported. */
  callbackScheme?: CallbackSchemePort;
}

export interface CoreOptions {
  host: AppInfo['host'];
  appVersion: string;
  platform?: string;
  /** Folder for the app's own non-secret files; never secrets. */
  userDataDir: string;
  settings: KeyValueBackend;
  ports: CorePorts;
  clock?: Clock;
  logger?: Logger;
  /** This core's redactor (main passes the one its console logger uses); default a new one. */
  redactor?: Redactor;
  /** Sign-in flow timeout (default 10 minutes). */
  flowTimeoutMs?: number;
  /**
   * Whether the OS routes the private-use callback scheme to this app (default true). False
   * in development runs on macOS and Linux, where the simulator then defaults to loopback.
   */
  privateSchemeRegistered?: boolean;
  /** About screen and support bundle (src/core/app/about.ts): the generated licence list. */
  licencesFile?: string;
  /** The OS keychain service name secrets are stored under. */
  keychainService?: string;
  /** Runtime versions to show (Electron, Chromium, Node). */
  runtime?: Record<string, string>;
  /** Where the log goes, in words for the About screen. */
  logLocation?: string;
  /** The most recent (already redacted) log records, for the support bundle. */
  recentLog?: () => readonly LogRecord[];
}

/** What every feature gets: the shared base services. */
export interface CoreServices {
  options: CoreOptions;
  ports: CorePorts;
  events: EventBus;
  logger: Logger;
  /** The live secrets of this core (never shared with another core): logs, history, renderer. */
  redactor: Redactor;
  clock: Clock;
  settings: KeyValueBackend;
  preferences: Preferences;
  /** The network seam every feature's HTTP goes through (ports.network or Node's fetch). */
  network: NetworkPort;
  appInfo(): AppInfo;
  /** Raises a notice: kept (so a window that opens later still shows it) and emitted. */
  notify(notice: AppNotice): void;
  notices(): AppNotice[];
  /** Sections other features add to the readiness report (e.g. the export run). */
  reportSections?: ReportSectionRegistry;
}

export interface Core {
  services: CoreServices;
  auth: ReturnType<typeof createAuthFeature>['api'];
  explorer: ReturnType<typeof createExplorerFeature>['api'];
  onboarding: ReturnType<typeof createOnboardingFeature>['api'];
  doctor: ReturnType<typeof createDoctorFeature>['api'];
  exports: ReturnType<typeof createExportFeature>['api'];
  handlers: HandlerTable;
  events: EventBus;
  /** Validates and runs one request from the renderer; the answer has every live secret masked. */
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to the events for the renderer, with every live secret masked. */
  onRendererEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const redactor = options.redactor ?? createRedactor();
  const logger = redactingLogger(options.logger ?? silentLogger, redactor);
  const clock = options.clock ?? systemClock;
  const preferences = createPreferences(options.settings);
  const notices: AppNotice[] = [];
  // Filled right after the services exist: the sign-in feature needs them to be built.
  const authRef: { current?: ReturnType<typeof createAuthFeature> } = {};
  const services: CoreServices = {
    options,
    ports: options.ports,
    events,
    logger,
    redactor,
    clock,
    settings: options.settings,
    preferences,
    network: options.ports.network ?? plainNetwork(),
    appInfo: () => ({
      name: 'Pleo Partner Desktop',
      version: options.appVersion,
      host: options.host,
      platform: options.platform ?? process.platform,
      sessionOnlySecrets: authRef.current?.sessionOnly() ?? false,
    }),
    notify(notice) {
      // One notice per code: a repeated condition replaces the older notice.
      const existing = notice.code ? notices.findIndex((n) => n.code === notice.code) : -1;
      if (existing >= 0) notices.splice(existing, 1);
      // A withdrawal removes the kept notice and tells open windows to hide theirs.
      if (!notice.withdrawn) notices.push(notice);
      if (notices.length > 20) notices.shift();
      events.emit('app.notice', notice);
    },
    notices: () => [...notices],
    reportSections: createReportSectionRegistry(),
  };
  const auth = (authRef.current = createAuthFeature(services));
  const explorer = createExplorerFeature(services, { auth: auth.api });
  const onboarding = createOnboardingFeature(services, { auth: auth.api, explorer: explorer.api });
  const doctor = createDoctorFeature(services, { auth: auth.api });
  const exportFeature = createExportFeature(services, { auth: auth.api });
  const features: Feature[] = [auth, explorer, onboarding, doctor, exportFeature];
  const handlers = createHandlers(services, features);
  const limiter = createRateLimiter({ burst: 300, perSecond: 150, now: () => clock.now() });
  return {
    services,
    auth: auth.api,
    explorer: explorer.api,
    onboarding: onboarding.api,
    doctor: doctor.api,
    exports: exportFeature.api,
    handlers,
    events,
    handle: (channel, payload) => {
      if (!limiter.allow(channel)) {
        return Promise.resolve(fail('RATE_LIMITED_IPC', 'The app received too many requests at once and paused some of them. Please try again.'));
      }
      // Last gate before the renderer (issue 11 points 4 and 6): whatever a server echoed
      // (error_description, an API body), no secret this core holds crosses.
      return dispatch(handlers, channel, payload, logger).then((result) => redactor.scrub(result));
    },
    onRendererEvent: (listener) => events.subscribe((event, payload) => listener(event, redactor.scrub(payload))),
    async dispose() {
      for (const feature of [...features].reverse()) await feature.dispose().catch(() => undefined);
      await options.ports.simulator?.stop().catch(() => undefined);
    },
  };
}
