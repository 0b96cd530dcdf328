/**
 * The two built-in environments. Pleo publishes no discovery document, so the staging
 * metadata is written here (Pleo documents auth.staging.pleo.io with /oauth/authorize,
 * /oauth/token and /oauth/token/introspect) and is not editable: a tampered settings file
 * cannot point staging's token endpoint elsewhere (AR-03). Only the issuer, Client ID,
 * registered redirect URI and scopes are the user's to change.
 */
import { CALLBACK_SCHEME } from '../../shared/csp.js';

export const SIMULATOR_ID = 'simulator';
export const STAGING_ID = 'pleo-staging';

/** The private-use redirect URI the app registers with the OS (RFC 8252 §7.1, one slash). */
export const DEFAULT_PRIVATE_REDIRECT_URI = `${CALLBACK_SCHEME}:/oauth/callback`;

export const PLEO_STAGING = {
  name: 'Pleo Staging',
  bannerLabel: 'PLEO STAGING',
  authorizationEndpoint: 'https://auth.staging.pleo.io/oauth/authorize',
  tokenEndpoint: 'https://auth.staging.pleo.io/oauth/token',
  introspectionEndpoint: 'https://auth.staging.pleo.io/oauth/token/introspect',
  /** Pleo documents no `iss` value; this is only the default the user can edit. */
  issuer: 'https://auth.staging.pleo.io',
  apiBase: 'https://external.staging.pleo.io',
  /**
   * Pleo tells partners to register Postman's desktop callback, and documents neither custom
   * schemes nor loopback, so the URI most likely to be registered already is the default.
   */
  redirectUri: 'https://oauth.pstmn.io/v1/callback',
  scopes: ['users:read'],
} as const;

export const SIMULATOR = {
  name: 'Built-in simulator',
  bannerLabel: 'SIMULATOR',
} as const;
