/**
 * What the rest of core (explorer, onboarding, export) and main may use from the sign-in
 * engine. Tokens cross this interface only inside main; nothing here is sent to the renderer
 * as is.
 */
import type { AuthStatus, CredentialCheck, EnvironmentSummary, FlowProgress } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';

export type AuthEvidenceKind =
  'credentials-stored' | 'credentials-checked' | 'signed-in' | 'sign-in-failed' | 'refreshed' | 'refresh-failed' | 'signed-out';

export interface AuthEvidence {
  kind: AuthEvidenceKind;
  environmentId: string;
  clientId: string;
  at: number;
  /** Plain-language summary, e.g. "Code exchanged; scopes granted: users:read ...". */
  summary: string;
  /** Non-secret facts: granted scopes, subject, rotated: true, error code, credential outcome. */
  details: {
    grantedScopes?: string[];
    subject?: string;
    rotated?: boolean;
    errorCode?: string;
    credentialCheck?: CredentialCheck;
    /** How the callback came back (sign-in evidence). */
    callbackMode?: FlowProgress['callbackMode'];
  };
}

/** What happened to a callback handed to the engine (deep link, argv). */
export interface CallbackOutcome {
  /**
   * accepted: it was the pending flow's callback (see `progress` for how the flow ended);
   * rejected: it ended the pending flow with an error; ignored: no flow was affected.
   */
  status: 'accepted' | 'rejected' | 'ignored';
  progress?: FlowProgress;
  error?: AppError;
}

export interface AuthFeatureApi {
  activeEnvironment(): EnvironmentSummary;
  getEnvironment(environmentId: string): EnvironmentSummary | undefined;
  status(environmentId?: string): Promise<AuthStatus>;
  /**
   * A valid access token for the environment, refreshing first when it is expired or about to
   * expire (single-flight). `forceRefresh` is used after a 401; pass the rejected token as
   * `rejectedAccessToken` so a call that raced another refresh just gets the new token
   * (API-15). Throws AppFailure with NOT_SIGNED_IN / SESSION_ENDED / REFRESH_FAILED /
   * AS_UNAVAILABLE / CLIENT_SECRET_REJECTED.
   */
  getAccessToken(environmentId?: string, options?: { forceRefresh?: boolean; rejectedAccessToken?: string }): Promise<string>;
  /** Evidence for the onboarding checklist (sign-in, refresh with rotation, credential probe). */
  onEvidence(listener: (evidence: AuthEvidence) => void): () => void;

  // --- The rest of the engine, as `core.auth`: main wires the deep-link intake to
  // handleDeepLink / handleArgv; tests and benchmarks drive sign-ins through it directly.

  /** Like getEnvironment, but starts the built-in simulator first when it is the one asked for. */
  resolveEnvironment(environmentId?: string): Promise<EnvironmentSummary>;
  /** Starts a sign-in in the system browser (a new one cancels the old). */
  signIn(request?: { environmentId?: string; forceLogin?: boolean }): Promise<FlowProgress>;
  /** Resolves when the flow reaches signed-in, failed or cancelled. */
  waitForSignIn(flowId: string): Promise<FlowProgress>;
  cancelSignIn(): Promise<{ cancelled: boolean }>;
  /** The pending sign-in's latest progress (or the last one's), so every screen can show it. */
  signInProgress(): FlowProgress | undefined;
  /** Opens the pending sign-in's page in the browser again. */
  reopenSignIn(): Promise<{ reopened: boolean }>;
  /** Paste-back: the address the browser landed on. Rejects (AppFailure) when it is not usable. */
  pasteCallback(url: string): Promise<FlowProgress>;
  /** Private-use-scheme callback from macOS open-url / second-instance / cold start. Never throws. */
  handleDeepLink(url: string): Promise<CallbackOutcome>;
  /** Finds a callback URL in argv (second-instance, cold start) and handles it; undefined if none. */
  handleArgv(argv: readonly string[]): Promise<CallbackOutcome | undefined>;
  /** Private-use schemes the OS should route to the app (register each with protocolRegistration). */
  callbackSchemes(): string[];
  checkCredentials(environmentId?: string): Promise<CredentialCheck>;
  refresh(environmentId?: string): Promise<AuthStatus>;
  signOut(request?: { environmentId?: string; disconnectInstallation?: boolean }): Promise<AuthStatus>;
  /** True when the OS keychain is missing or locked and secrets live in memory until quit. */
  sessionOnly(): boolean;
}
