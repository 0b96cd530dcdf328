/**
 * What core needs from its host. The Electron composition root (src/main) supplies real
 * adapters (shell.openExternal, clipboard, dialogs, keytar, electron-store); the browser test
 * host and the Node tests supply their own (Chromium driven by Playwright, a temp dir, ...).
 * Core itself never imports electron.
 */

/** Opens the authorization URL in the user's system browser (never an app window: RFC 8252). */
export interface BrowserLauncher {
  open(url: string): Promise<void>;
}

/** Opens an already-allowlisted https link in the system browser. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  /** What the clipboard holds now (to clear the copied token only if it is still there). */
  readText?(): Promise<string>;
}

/**
 * A question to the user that main asks itself, never the renderer (security issue 11,
 * point 2): a compromised renderer cannot answer it. Electron's dialog.showMessageBox in the
 * app; a scripted answer in the test host and the tests.
 */
export interface ConfirmRequest {
  /** What is being confirmed (tests and logs). */
  kind: 'new-environment' | 'environment-change' | 'copy-access-token' | 'give-up-export-job';
  title: string;
  /** One plain sentence: what happens if the user says yes. */
  message: string;
  /** The addresses or values concerned, one per line. */
  detail: string;
  /** The label of the button that says yes; the other one is always "Cancel" (the default). */
  confirmLabel: string;
}
export interface ConfirmPort {
  confirm(request: ConfirmRequest): Promise<boolean>;
}

export interface SaveFileRequest {
  suggestedName: string;
  content: string | Uint8Array;
  filters?: Array<{ name: string; extensions: string[] }>;
}
export interface FileSaverPort {
  /** Asks the user where to save (a dialog in the app); resolves saved:false if cancelled. */
  save(request: SaveFileRequest): Promise<{ saved: boolean; path?: string }>;
  /**
   * Asks the user where a file will be written later (the export streams its CSV there);
   * resolves without a path if cancelled. Absent: features that need it say so.
   */
  choosePath?(request: Omit<SaveFileRequest, 'content'>): Promise<{ path?: string }>;
}

/** Renders self-contained HTML to PDF (Electron printToPDF). Absent where Electron is absent. */
export interface PdfRenderer {
  htmlToPdf(html: string): Promise<Uint8Array>;
}

/**
 * The subset of the conf / electron-store API core uses. electron-store extends conf, so the
 * app passes an ElectronStore and Node tests pass a Conf built with the same options.
 */
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  clear(): void;
  readonly path: string;
  readonly store: Record<string, unknown>;
}

/** Where the built-in staging simulator is listening (see src/simulator). */
export interface SimulatorEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  introspectionEndpoint: string;
  revocationEndpoint: string;
  apiBase: string;
  clients: Array<{ clientId: string; clientSecret: string; redirectUris: string[]; scopes: string[]; name?: string }>;
  users: Array<{ email: string; password: string }>;
}

/** Starts the simulator on demand (main wires src/simulator; core may not import it). */
export interface SimulatorLauncher {
  start(): Promise<SimulatorEndpoints>;
  stop(): Promise<void>;
  /**
   * Queues an export job in the running simulator as the customer would in Pleo (in process,
   * not over HTTP). Rejects with an Error carrying Pleo's `type` (EXPORT_ALREADY_IN_PROGRESS).
   */
  queueExport?(request: {
    companyId: string;
    items: number;
    cancelWaiting?: boolean;
  }): Promise<{ jobId: string; items: number; cancelledJobIds: string[] }>;
}

/**
 * Whether the OS opens `scheme:` links with this app (Electron: app.isDefaultProtocolClient
 * with the same path and arguments as the registration). Undefined when it cannot tell.
 */
export interface CallbackSchemePort {
  isRegistered(scheme: string): Promise<boolean | undefined>;
}

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
