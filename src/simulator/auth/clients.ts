import { ALL_SCOPES, type Scope } from './scopes.js';

/**
 * Pre-provisioned OAuth clients. The ids look like Pleo's (UUIDs) and never change, so the
 * app's built-in simulator environment and partners' scripts can hard-code them. The secrets
 * are development values for this simulator only.
 */
export interface SimulatorClient {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  scopes: Scope[];
}

/**
 * Redirect URIs shared by both clients:
 * - a private-use scheme for the desktop app (not documented by Pleo);
 * - an RFC 8252 loopback URI; the port is ignored when matching (`application_type: native`);
 * - Postman's desktop callback, for paste-back demos.
 */
export const DEFAULT_REDIRECT_URIS = [
  'io.pleo.partnerdesktop:/oauth/callback',
  'http://127.0.0.1/oauth/callback',
  'https://oauth.pstmn.io/v1/callback',
];

/** A client with the shared redirect URIs; by default it may ask for every scope. */
function client(clientId: string, clientSecret: string, name: string, scopes: Scope[] = [...ALL_SCOPES]): SimulatorClient {
  return { clientId, clientSecret, name, redirectUris: DEFAULT_REDIRECT_URIS, scopes };
}

export const DEFAULT_CLIENT = client(
  '7f3c9a2e-4b1d-4c8e-9a6f-2d5e8b1c0a47',
  'sim-dev-secret-3b8e1f6a9c2d4e7f',
  'Pleo Partner Desktop (simulator)',
);

/** A client registered without `users:read`, so `GET /v2/employees` answers 403. */
export const NARROW_CLIENT = client(
  'c1d4e6f8-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
  'sim-dev-secret-narrow-7d2a9e4c1b6f',
  'Narrow Scopes Demo (simulator)',
  ['companies:read', 'test:test'],
);

/**
 * A client whose secret holds characters outside the RFC 3986 unreserved set (`+ / : & =`),
 * so the two ways of putting it in a Basic header differ on the wire (issue 9): sent
 * form-encoded (RFC 6749 §2.3.1) it is accepted; sent as typed, the simulator (like
 * oidc-provider and any server that decodes) reads `+` as a space and answers invalid_client.
 */
export const RESERVED_CHARS_CLIENT = client(
  '0b9e5d2c-6f4a-4e1b-9c3d-7a8f1e2d4c6b',
  'sim+dev/secret:with&reserved=chars',
  'Reserved-characters secret (simulator)',
);

export const SIMULATOR_CLIENTS: readonly SimulatorClient[] = [DEFAULT_CLIENT, NARROW_CLIENT, RESERVED_CHARS_CLIENT];
