/**
 * The base services every feature gets, in their own module so features can depend on them
 * without importing create-core.ts (which imports the features: a type-only import circle).
 */
import type { AppInfo, AppNotice } from '../shared/contract/app-channels.js';
import type { EventBus } from './events/event-bus.js';
import type { Logger, LogRecord } from './logging/logger.js';
import type { Redactor } from './logging/redact.js';
import type { NetworkPort } from './net/network-port.js';
import type { Preferences } from './app/preferences.js';
import type { ReportSectionRegistry } from './report/report-sections.js';
import type {
  BrowserLauncher,
  CallbackSchemePort,
  ClipboardPort,
  Clock,
  ConfirmPort,
  ExternalOpener,
  FileSaverPort,
  KeyValueBackend,
  PdfRenderer,
  SimulatorLauncher,
} from './ports.js';
import type { SecretStore } from './secrets/secret-store.js';

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
