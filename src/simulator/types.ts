import type { SimulatorEndpoints } from '../core/ports.js';
import type { Company, Organization } from './data/model.js';
import type { FaultControl } from './faults/fault-control.js';
import type { AccessLogEntry, TokenStats } from './log/access-log.js';

export type { FaultControl } from './faults/fault-control.js';
export type { ActiveFault, FaultAction, FaultRule, FaultTarget } from './faults/fault-types.js';
export type { AccessLogEntry, TokenStats } from './log/access-log.js';

/**
 * normal: what the app embeds and partners run; no control interface.
 * demo / test: adds fault injection, clock control and the `/__control/*` HTTP endpoints.
 */
export type SimulatorMode = 'normal' | 'demo' | 'test';

export interface SimulatorOptions {
  /** Loopback address to bind: '127.0.0.1' (default) or '::1'. Anything else is refused. */
  host?: string;
  /** TCP port; 0 (default) picks a free ephemeral port. */
  port?: number;
  /** Seed of the dummy data; the same seed always yields the same data. */
  seed?: number;
  /** Number of accounting entries (export items), 0..1,000,000; default 10,000. */
  entries?: number;
  /** Access-token lifetime in seconds; default 3600. */
  tokenTtlSeconds?: number;
  /** `iss` of authorization responses and introspection; default the origin (no trailing slash). */
  issuer?: string;
  mode?: SimulatorMode;
  /** Time source in ms (export-job expiry, API token expiry, timestamps); default Date.now. */
  clock?: () => number;
  /** Suppress oidc-provider's development warnings (the Node 20 runtime notice and the like). */
  quiet?: boolean;
  /** Rotate refresh tokens on every refresh (Pleo does); default true. */
  rotateRefreshTokens?: boolean;
  /**
   * Also accept `client_secret_post` (ID and secret in the form body). Default false: Pleo's
   * configuration page says only `client_secret_basic` is supported, although its how-tos
   * suggest the body works too (pleo-facts.md, unknown 9). Demo and test it with `true`.
   */
  acceptClientSecretPost?: boolean;
  /**
   * Serve the control interface over HTTP at `/__control` (test and demo mode; default true),
   * behind the per-run secret in `Simulator.control`. The app sets false: its demo faults are
   * driven in-process only, so no other program on the machine can reach them.
   */
  httpControl?: boolean;
}

/** How to reach the HTTP control interface: send `secret` in the `header` request header. */
export interface SimulatorControlAccess {
  url: string;
  header: string;
  secret: string;
}

export interface SimulatorClientInfo {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  name: string;
}

export interface SimulatorUserInfo {
  email: string;
  password: string;
  name: string;
  /** What the user's tokens reach, e.g. "Nordlys Danmark ApS". */
  access: string;
  /** Pleo subject URN of the user's tokens, e.g. `urn:pleo:company:<uuid>`. */
  subjectUrn: string;
}

/** Where the simulator listens and who can sign in: core's SimulatorEndpoints with richer entries. */
export interface SimulatorInfo extends SimulatorEndpoints {
  clients: SimulatorClientInfo[];
  users: SimulatorUserInfo[];
}

export interface SimulatorStats extends TokenStats {
  /** Requests answered since start (or since the log was cleared). */
  requests: number;
  faultsApplied: number;
  /** Live authorization-server artifacts by kind (AccessToken, RefreshToken, Grant, ...). */
  liveArtifacts: Record<string, number>;
}

/** Read-only facts about the seeded data, handy for tests and demos. */
export interface SimulatorData {
  seed: number;
  entries: number;
  organization: Organization;
  companies: Company[];
  /** The accounting entry id of entry `index` (0-based), as used by the Export API. */
  entryId(index: number): string;
  /** Entry index ranges per company. */
  entryRanges: Array<{ companyId: string; from: number; count: number }>;
}

export interface QueueExportInput {
  companyId: string;
  items: number;
  /** Cancel the company's waiting or running job first (`failed`, `canceled_by_user`). */
  cancelWaiting?: boolean;
}

export interface QueuedExport {
  jobId: string;
  items: number;
  cancelledJobIds: string[];
}

export interface Simulator {
  info: SimulatorInfo;
  mode: SimulatorMode;
  /** Present only when the HTTP control interface is served (test / demo mode, httpControl). */
  control?: SimulatorControlAccess;
  data: SimulatorData;
  /** Fault injection; mutating calls throw in normal mode. */
  faults: FaultControl;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
  /** Revokes all codes, tokens and grants (of one client if given); returns tokens revoked. */
  revokeAll(clientId?: string): number;
  /** The simulator's current time (ms). */
  now(): number;
  /** Moves the simulator's clock forward (test and demo mode only). */
  advanceClock(ms: number): void;
  /** Turns refresh-token rotation on or off at run time (test and demo mode only). */
  setRefreshTokenRotation(enabled: boolean): void;
  /**
   * Queues an export job as the customer would in the Pleo web app: the latest `items`
   * accounting entries of the company, optionally cancelling its waiting job first. Rejects
   * with an error whose `type` is Pleo's (e.g. EXPORT_ALREADY_IN_PROGRESS). Every mode.
   */
  queueExport(input: QueueExportInput): QueuedExport;
  accessLog(): AccessLogEntry[];
  clearAccessLog(): void;
  stats(): SimulatorStats;
}
