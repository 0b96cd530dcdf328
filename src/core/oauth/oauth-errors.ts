/**
 * Turns protocol outcomes into the fixed error catalogue (security-test-plan §8, E1): what
 * happened, what to do next, and any server text escaped and truncated in `serverText`.
 * Nothing here ever reads or copies a response body beyond the `error` and
 * `error_description` members, because a body may carry tokens.
 */
import * as oauth from 'oauth4webapi';
import type { ErrorCode } from '../../shared/error-codes.js';
import type { AppError } from '../../shared/result.js';
import { sanitizeServerText } from './server-text.js';
import { transportFailure } from './http-policy.js';
import { TokenResponseRejected } from './token-response.js';
import { basicEncodingsDiffer, CLIENT_AUTH_LABELS } from './client-auth.js';
import type { ClientAuthMethod } from '../../shared/environments.js';

/** Who the user was talking to, for messages: "Pleo's sign-in service", "The simulator's ...". */
export type ServiceLabel = string;

const err = (code: ErrorCode, message: string, hint: string, serverText?: string): AppError => ({
  code,
  message,
  hint,
  ...(serverText ? { serverText } : {}),
});

/** Error responses on the redirect (RFC 6749 §4.1.2.1). */
export function authorizationErrorToAppError(error: string, description: string | undefined, service: ServiceLabel): AppError {
  const serverText = sanitizeServerText(description);
  switch (error) {
    case 'access_denied':
      return err(
        'AUTH_DENIED',
        'Access was declined in the browser, so the app was not connected.',
        'If that was a mistake, start the sign-in again and choose Allow.',
        serverText,
      );
    case 'invalid_scope':
      return err(
        'AUTH_INVALID_SCOPE',
        `${service} did not accept the requested scopes.`,
        'Check the scopes of this environment; your Pleo partner manager can tell you which scopes your client is approved for.',
        serverText,
      );
    case 'server_error':
    case 'temporarily_unavailable':
      return err(
        'AUTH_SERVER_ERROR',
        `${service} had a problem and could not finish the sign-in.`,
        'Wait a minute, then start the sign-in again.',
        serverText,
      );
    case 'unauthorized_client':
    case 'unsupported_response_type':
      return err(
        'AUTH_CLIENT_NOT_ALLOWED',
        `${service} does not allow this client to sign in this way.`,
        'Check the Client ID, or ask your Pleo partner manager to enable the authorization code flow for it.',
        serverText,
      );
    case 'invalid_request':
      return err(
        'AUTH_INVALID_REQUEST',
        `${service} rejected the sign-in request.`,
        'Check that the redirect URI is exactly the one registered for this Client ID, then start again.',
        serverText,
      );
    default: {
      const shownCode = sanitizeServerText(error, 60) ?? 'unknown';
      return err(
        'AUTH_SERVER_ERROR',
        `${service} ended the sign-in with an error the app does not know ("${shownCode}").`,
        'Start the sign-in again; if it keeps happening, contact Pleo with the text below.',
        serverText,
      );
    }
  }
}

export type TokenFailureKind = 'invalid-grant' | 'invalid-client' | 'transient' | 'invalid-response' | 'refused';

export interface TokenFailure {
  kind: TokenFailureKind;
  error: AppError;
  /** HTTP status when there was one (never a body). */
  status?: number;
  /** For TOKEN_RESPONSE_INVALID: which check failed, in plain words, safe for the log (no body). */
  check?: string;
}

/** What the client sent, so an invalid_client answer can say whether the encoding may be to blame. */
export interface ClientCredentialsUsed {
  clientId: string;
  clientSecret: string;
  method: ClientAuthMethod;
  /** False for Pleo Staging, whose style is fixed. */
  editable: boolean;
}

/** Errors a server may send for a passing problem (RFC 6749 §5.2 has no code for it; these are used in practice). */
const PASSING = new Set(['server_error', 'temporarily_unavailable']);

/** Pleo's dead-refresh-token error, as seen by a third-party SDK (pleo-facts.md §3). */
const DEAD_GRANT = new Set(['invalid_grant', 'invalid_refresh_token']);

function statusOf(error: unknown): number | undefined {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError) return error.status;
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) return error.cause.status;
  return undefined;
}

/**
 * Classifies a failed token-endpoint call. `context` changes the advice: a failed code
 * exchange is never retried with the same code (B-7), a failed refresh keeps the session.
 */
