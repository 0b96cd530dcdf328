/**
 * An authorization server built on @node-oauth/oauth2-server (an independent implementation
 * from npm), with an in-memory model, auto-approving `/authorize` and a `/token` endpoint.
 * Like many servers, it does NOT form-decode the Basic credentials (it uses `basic-auth`), so a
 * client that percent-encodes `-` in a UUID client ID is unknown to it (issue 9, defect 1).
 * On invalid_client with a Basic header it answers 401 + `WWW-Authenticate: Basic realm=…`
 * and puts the reason only in the JSON body (defect 5).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OAuth2Server from '@node-oauth/oauth2-server';
import { AnswerScript, readForm } from './answer.js';

export interface NodeOAuthOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Scopes this client may have; anything else is invalid_scope. */
  allowedScopes?: string[];
  /** Issue a new refresh token on every refresh (default true). */
  rotate?: boolean;
  /** No refresh_token grant for the client: no refresh token is ever issued. */
  noRefreshTokens?: boolean;
  accessTokenLifetime?: number;
}

export interface NodeOAuthServer {
  origin: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  script: AnswerScript;
  /** `iss` to add to the authorization responses (RFC 9207); none by default, like the library. */
  setIss(value: string | undefined): void;
  /** Issue a new refresh token on each refresh (changes the running server). */
  setRotate(value: boolean): void;
  close(): Promise<void>;
}

interface StoredToken {
  accessToken: string;
  refreshToken?: string;
  scope?: string[];
  client: { id: string };
  user: { id: string };
  accessTokenExpiresAt?: Date;
  refreshTokenExpiresAt?: Date;
}

export async function startNodeOAuthServer(options: NodeOAuthOptions): Promise<NodeOAuthServer> {
  const client = {
    id: options.clientId,
    redirectUris: options.redirectUris,
    grants: options.noRefreshTokens ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
  };
  const user = { id: 'user-1' };
  const codes = new Map<string, Record<string, unknown>>();
  const tokens = new Map<string, StoredToken>();
  const refreshTokens = new Map<string, StoredToken>();
  const loopback = (uri: string) => /^http:\/\/127\.0\.0\.1(?::\d+)?\//.test(uri);
  const withoutPort = (uri: string) => uri.replace(/^(http:\/\/127\.0\.0\.1):\d+/, '$1');

  const model = {
    // basic-auth gives the raw (undecoded) user name and password.
    async getClient(clientId: string, clientSecret: string | null) {
      if (clientId !== options.clientId) return false;
      if (clientSecret !== null && clientSecret !== options.clientSecret) return false;
      return client;
    },
    // RFC 8252 §7.3: a loopback redirect URI matches on any port.
    async validateRedirectUri(redirectUri: string) {
      return (
        options.redirectUris.includes(redirectUri) || (loopback(redirectUri) && options.redirectUris.includes(withoutPort(redirectUri)))
      );
    },
    async validateScope(_user: unknown, _client: unknown, scope?: string[]) {
      const allowed = options.allowedScopes;
      if (!scope) return [];
      return !allowed || scope.every((s) => allowed.includes(s)) ? scope : false;
    },
    async saveAuthorizationCode(code: Record<string, unknown>) {
      const saved = { ...code, client, user };
      codes.set(code.authorizationCode as string, saved);
      return saved;
    },
    async getAuthorizationCode(code: string) {
      return codes.get(code) ?? false;
    },
    async revokeAuthorizationCode(code: { authorizationCode: string }) {
      return codes.delete(code.authorizationCode);
    },
    async saveToken(token: Omit<StoredToken, 'client' | 'user'>) {
      const saved: StoredToken = { ...token, client, user };
      tokens.set(token.accessToken, saved);
      if (token.refreshToken) refreshTokens.set(token.refreshToken, saved);
      return saved;
    },
    async getAccessToken(accessToken: string) {
      return tokens.get(accessToken) ?? false;
    },
    async getRefreshToken(refreshToken: string) {
      return refreshTokens.get(refreshToken) ?? false;
    },
    async revokeToken(token: StoredToken) {
      return token.refreshToken ? refreshTokens.delete(token.refreshToken) : false;
    },
    async verifyScope() {
      return true;
    },
  };

  const oauth = new OAuth2Server({
    model: model as never,
    accessTokenLifetime: options.accessTokenLifetime ?? 3600,
    alwaysIssueNewRefreshToken: options.rotate ?? true,
    allowEmptyState: false,
  });
  const script = new AnswerScript();
  let iss: string | undefined;
  let rotate = options.rotate ?? true;

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      if (url.pathname === '/authorize' && req.method === 'GET') {
        const request = new OAuth2Server.Request({ method: 'GET', headers, query: Object.fromEntries(url.searchParams), body: {} });
        const response = new OAuth2Server.Response({});
        try {
          await oauth.authorize(request, response, { authenticateHandler: { handle: async () => user } });
        } catch {
          // the handler already put the error redirect on the response, where it can
        }
        const location = (response.headers as Record<string, string>).location;
        if (iss !== undefined && location) {
          const target = new URL(location);
          target.searchParams.set('iss', iss);
          (response.headers as Record<string, string>).location = target.href;
        }
        res.writeHead(response.status ?? 500, response.headers as Record<string, string>);
        res.end();
        return;
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const body = await readForm(req);
        script.record(req, body);
        const request = new OAuth2Server.Request({ method: 'POST', headers, query: {}, body });
        const response = new OAuth2Server.Response({});
        try {
          // A scripted replacement answer stands in for the server: nothing is processed
          // (no code used up, no refresh token revoked), as if the server had refused.
          if (!script.replacesNext()) await oauth.token(request, response, { alwaysIssueNewRefreshToken: rotate });
        } catch {
          // error status, headers and body are on the response
        }
        await script.send(res, {
          status: response.status ?? 500,
          headers: { ...(response.headers as Record<string, string>) },
          body: response.body,
          request: body,
        });
        return;
      }
      res.writeHead(404).end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    authorizationEndpoint: `${origin}/authorize`,
    tokenEndpoint: `${origin}/token`,
    script,
    setIss: (value) => void (iss = value),
    setRotate: (value) => void (rotate = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
