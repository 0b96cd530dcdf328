/**
 * Server metadata written per environment (Pleo publishes no discovery document), in the form
 * oauth4webapi (the engine under openid-client v6) expects. Client authentication is always
 * client_secret_basic, the only method Pleo supports; oauth4webapi form-encodes the ID and
 * secret before base64 as RFC 6749 §2.3.1 requires (TK-18).
 */
import * as oauth from 'oauth4webapi';
import type { EnvironmentConfig } from '../environments/environment-registry.js';
import { requestOptions, type HttpPolicy } from './http-policy.js';
import type { ServiceLabel } from './oauth-errors.js';

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

export function oauthContext(env: EnvironmentConfig, limits: { timeoutMs: number; maxBodyBytes: number; fetch?: typeof fetch }): OAuthContext {
  const endpoints = [env.authorizationEndpoint, env.tokenEndpoint, env.introspectionEndpoint, env.revocationEndpoint];
  const usesHttp = endpoints.some((u) => typeof u === 'string' && u.startsWith('http:'));
  return {
    as: {
      issuer: env.issuer,
      authorization_endpoint: env.authorizationEndpoint,
      token_endpoint: env.tokenEndpoint,
      ...(env.introspectionEndpoint ? { introspection_endpoint: env.introspectionEndpoint } : {}),
      ...(env.revocationEndpoint ? { revocation_endpoint: env.revocationEndpoint } : {}),
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: env.requireIssuer,
    },
    client: { client_id: env.clientId },
    // url-policy only lets http through on loopback, and only for environments that allow it.
    http: { timeoutMs: limits.timeoutMs, maxBodyBytes: limits.maxBodyBytes, allowInsecure: env.allowLoopbackHttp && usesHttp, ...(limits.fetch ? { fetch: limits.fetch } : {}) },
    service: serviceLabel(env),
  };
}

export function clientAuthentication(clientSecret: string): oauth.ClientAuth {
  return oauth.ClientSecretBasic(clientSecret);
}

export function httpOptions(ctx: OAuthContext) {
  return requestOptions(ctx.http);
}
