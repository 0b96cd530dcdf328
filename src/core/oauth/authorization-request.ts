/**
 * The authorization request (AR-01): a fresh PKCE verifier (RFC 7636, 43 characters from 32
 * random bytes), its S256 challenge and a 256-bit `state`, all from oauth4webapi; the URL
 * carries nothing secret. The verifier and state stay in main memory for this flow only.
 */
import * as oauth from 'oauth4webapi';
import type { OAuthContext } from './oauth-context.js';

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
  /** Exactly what was sent as redirect_uri; the token request repeats it byte for byte (B-1). */
  redirectUri: string;
}

export async function buildAuthorizationRequest(
  ctx: Pick<OAuthContext, 'as' | 'client'>,
  params: { redirectUri: string; scopes: readonly string[]; forceLogin?: boolean },
): Promise<AuthorizationRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(ctx.as.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', ctx.client.client_id);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.scopes.length) url.searchParams.set('scope', params.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  // After a sign-out the next sign-in asks for a fresh login, so a shared machine does not
  // silently reuse the previous person's browser session (feature-anchors X8).
  if (params.forceLogin) url.searchParams.set('prompt', 'login');
  return { url: url.toString(), state, codeVerifier, redirectUri: params.redirectUri };
}
