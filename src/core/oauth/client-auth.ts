/**
 * How the client presents its ID and secret at the token, introspection and revocation
 * endpoints (issue 9, docs/interop.md). oauth4webapi's own `ClientSecretBasic` form-encodes
 * `-`, `_`, `.`, `~` (and `!*'()`) too, so a UUID client ID went out as `12a3%2D…`; servers
 * that do not decode Basic credentials (and Pleo's documented `curl -u` / Postman flows)
 * never see that. The three styles below are oauth4webapi `ClientAuth` functions:
 * - `client_secret_basic`: RFC 6749 §2.3.1 + Appendix B form-encoding, where only
 *   characters outside the unreserved set (ALPHA DIGIT - . _ ~) are encoded;
 * - `client_secret_basic_unencoded`: the ID and secret exactly as typed, as `curl -u` does;
 * - `client_secret_post`: oauth4webapi's `ClientSecretPost` (ID and secret in the body).
 * The style travels on the oauth4webapi `Client` object (`CLIENT_AUTH_KEY`), so every request
 * made with an OAuthContext uses the environment's choice without each caller passing it.
 */
import * as oauth from 'oauth4webapi';
import type { ClientAuthMethod } from '../../shared/environments.js';

/** Client metadata key carrying the style (oauth4webapi passes the Client to ClientAuth). */
export const CLIENT_AUTH_KEY = 'ppd_client_auth';

/** RFC 6749 Appendix B: application/x-www-form-urlencoded, space as "+", unreserved kept. */
export function formEncodeCredential(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** True when the two Basic styles put different bytes on the wire for these credentials. */
export function basicEncodingsDiffer(clientId: string, clientSecret: string): boolean {
  return formEncodeCredential(clientId) !== clientId || formEncodeCredential(clientSecret) !== clientSecret;
}

function basic(clientSecret: string, encode: (v: string) => string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    // UTF-8 before base64 (RFC 7617 §2.1 charset); btoa would throw on non-Latin-1 text.
    const credentials = Buffer.from(`${encode(client.client_id)}:${encode(clientSecret)}`, 'utf8').toString('base64');
    headers.set('authorization', `Basic ${credentials}`);
  };
}

export function clientAuthFor(method: ClientAuthMethod, clientSecret: string): oauth.ClientAuth {
  if (method === 'client_secret_post') return oauth.ClientSecretPost(clientSecret);
  if (method === 'client_secret_basic_unencoded') return basic(clientSecret, (v) => v);
  return basic(clientSecret, formEncodeCredential);
}

/** Reads the style from the Client; unknown or absent means the RFC default. */
export function clientAuthOf(client: oauth.Client): ClientAuthMethod {
  const value = client[CLIENT_AUTH_KEY];
  return value === 'client_secret_basic_unencoded' || value === 'client_secret_post' ? value : 'client_secret_basic';
}

/** Plain names for messages. */
export const CLIENT_AUTH_LABELS: Record<ClientAuthMethod, string> = {
  client_secret_basic: 'Basic header, encoded (standard)',
  client_secret_basic_unencoded: 'Basic header, as typed (like curl -u)',
  client_secret_post: 'In the request body',
};
