/**
 * The base services every feature gets, in their own module so features can depend on them
 * without importing create-core.ts (which imports the features: a type-only import circle).
 */
import type { AppInfo, AppNotice } from '../shared/contract/app-channels.js';
import type { EventBus } from './events/event-bus.js';
import type { Logger } from './logging/logger.js';
import type { Preferences } from './app/preferences.js';
import type { BrowserLauncher, ClipboardPort, Clock, ExternalOpener, FileSaverPort, KeyValueBackend, PdfRenderer, SimulatorLauncher } from './ports.js';
import type { SecretStore } from './secrets/secret-store.js';

export interface CorePorts {
  browserLauncher: BrowserLauncher;
  externalOpener: ExternalOpener;
  clipboard: ClipboardPort;
  fileSaver: FileSaverPort;
  pdfRenderer?: PdfRenderer;
  simulator?: SimulatorLauncher;
  /** OS keychain adapter (keytar in the app); core adds timeouts and session-only fallback. */
  secretStore: SecretStore;
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
  /** Sign-in flow timeout (default 10 minutes). */
  flowTimeoutMs?: number;
  /**
   * Whether the OS routes the private-use callback scheme to this app (default true). False
   * in development runs on macOS and Linux, where the simulator then defaults to loopback.
   */
  privateSchemeRegistered?: boolean;
}

/** What every feature gets: the shared base services. */
export interface CoreServices {
  options: CoreOptions;
  ports: CorePorts;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  settings: KeyValueBackend;
  preferences: Preferences;
  appInfo(): AppInfo;
  /** Raises a notice: kept (so a window that opens later still shows it) and emitted. */
  notify(notice: AppNotice): void;
  notices(): AppNotice[];
}
