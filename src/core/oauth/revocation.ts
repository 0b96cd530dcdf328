/**
 * Server-side sign-out. RFC 7009 revocation where the environment has an endpoint (the
 * simulator does; Pleo documents none). For Pleo, the documented way to kill every token of
 * the client is to delete the installation: DELETE {apiBase}/v1/installations/me with the
 * bearer token (pleo-facts.md §1, §5). It also disconnects the partner's integration, so it
 * runs only as an explicit, confirmed action (`disconnectInstallation: true`).
 */
import * as oauth from 'oauth4webapi';
import { cappedFetch, transportFailure } from './http-policy.js';
import { clientAuthentication, httpOptions, type OAuthContext } from './oauth-context.js';

export type ServerSignOutResult = { ok: true } | { ok: false; detail: string };

export async function revokeToken(
  ctx: OAuthContext,
  clientSecret: string,
  token: string,
  hint: 'refresh_token' | 'access_token',
): Promise<ServerSignOutResult> {
  try {
    const response = await oauth.revocationRequest(ctx.as, ctx.client, clientAuthentication(clientSecret), token, {
      ...httpOptions(ctx),
      additionalParameters: { token_type_hint: hint },
    });
    await oauth.processRevocationResponse(response);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}

export async function disconnectInstallation(
  apiBase: string,
  accessToken: string,
  options: { timeoutMs: number; allowInsecure: boolean },
): Promise<ServerSignOutResult> {
  const url = new URL(`${apiBase}/v1/installations/me`);
  if (url.protocol !== 'https:' && !options.allowInsecure) return { ok: false, detail: 'The API base does not use https.' };
  try {
    const response = await cappedFetch(64 * 1024)(url.toString(), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, detail: `The API answered HTTP ${response.status}.` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}

function describe(error: unknown): string {
  const transport = transportFailure(error);
  if (transport === 'timeout') return 'The server did not answer in time.';
  if (transport === 'tls') return 'The secure connection could not be verified.';
  if (transport) return 'The server could not be reached.';
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError)
    return `The server answered HTTP ${error.status}.`;
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response)
    return `The server answered HTTP ${error.cause.status}.`;
  return 'The server sent an unexpected answer.';
}
