/**
 * The code exchange and the refresh grant: client_secret_basic, the PKCE verifier, the
 * redirect_uri byte-identical to the authorization request (B-1), one attempt each. A failed
 * exchange is never retried with the same code (B-7, TK-01, TK-02): the caller ends the flow.
 */
import * as oauth from 'oauth4webapi';
import { clientAuthentication, httpOptions, type OAuthContext } from './oauth-context.js';
import { assertJsonResponse, toTokenSet, type TokenSet } from './token-response.js';

export async function exchangeCode(
  ctx: OAuthContext,
  clientSecret: string,
  validatedParams: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
  now: () => number,
): Promise<TokenSet> {
  const response = await oauth.authorizationCodeGrantRequest(ctx.as, ctx.client, clientAuthentication(clientSecret), validatedParams, redirectUri, codeVerifier, httpOptions(ctx));
  const receivedAt = now();
  assertJsonResponse(response);
  const body = await oauth.processAuthorizationCodeResponse(ctx.as, ctx.client, response);
  return toTokenSet(body, receivedAt);
}

export async function refreshGrant(ctx: OAuthContext, clientSecret: string, refreshToken: string, now: () => number): Promise<TokenSet> {
  const response = await oauth.refreshTokenGrantRequest(ctx.as, ctx.client, clientAuthentication(clientSecret), refreshToken, httpOptions(ctx));
  const receivedAt = now();
  assertJsonResponse(response);
  const body = await oauth.processRefreshTokenResponse(ctx.as, ctx.client, response);
  return toTokenSet(body, receivedAt, refreshToken);
}
