/**
 * Server metadata written per environment (Pleo publishes no discovery document), in the form
 * oauth4webapi (the engine under openid-client v6) expects. Client authentication follows
 * the environment's `clientAuth` style (client-auth.ts): Pleo Staging sends the ID and secret
 * unencoded in the Basic header, as Pleo's curl and Postman guides do; custom environments
 * choose (TK-18, issue 9).
 */
import * as oauth from 'oauth4webapi';
import type { EnvironmentConfig } from '../environments/environment-registry.js';
import { presentFields } from '../../shared/present-fields.js';
import { requestOptions, type HttpPolicy } from './http-policy.js';
import type { ServiceLabel } from './oauth-errors.js';
import { CLIENT_AUTH_KEY, clientAuthFor, clientAuthOf } from './client-auth.js';

export interface OAuthContext {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  http: HttpPolicy;
  service: ServiceLabel;
}

export function serviceLabel(env: Pick<EnvironmentConfig, 'kind'>): ServiceLabel {
  if (env.kind === 'pleo-staging') return "Pleo's sign-in service";
  if (env.kind === 'simulator') return "The simulator's sign-in service";
  return 'The sign-in service';
}

export function oauthContext(
  env: EnvironmentConfig,
  limits: { timeoutMs: number; maxBodyBytes: number; fetch?: typeof fetch },
): OAuthContext {
  const endpoints = [env.authorizationEndpoint, env.tokenEndpoint, env.introspectionEndpoint, env.revocationEndpoint];
  const usesHttp = endpoints.some((u) => typeof u === 'string' && u.startsWith('http:'));
  return {
    as: {
      issuer: env.issuer,
      authorization_endpoint: env.authorizationEndpoint,
      token_endpoint: env.tokenEndpoint,
      ...presentFields({ introspection_endpoint: env.introspectionEndpoint, revocation_endpoint: env.revocationEndpoint }),
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: env.requireIssuer,
    },
    client: { client_id: env.clientId, [CLIENT_AUTH_KEY]: env.clientAuth },
    // url-policy only lets http through on loopback, and only for environments that allow it.
    http: {
      timeoutMs: limits.timeoutMs,
      maxBodyBytes: limits.maxBodyBytes,
      allowInsecure: env.allowLoopbackHttp && usesHttp,
      ...(limits.fetch ? { fetch: limits.fetch } : {}),
    },
    service: serviceLabel(env),
  };
}

/** The environment's style is read from the Client at request time (see client-auth.ts). */
export function clientAuthentication(clientSecret: string): oauth.ClientAuth {
  return (as, client, body, headers) => clientAuthFor(clientAuthOf(client), clientSecret)(as, client, body, headers);
}

export function httpOptions(ctx: OAuthContext) {
  return requestOptions(ctx.http);
}
