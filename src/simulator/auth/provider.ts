import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

import type Provider from 'oidc-provider';
import type { ProviderContext } from 'oidc-provider';

import type { StagingUser } from '../data/model.js';
import { annotate } from '../log/annotations.js';
import type { SimulatorClient } from './clients.js';
import { providerErrorHtml } from './pages.js';
import type { TokenStore } from './token-store.js';

/**
 * oidc-provider configured the way Pleo documents its authorization server:
 * authorization code only, PKCE S256 required, client_secret_basic only, refresh tokens without
 * offline_access, a new refresh token on every refresh (reuse of an old one revokes the grant),
 * opaque access tokens for the External API (so introspection and revocation work), and
 * Pleo's `urn:pleo:params:oauth:subject_urn` in introspection responses.
 */

export const ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  introspection: '/oauth/token/introspect',
  // Pleo documents no revocation endpoint; this one is a simulator extra.
  revocation: '/oauth/token/revoke',
  jwks: '/oauth/jwks',
  end_session: '/oauth/session/end',
  userinfo: '/oauth/me',
} as const;

const DAY = 24 * 60 * 60;

export interface ProviderSetup {
  ProviderClass: typeof Provider;
  errors: Record<string, new (...args: never[]) => Error>;
  issuer: string;
  /** The External API origin: the only resource server and the access tokens' audience. */
  resource: string;
  tokenTtlSeconds: number;
  clients: readonly SimulatorClient[];
  users: readonly StagingUser[];
  store: TokenStore;
  rotateRefreshTokens: () => boolean;
  /** See SimulatorOptions.acceptClientSecretPost. */
  acceptClientSecretPost?: boolean;
  onRefreshTokenReuse: () => void;
  onServerError: (error: unknown) => void;
}

/** One EC key per process: signing keys are needed only if a client asks for an ID token. */
let signingJwk: Record<string, unknown> | undefined;
function signingKey(): Record<string, unknown> {
  signingJwk ??= {
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
    kid: 'simulator-es256',
    use: 'sig',
    alg: 'ES256',
  };
  return signingJwk;
}

export function subjectOf(user: StagingUser): { id: string; urn: string } {
  return { id: user.subject.id, urn: `urn:pleo:${user.subject.kind}:${user.subject.id}` };
}

export function createProvider(setup: ProviderSetup): Provider {
  const { ProviderClass, errors, resource, tokenTtlSeconds, clients, users, store } = setup;
  const clientScopes = new Map(clients.map((c) => [c.clientId, c.scopes.join(' ')]));
  const usersById = new Map(users.map((u) => [u.id, u]));
  const InvalidTarget = errors.InvalidTarget as unknown as new (description?: string) => Error;
  const InvalidRequest = errors.InvalidRequest as unknown as new (description?: string) => Error;

  const provider = new ProviderClass(setup.issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name,
      // "native" is what makes oidc-provider accept a private-use scheme and match loopback
      // redirect URIs on any port (RFC 8252 §7.3); every other URI must match exactly.
      application_type: 'native',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    })),
    // Pleo: "Only client_secret_basic client authentication method is supported".
    // (unknown 9) client_secret_post only when the simulator is started with acceptClientSecretPost.
    clientAuthMethods: setup.acceptClientSecretPost ? ['client_secret_basic', 'client_secret_post'] : ['client_secret_basic'],
    adapter: store.adapterFactory,
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: ROUTES,
    responseTypes: ['code'],
    scopes: ['openid'],
    // Pleo documents this optional authorize parameter; it is accepted and otherwise ignored.
    extraParams: ['urn_pleo_params_oauth_subject'],
    pkce: { required: () => true },
    findAccount: async (_ctx: unknown, id: string) => {
      const user = usersById.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: user.email, name: user.name }) };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    // Without this, a refresh token issued without offline_access would die with the browser
    // session that created it.
    expiresWithSession: async () => false,
    // Issue refresh tokens on the code grant even though offline_access is not requested:
    // Pleo does the same.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => setup.rotateRefreshTokens(),
    ttl: {
      AccessToken: tokenTtlSeconds,
      AuthorizationCode: 60,
      // Pleo: refresh tokens are valid "at least 60 days".
      RefreshToken: 90 * DAY,
      Grant: 365 * DAY,
      Session: 14 * DAY,
      Interaction: 60 * 60,
      IdToken: tokenTtlSeconds,
      ClientCredentials: 600,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
    },
    clientBasedCORS: () => false,
    renderError: async (ctx: ProviderContext, out: { error?: string; error_description?: string }) => {
      const { html, nonce } = providerErrorHtml(out);
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = html;
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      introspection: {
        enabled: true,
        // Pleo: only the client that obtained a token may introspect it.
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) =>
          token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => {
          if (token.clientId !== client.clientId) {
            throw new InvalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string, client: { clientId: string }) => {
          if (indicator !== resource) throw new InvalidTarget('unknown resource indicator');
          return {
            // Scopes the client did not register are dropped from the grant rather than
            // rejected, so the token response's `scope` shows what was actually granted.
            scope: clientScopes.get(client.clientId) ?? '',
            audience: resource,
            accessTokenFormat: 'opaque',
            accessTokenTTL: tokenTtlSeconds,
          };
        },
      },
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    const route = ctx.oidc?.route;
    if (route === 'token') {
      const grantType = ctx.oidc?.params?.grant_type;
      const error = ctx.status >= 400 ? (ctx.body as { error?: unknown } | undefined)?.error : undefined;
      annotate(ctx.req, {
        grantType: typeof grantType === 'string' ? grantType : undefined,
        clientId: ctx.oidc?.client?.clientId,
        error: typeof error === 'string' ? error : undefined,
      });
      // Pleo: after a refresh "all previous tokens are invalidated immediately". oidc-provider
      // only retires the old refresh token, so older access tokens of the grant go here.
      const issued = ctx.oidc?.entities?.AccessToken;
      if (grantType === 'refresh_token' && ctx.status === 200 && issued?.grantId) {
        store.revokeOtherAccessTokens(issued.grantId, issued.jti);
      }
    }
    if (route === 'introspection') rewriteIntrospection(ctx, usersById);
  });

  provider.on('grant.error', (...args: unknown[]) => {
    const error = args[1] as { error_detail?: string } | undefined;
    if (error?.error_detail === 'refresh token already used') setup.onRefreshTokenReuse();
  });
  provider.on('server_error', (...args: unknown[]) => setup.onServerError(args[1]));

  return provider;
}

/**
 * Pleo's introspection `sub` is the resource the token grants access to (a company or an
 * organisation), and the response carries that resource's URN. oidc-provider reports the
 * account id, so the response is rewritten on its way out.
 */
function rewriteIntrospection(ctx: ProviderContext, usersById: ReadonlyMap<string, StagingUser>): void {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (!body || body.active !== true || typeof body.sub !== 'string') return;
  const user = usersById.get(body.sub);
  if (!user) return;
  const subject = subjectOf(user);
  // Pleo lists `jti`. oidc-provider leaves it out for opaque tokens (their id is the token
  // itself), so the simulator sends a one-way digest of that id: unique and stable per token,
  // and it never repeats the token.
  const token = ctx.oidc?.entities?.AccessToken ?? ctx.oidc?.entities?.RefreshToken;
  const jti =
    typeof body.jti === 'string' ? body.jti : token ? createHash('sha256').update(token.jti).digest('base64url').slice(0, 32) : undefined;
  ctx.body = { ...body, sub: subject.id, 'urn:pleo:params:oauth:subject_urn': subject.urn, ...(jti ? { jti } : {}) };
}
