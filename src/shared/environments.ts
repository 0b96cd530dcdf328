/** Environment and sign-in status types the renderer sees. No secret ever appears here. */

export type EnvironmentKind = 'simulator' | 'pleo-staging' | 'custom';

/** How the callback comes back, decided by the registered redirect URI (docs/architecture.md, "Sign-in"). */
export type CallbackMode = 'private-scheme' | 'loopback' | 'paste-back';

/**
 * How the client proves itself at the token endpoint (docs/interop.md):
 * - `client_secret_basic`: HTTP Basic, ID and secret form-encoded first (RFC 6749 §2.3.1);
 * - `client_secret_basic_unencoded`: HTTP Basic with ID and secret as typed, like
 *   `curl -u id:secret` and Postman's "Send as Basic Auth header" (Pleo's documented flows);
 * - `client_secret_post`: ID and secret in the form body.
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_basic_unencoded' | 'client_secret_post';
export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = [
  'client_secret_basic',
  'client_secret_basic_unencoded',
  'client_secret_post',
];

export interface EnvironmentSummary {
  id: string;
  kind: EnvironmentKind;
  name: string;
  /** Short label for the always-visible banner, e.g. "SIMULATOR", "PLEO STAGING", host name. */
  bannerLabel: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  introspectionEndpoint?: string;
  revocationEndpoint?: string;
  issuer: string;
  apiBase: string;
  clientId: string;
  redirectUri: string;
  callbackMode: CallbackMode;
  scopes: string[];
  /** How the client authenticates at the token endpoint (absent in summaries of older builds). */
  clientAuth?: ClientAuthMethod;
  /** True when a Client Secret is stored (in the keychain, or in memory in session-only mode). */
  hasClientSecret: boolean;
  /** Last characters of the secret's SHA-256 (e.g. "…3f9a"), for "is it the one I entered?". */
  clientSecretFingerprint?: string;
  /** Built-in simulator only: whether it is running (its endpoints are empty until it is). */
  simulatorState?: 'not-started' | 'running' | 'unavailable';
  /** What sign-out can do here, and which fields the user may edit. */
  capabilities?: {
    /** An RFC 7009 revocation endpoint is configured. */
    revocation: boolean;
    /** Pleo's DELETE {apiBase}/v1/installations/me can be offered (explicit, confirmed action). */
    disconnectInstallation: boolean;
    issuerEditable: boolean;
    endpointsEditable: boolean;
    /** The client authentication style may be changed (not for Pleo Staging, which is fixed). */
    clientAuthEditable?: boolean;
  };
}

/** The phases of a sign-in that is still under way (a flow is pending in main). */
export const PENDING_SIGN_IN_PHASES = ['opening-browser', 'waiting-for-callback', 'exchanging-code', 'storing'] as const;

export type SignInPhase = 'idle' | (typeof PENDING_SIGN_IN_PHASES)[number] | 'signed-in' | 'failed' | 'cancelled';

export interface FlowProgress {
  flowId: string;
  environmentId: string;
  phase: SignInPhase;
  callbackMode: CallbackMode;
  /** For paste-back: the user must paste the address the browser landed on. */
  awaitingPaste?: boolean;
  /** When the pending flow expires (epoch ms, local clock). */
  expiresAt?: number;
  error?: import('./result.js').AppError;
}

export type TokenTimelineKind = 'issued' | 'refreshed' | 'rotated' | 'revoked' | 'expired' | 'signed-out' | 'refresh-failed';

export interface TokenTimelineEntry {
  kind: TokenTimelineKind;
  at: number;
  /** Plain-language detail, never a token. */
  detail?: string;
}

export interface AuthStatus {
  environmentId: string;
  signedIn: boolean;
  /** Access-token expiry (epoch ms, computed from local receive time). */
  accessTokenExpiresAt?: number;
  hasRefreshToken: boolean;
  requestedScopes: string[];
  grantedScopes: string[];
  /** e.g. urn:pleo:company:<uuid>, from introspection when available. */
  subject?: string;
  /** The company's name, looked up once after sign-in where the token may read it. */
  companyName?: string;
  accessTokenFingerprint?: string;
  refreshTokenFingerprint?: string;
  timeline: TokenTimelineEntry[];
  /** True when secrets are held in memory only (keychain missing or locked). */
  sessionOnly: boolean;
}

export interface CredentialCheck {
  /** 'accepted': the token endpoint answered invalid_grant to a dummy code (credentials OK). */
  outcome: 'accepted' | 'rejected' | 'unreachable' | 'unexpected';
  checkedAt: number;
  detail: string;
}
