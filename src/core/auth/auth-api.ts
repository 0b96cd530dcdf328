/**
 * What the rest of core (explorer, onboarding, export) may use from the sign-in engine.
 * Tokens cross this interface only inside main; nothing here is sent to the renderer as is.
 */
import type { AuthStatus, CredentialCheck, EnvironmentSummary } from '../../shared/environments.js';

export type AuthEvidenceKind =
  | 'credentials-stored'
  | 'credentials-checked'
  | 'signed-in'
  | 'sign-in-failed'
  | 'refreshed'
  | 'refresh-failed'
  | 'signed-out';

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
  };
}

export interface AuthFeatureApi {
  activeEnvironment(): EnvironmentSummary;
  getEnvironment(environmentId: string): EnvironmentSummary | undefined;
  status(environmentId?: string): Promise<AuthStatus>;
  /**
   * A valid access token for the environment, refreshing first when it is expired or about to
   * expire (single-flight). `forceRefresh` is used after a 401. Throws AppFailure with
   * NOT_SIGNED_IN / SESSION_ENDED / REFRESH_FAILED.
   */
  getAccessToken(environmentId?: string, options?: { forceRefresh?: boolean }): Promise<string>;
  /** Evidence for the onboarding checklist (sign-in, refresh with rotation, credential probe). */
  onEvidence(listener: (evidence: AuthEvidence) => void): () => void;
}