export function classifyTokenFailure(
  error: unknown,
  context: 'exchange' | 'refresh',
  service: ServiceLabel,
  credentials?: ClientCredentialsUsed,
): TokenFailure {
  const again =
    context === 'exchange'
      ? 'Start the sign-in again; the app never sends the same code twice.'
      : 'You stay signed in; the app will try again shortly.';
  // A refusal that will not change by asking again: the refresh stops (token-manager.ts).
  const refusedHint = (advice: string) =>
    context === 'exchange' ? advice : `${advice} The app will not retry; you stay signed in until the current access token expires.`;
  const transport = transportFailure(error);
  if (transport === 'timeout') return { kind: 'transient', error: err('AS_TIMEOUT', `${service} did not answer in time.`, again) };
  if (transport === 'tls') {
    return {
      kind: 'transient',
      error: err(
        'TLS_ERROR',
        `The secure connection to ${service.replace(/^The /, 'the ')} could not be verified.`,
        "The app never bypasses certificate checks. Check for a proxy that intercepts traffic, or the environment's addresses.",
      ),
    };
  }
  if (transport === 'network') {
    return {
      kind: 'transient',
      error: err(
        'AS_UNAVAILABLE',
        `The app could not reach ${service.replace(/^The /, 'the ')}.`,
        `Check your internet connection, proxy and the environment's addresses. ${again}`,
      ),
    };
  }
  if (transport === 'too-large')
    return {
      kind: 'invalid-response',
      error: err(
        'TOKEN_RESPONSE_INVALID',
        `${service} sent a response that was far too large.`,
        "Nothing was stored. Check the environment's token endpoint.",
      ),
    };

  const status = statusOf(error);
  if (error instanceof oauth.ResponseBodyError) {
    const serverText = sanitizeServerText(error.error_description);
    const code = error.error;
    if (DEAD_GRANT.has(code)) {
      return context === 'exchange'
        ? {
            kind: 'invalid-grant',
            status,
            error: err(
              'CODE_REJECTED',
              `${service} rejected the sign-in code (it may have expired or been used already).`,
              'Start the sign-in again.',
              serverText,
            ),
          }
        : {
            kind: 'invalid-grant',
            status,
            error: err(
              'SESSION_ENDED',
              'Your session has ended, so the app signed you out of this environment.',
              'Sign in again; your Client ID and Secret are kept.',
              serverText,
            ),
          };
    }
    if (code === 'invalid_client' || status === 401)
      return { kind: 'invalid-client', status, error: clientRejected(service, serverText, credentials) };
    if (status === 429)
      return { kind: 'transient', status, error: err('AS_UNAVAILABLE', `${service} is busy (too many requests).`, again, serverText) };
    if (PASSING.has(code) || (status !== undefined && status >= 500)) {
      return {
        kind: 'transient',
        status,
        error: err('AS_UNAVAILABLE', `${service} had a passing problem${status ? ` (HTTP ${status})` : ''}.`, again, serverText),
      };
    }
    if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
      return {
        kind: 'refused',
        status,
        error: err(
          'AUTH_CLIENT_NOT_ALLOWED',
          `${service} does not allow this client to use this grant.`,
          refusedHint('Ask your Pleo partner manager to enable the authorization code and refresh token grants for the client.'),
          serverText,
        ),
      };
    }
    if (code === 'invalid_scope')
      return {
        kind: 'refused',
        status,
        error: err(
          'AUTH_INVALID_SCOPE',
          `${service} did not accept the scopes.`,
          refusedHint('Check the scopes of this environment.'),
          serverText,
        ),
      };
    if (code === 'invalid_request') {
      return {
        kind: 'refused',
        status,
        error: err(
          'AUTH_INVALID_REQUEST',
          `${service} rejected the token request.`,
          refusedHint('Check that the redirect URI is registered exactly as entered, then sign in again.'),
          serverText,
        ),
      };
    }
    const shown = sanitizeServerText(code, 60) ?? 'unknown';
    return {
      kind: 'refused',
      status,
      error: err(
        'AUTH_SERVER_ERROR',
        `${service} refused the token request ("${shown}").`,
        refusedHint(context === 'exchange' ? again : "If it keeps happening, contact the server's operator with the text below."),
        serverText,
      ),
    };
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // The challenge's own error_description (RFC 6750 §3) is what the server said (defect 5).
    const params = error.cause.find((c) => c.parameters.error !== undefined || c.parameters.error_description !== undefined)?.parameters;
    const serverText = sanitizeServerText(params?.error_description);
    if (status === 401 || params?.error === 'invalid_client')
      return { kind: 'invalid-client', status, error: clientRejected(service, serverText, credentials) };
  }
  if (status !== undefined && (status >= 500 || status === 429)) {
    return { kind: 'transient', status, error: err('AS_UNAVAILABLE', `${service} is unavailable right now (HTTP ${status}).`, again) };
  }
  if (status === 401) return { kind: 'invalid-client', status, error: clientRejected(service, undefined, credentials) };
  const check = failedCheck(error, status);
  return {
    kind: 'invalid-response',
    ...(status !== undefined ? { status } : {}),
    check,
    error: err('TOKEN_RESPONSE_INVALID', `${service} sent a response the app could not use: ${check}.`, `Nothing was stored. ${again}`),
  };
}

