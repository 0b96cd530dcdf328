/**
 * Who the token is for (the company or organisation URN), from the introspection endpoint,
 * for the status view and the checklist. Best effort: a failure here never affects sign-in.
 */
import * as oauth from 'oauth4webapi';
import { clientAuthentication, httpOptions, type OAuthContext } from './oauth-context.js';

const URN_CLAIM = 'urn:pleo:params:oauth:subject_urn';

export async function introspectSubject(ctx: OAuthContext, clientSecret: string, accessToken: string): Promise<string | undefined> {
  if (!ctx.as.introspection_endpoint) return undefined;
  try {
    const response = await oauth.introspectionRequest(ctx.as, ctx.client, clientAuthentication(clientSecret), accessToken, {
      ...httpOptions(ctx),
      additionalParameters: { token_type_hint: 'access_token' },
    });
    const result = await oauth.processIntrospectionResponse(ctx.as, ctx.client, response);
    if (!result.active) return undefined;
    const urn = result[URN_CLAIM];
    const subject = typeof urn === 'string' ? urn : typeof result.sub === 'string' ? result.sub : undefined;
    return subject && subject.length <= 200 && /^[\x21-\x7e]+$/.test(subject) ? subject : undefined;
  } catch {
    return undefined;
  }
}
