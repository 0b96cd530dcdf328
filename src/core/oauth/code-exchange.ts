/**
 * The code exchange and the refresh grant: the environment's client authentication, the PKCE
 * verifier, the redirect_uri byte-identical to the authorization request (B-1), one attempt
 * each. A failed exchange is never retried with the same code (B-7, TK-01, TK-02): the caller
 * ends the flow.
 *
 * What independent servers taught us (issue 9, docs/interop.md):
 * - an id_token the app never asked for (no `openid` scope) is dropped before oauth4webapi
 *   sees it, so its `aud`/`iss` cannot fail a plain OAuth 2.0 sign-in;
 * - an issuer typed with or without a trailing slash matches an id_token `iss` without or with;
 * - a 401 whose WWW-Authenticate challenge carries no description still shows the
 *   `error_description` of its JSON body.
 */
import * as oauth from 'oauth4webapi';
import { clientAuthentication, httpOptions, type OAuthContext } from './oauth-context.js';
import { assertJsonResponse, toTokenSet, type TokenSet } from './token-response.js';

type Processor = (as: oauth.AuthorizationServer, response: Response) => Promise<oauth.TokenEndpointResponse>;

export async function exchangeCode(
  ctx: OAuthContext,
  clientSecret: string,
  validatedParams: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
  now: () => number,
  requestedScopes: readonly string[] = [],
): Promise<TokenSet> {
  const response = await oauth.authorizationCodeGrantRequest(
    ctx.as,
    ctx.client,
    clientAuthentication(clientSecret),
    validatedParams,
    redirectUri,
    codeVerifier,
    httpOptions(ctx),
  );
  const receivedAt = now();
  const body = await processTokenResponse(ctx, response, requestedScopes.includes('openid'), (as, r) =>
    oauth.processAuthorizationCodeResponse(as, ctx.client, r),
  );
  // RFC 6749 §5.1: no `scope` in the answer means exactly the scopes that were requested.
  return toTokenSet(body, receivedAt, undefined, requestedScopes.join(' '));
}

/** `previousScope`: the scopes of the original grant, kept when the answer omits `scope` (RFC 6749 §5.1, §6). */
export async function refreshGrant(
  ctx: OAuthContext,
  clientSecret: string,
  refreshToken: string,
  now: () => number,
  previousScope?: string,
): Promise<TokenSet> {
  const response = await oauth.refreshTokenGrantRequest(
    ctx.as,
    ctx.client,
    clientAuthentication(clientSecret),
    refreshToken,
    httpOptions(ctx),
  );
  const receivedAt = now();
  const wantsIdToken = (previousScope ?? '').split(' ').includes('openid');
  const body = await processTokenResponse(ctx, response, wantsIdToken, (as, r) => oauth.processRefreshTokenResponse(as, ctx.client, r));
  return toTokenSet(body, receivedAt, refreshToken, previousScope);
}

async function processTokenResponse(
  ctx: OAuthContext,
  response: Response,
  wantsIdToken: boolean,
  process: Processor,
): Promise<oauth.TokenEndpointResponse> {
  assertJsonResponse(response);
  const usable = wantsIdToken ? response : await withoutIdToken(response);
  const spare = usable.clone();
  try {
    return await process(ctx.as, usable);
  } catch (error) {
    const alternate = alternateIssuer(error, ctx.as.issuer);
    if (alternate) return process({ ...ctx.as, issuer: alternate }, spare);
    if (error instanceof oauth.WWWAuthenticateChallengeError) throw await bodyErrorBehindChallenge(error, spare, (r) => process(ctx.as, r));
    throw error;
  }
}

/** A successful JSON answer minus `id_token`; anything else is passed on for oauth4webapi to judge. */
async function withoutIdToken(response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return response;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('id_token' in body)) return response;
  const { id_token: _ignored, ...rest } = body as Record<string, unknown>;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(rest), { status: response.status, statusText: response.statusText, headers });
}

/** "https://as.example" and "https://as.example/" name the same server for a human; retry once with the other. */
function alternateIssuer(error: unknown, issuer: string): string | undefined {
  if (!(error instanceof oauth.OperationProcessingError) || error.code !== oauth.JWT_CLAIM_COMPARISON) return undefined;
  const cause = error.cause as { claim?: unknown; claims?: { iss?: unknown } } | undefined;
  if (cause?.claim !== 'iss') return undefined;
  const other = issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`;
  return cause.claims?.iss === other ? other : undefined;
}

/**
 * oauth4webapi reports a WWW-Authenticate challenge before it reads the body. When the
 * challenge has no `error_description` (e.g. `Basic realm="Service"`), the same answer is
 * processed again without the header, so the body's RFC 6749 §5.2 error surfaces as a
 * ResponseBodyError (status kept).
 */
async function bodyErrorBehindChallenge(
  challenge: oauth.WWWAuthenticateChallengeError,
  spare: Response,
  process: (r: Response) => Promise<unknown>,
): Promise<unknown> {
  if (challenge.cause.some((c) => typeof c.parameters.error_description === 'string')) return challenge;
  const headers = new Headers(spare.headers);
  headers.delete('www-authenticate');
  try {
    await process(new Response(await spare.text(), { status: spare.status, statusText: spare.statusText, headers }));
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return error;
  }
  return challenge;
}