/**
 * Which check a token response failed, in the user's words (defect 4). Decided by
 * oauth4webapi's error classes and codes and by looking at which member is missing, never by
 * its message text; nothing from the body is quoted except a sanitised `iss`.
 */
export function failedCheck(error: unknown, status?: number): string {
  if (error instanceof TokenResponseRejected) return error.check;
  if (error instanceof oauth.UnsupportedOperationError) return 'it used a token type the app does not support (only Bearer)';
  if (!(error instanceof oauth.OperationProcessingError)) return 'it did not follow the OAuth 2.0 rules';
  const cause = (error.cause ?? {}) as { claim?: unknown; claims?: Record<string, unknown>; expected?: unknown; body?: unknown };
  switch (error.code) {
    case oauth.RESPONSE_IS_NOT_JSON:
      return 'the answer was not JSON';
    case oauth.PARSE_ERROR:
      return 'the answer could not be read as JSON';
    case oauth.RESPONSE_IS_NOT_CONFORM:
      return `it answered HTTP ${status ?? 'error'} without an OAuth error code`;
    case oauth.JWT_TIMESTAMP_CHECK:
      return 'the ID token was expired or not yet valid';
    case oauth.JWT_CLAIM_COMPARISON:
      if (cause.claim === 'aud') return 'the ID token was issued for a different client (its "aud" is not this Client ID)';
      if (cause.claim === 'iss') {
        const got = sanitizeServerText(cause.claims?.iss, 120) ?? '(none)';
        const want = sanitizeServerText(cause.expected, 120) ?? '(none)';
        return `the ID token names a different issuer ("${got}" instead of "${want}")`;
      }
      return `the ID token's "${sanitizeServerText(String(cause.claim), 30) ?? '?'}" claim did not match`;
    case oauth.INVALID_RESPONSE: {
      const body = typeof cause.body === 'object' && cause.body !== null ? (cause.body as Record<string, unknown>) : undefined;
      if (body && typeof body.access_token !== 'string') return 'it contained no access token';
      if (body && typeof body.token_type !== 'string') return 'it did not say which token type it issued';
      if (body && body.id_token !== undefined) return 'its ID token was malformed or incomplete';
      return 'a member of the answer had the wrong type';
    }
    default:
      return 'it did not follow the OAuth 2.0 rules';
  }
}

function clientRejected(service: ServiceLabel, serverText?: string, credentials?: ClientCredentialsUsed): AppError {
  let hint = 'Check the Client ID and enter the Client Secret again. The saved secret is kept until you replace it.';
  // Issue 9: the two Basic styles differ only for characters outside A-Z a-z 0-9 - . _ ~.
  if (credentials && credentials.method !== 'client_secret_post' && basicEncodingsDiffer(credentials.clientId, credentials.clientSecret)) {
    const other: ClientAuthMethod = credentials.method === 'client_secret_basic' ? 'client_secret_basic_unencoded' : 'client_secret_basic';
    hint = credentials.editable
      ? `Your Client ID or Secret contains characters that servers read differently depending on how they are encoded. If they are right, set "Client authentication" to "${CLIENT_AUTH_LABELS[other]}" for this environment and try again.`
      : `Your Client ID or Secret contains characters (other than letters, digits and - . _ ~) that Pleo may read differently. Check them for typing mistakes; if they are right, contact Pleo with the text below.`;
  }
  return err('CLIENT_SECRET_REJECTED', `${service} rejected the Client ID or Client Secret.`, hint, serverText);
}
