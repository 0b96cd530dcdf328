/**
 * The checklist's "are my Client ID and Secret right?" check, without a browser: a token
 * request with a code that cannot exist. The server must authenticate the client before it
 * looks at the code, so `invalid_client` (or a 401) means the credentials are wrong and
 * `invalid_grant` means they were accepted and only the dummy code was refused.
 */
import * as oauth from 'oauth4webapi';
import type { CredentialCheck } from '../../shared/environments.js';
import { transportFailure } from './http-policy.js';
import { clientAuthentication, httpOptions, type OAuthContext } from './oauth-context.js';
import { sanitizeServerText, withoutSecrets } from './server-text.js';
import { basicEncodingsDiffer, clientAuthOf } from './client-auth.js';

/** Issue 9: when the two Basic styles differ for these credentials, say so on a rejection. */
function encodingNote(ctx: OAuthContext, clientSecret: string): string {
  if (clientAuthOf(ctx.client) === 'client_secret_post' || !basicEncodingsDiffer(ctx.client.client_id, clientSecret)) return '';
  return ' Your Client ID or Secret contains characters other than letters, digits and - . _ ~, which servers read differently depending on the "Client authentication" setting; if they are right, try the other Basic option.';
}

export async function probeCredentials(
  ctx: OAuthContext,
  clientSecret: string,
  redirectUri: string,
  now: () => number,
): Promise<CredentialCheck> {
  const checkedAt = () => now();
  try {
    const response = await oauth.genericTokenEndpointRequest(
      ctx.as,
      ctx.client,
      clientAuthentication(clientSecret),
      'authorization_code',
      {
        code: `credential-check-${oauth.generateRandomState()}`,
        redirect_uri: redirectUri,
        code_verifier: oauth.generateRandomCodeVerifier(),
      },
      httpOptions(ctx),
    );
    await oauth.processGenericTokenEndpointResponse(ctx.as, ctx.client, response);
    return {
      outcome: 'unexpected',
      checkedAt: checkedAt(),
      detail: `${ctx.service} accepted a code that cannot exist. The token endpoint may not be a real OAuth server.`,
    };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      // The secret is masked before truncation could cut it into an unrecognisable piece.
      const described = sanitizeServerText(
        withoutSecrets(typeof error.error_description === 'string' ? error.error_description : undefined, [clientSecret]),
      );
      if (error.error === 'invalid_client' || error.status === 401) {
        return {
          outcome: 'rejected',
          checkedAt: checkedAt(),
          detail: `${ctx.service} rejected the Client ID or Client Secret (invalid_client).${encodingNote(ctx, clientSecret)}${described ? ` Server said: ${described}` : ''}`,
        };
      }
      if (error.error === 'invalid_grant') {
        return {
          outcome: 'accepted',
          checkedAt: checkedAt(),
          detail: `${ctx.service} accepted the Client ID and Client Secret (it refused only the test code, as expected).`,
        };
      }
      return {
        outcome: 'unexpected',
        checkedAt: checkedAt(),
        detail: `${ctx.service} answered "${sanitizeServerText(withoutSecrets(error.error, [clientSecret]), 60)}", which does not tell whether the credentials are right.`,
      };
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError && error.status === 401) {
      const described = sanitizeServerText(
        withoutSecrets(error.cause.find((c) => c.parameters.error_description !== undefined)?.parameters.error_description, [clientSecret]),
      );
      return {
        outcome: 'rejected',
        checkedAt: checkedAt(),
        detail: `${ctx.service} rejected the Client ID or Client Secret (HTTP 401).${encodingNote(ctx, clientSecret)}${described ? ` Server said: ${described}` : ''}`,
      };
    }
    const transport = transportFailure(error);
    if (transport) {
      return {
        outcome: 'unreachable',
        checkedAt: checkedAt(),
        detail:
          transport === 'tls'
            ? `The secure connection to the token endpoint could not be verified.`
            : transport === 'timeout'
              ? `${ctx.service} did not answer in time.`
              : `The app could not reach the token endpoint. Check your connection and the environment's addresses.`,
      };
    }
    const status = error instanceof oauth.OperationProcessingError && error.cause instanceof Response ? error.cause.status : undefined;
    if (status !== undefined && status >= 500)
      return { outcome: 'unreachable', checkedAt: checkedAt(), detail: `${ctx.service} is unavailable right now (HTTP ${status}).` };
    return {
      outcome: 'unexpected',
      checkedAt: checkedAt(),
      detail: `${ctx.service} sent an answer the app could not interpret${status ? ` (HTTP ${status})` : ''}.`,
    };
  }
}
