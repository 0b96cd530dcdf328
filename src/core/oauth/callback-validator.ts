/**
 * Checks a callback address against the pending flow, in two stages:
 * 1. `belongsToFlow` decides whether the address is meant for the pending flow at all (same
 *    registered redirect URI, and `state` byte-identical to ours). Anything else must not
 *    touch the flow: a forged or stray callback (CB-03, CB-11, CB-26) changes nothing.
 * 2. `validateCallback` runs oauth4webapi's `validateAuthResponse` (duplicated parameters,
 *    RFC 9207 `iss`, `state`, error responses, implicit artefacts) plus the few checks it
 *    leaves to the caller, and maps each failure to the error catalogue.
 */
import * as oauth from 'oauth4webapi';
import type { AppError } from '../../shared/result.js';
import { matchesRedirectUri } from '../environments/url-policy.js';
import { authorizationErrorToAppError } from './oauth-errors.js';
import type { OAuthContext } from './oauth-context.js';
import { sanitizeServerText } from './server-text.js';

/** Callback addresses longer than this are refused before parsing (CB-20). */
export const MAX_CALLBACK_LENGTH = 8192;
/** Codes are opaque, but nothing legitimate is this long (CB-08). */
export const MAX_CODE_LENGTH = 2048;

export function parseCallbackUrl(raw: unknown): { ok: true; url: URL } | { ok: false; error: AppError } {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, error: malformed('The sign-in response was empty.') };
  if (raw.length > MAX_CALLBACK_LENGTH) return { ok: false, error: malformed('The sign-in response was far too long and was ignored.') };
  try {
    return { ok: true, url: new URL(raw) };
  } catch {
    return { ok: false, error: malformed('The sign-in response was not a valid address.') };
  }
}

export type Belonging = 'yes' | 'other-address' | 'other-state';

export function belongsToFlow(url: URL, flow: { redirectUri: string; state: string }): Belonging {
  if (!matchesRedirectUri(url, flow.redirectUri)) return 'other-address';
  const states = url.searchParams.getAll('state');
  // Every copy must equal ours; duplicates are then rejected by the library (CB-15).
  return states.length > 0 && states.every((s) => s === flow.state) ? 'yes' : 'other-state';
}

/** A response delivered in the fragment instead of the query (CB-17). */
export function hasFragmentResponse(url: URL): boolean {
  if (!url.hash) return false;
  const fragment = new URLSearchParams(url.hash.slice(1));
  return ['code', 'state', 'error', 'access_token', 'id_token'].some((name) => fragment.has(name));
}

export type CallbackValidation = { ok: true; params: URLSearchParams; code: string } | { ok: false; error: AppError };

/** Parameters a callback may carry once only (RFC 6749 §3.1, RFC 9207). */
const SINGLE = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri'];

export function validateCallback(
  ctx: Pick<OAuthContext, 'as' | 'client' | 'service'>,
  url: URL,
  expectedState: string,
): CallbackValidation {
  if (hasFragmentResponse(url))
    return { ok: false, error: malformed('The sign-in response arrived in an unexpected form (in the "#" part of the address).') };
  for (const artefact of ['access_token', 'token_type', 'id_token', 'token']) {
    if (url.searchParams.has(artefact))
      return { ok: false, error: malformed('The sign-in response contained tokens directly, which this app never accepts.') };
  }
  // Checked here so the outcome never depends on the library's wording (issue 12).
  if (SINGLE.some((name) => url.searchParams.getAll(name).length > 1))
    return { ok: false, error: malformed('The sign-in response repeated a parameter, which is not allowed.') };
  const as = issuerAsTyped(ctx.as, url);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, ctx.client, url.searchParams, expectedState);
  } catch (error) {
    return { ok: false, error: mapValidationError(error, url, expectedState, { ...ctx, as }) };
  }
  const code = params.get('code') ?? '';
  if (code.trim() === '') return { ok: false, error: malformed('The sign-in response had no sign-in code.') };
  if (code.length > MAX_CODE_LENGTH) return { ok: false, error: malformed('The sign-in code in the response was implausibly long.') };
  return { ok: true, params, code };
}

/**
 * An issuer typed as "https://as.example/" and an `iss` of "https://as.example" (or the other
 * way round) name the same server for the person who typed it (issue 9, defect 4): the check
 * then runs against the received form. Anything else must match exactly (RFC 9207).
 */
function issuerAsTyped(as: oauth.AuthorizationServer, url: URL): oauth.AuthorizationServer {
  const received = url.searchParams.get('iss');
  if (received === null || received === as.issuer) return as;
  const trim = (s: string) => s.replace(/\/$/, '');
  return trim(received) === trim(as.issuer) ? { ...as, issuer: received } : as;
}

/**
 * Maps oauth4webapi's failure to the catalogue by its error class and code, then by which of
 * our own invariants the callback breaks, never by the library's message text (issue 12).
 */
function mapValidationError(error: unknown, url: URL, expectedState: string, ctx: Pick<OAuthContext, 'as' | 'service'>): AppError {
  if (error instanceof oauth.AuthorizationResponseError) {
    return authorizationErrorToAppError(error.error, error.error_description, ctx.service);
  }
  if (!(error instanceof oauth.OperationProcessingError) || error.code !== oauth.INVALID_RESPONSE) {
    return malformed('The sign-in response could not be understood.');
  }
  const received = url.searchParams.getAll('iss');
  if (received.length === 0 && ctx.as.authorization_response_iss_parameter_supported) {
    return {
      code: 'AUTH_ISSUER_MISMATCH',
      message: 'The sign-in response did not say which server sent it, but this environment requires that.',
      hint: 'Start the sign-in again. If it keeps happening, the environment may be pointing at the wrong server.',
    };
  }
  if (received.length > 0 && received[0] !== ctx.as.issuer) {
    const shown = sanitizeServerText(received[0], 200) ?? '(empty)';
    return {
      code: 'AUTH_ISSUER_MISMATCH',
      message: `The sign-in response came from an unexpected issuer: "${shown}" instead of "${sanitizeServerText(ctx.as.issuer, 200)}". Nothing was sent to it.`,
      hint: "If you trust that server, set it as this environment's issuer; otherwise start the sign-in again.",
    };
  }
  if (url.searchParams.get('state') !== expectedState) return stateMismatch();
  return malformed('The sign-in response could not be understood.');
}

export function stateMismatch(): AppError {
  return {
    code: 'AUTH_STATE_MISMATCH',
    message: 'The sign-in response did not match the sign-in the app started (state), so it was not used.',
    hint: 'Start the sign-in again from the app.',
  };
}

export function malformed(message: string): AppError {
  return { code: 'AUTH_MALFORMED_CALLBACK', message, hint: 'Start the sign-in again from the app.' };
}
