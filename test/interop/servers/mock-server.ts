/**
 * oauth2-mock-server (an independent OpenID Connect test server from npm). What it does that
 * the engine must survive (issue 9):
 * - it always returns an id_token, openid or not, whose `aud` is the Basic user name exactly as
 *   received (not decoded): a client ID sent as `12a3%2D…` gets an id_token for `12a3%2D…`;
 * - it sends no `iss` on the redirect (a hook adds one when a test wants it);
 * - it accepts any client secret and every scope.
 * Answers are rewritten through its `beforeResponse` hook (synchronous, so no gates here).
 */
import { OAuth2Server } from 'oauth2-mock-server';
import type { TokenAnswer, TokenLog } from './answer.js';

export type SyncRewrite = (answer: TokenAnswer) => void;

export interface MockServer {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  log: TokenLog[];
  next(rewrite: SyncRewrite): void;
  /** `iss` to add to the next authorization responses (undefined: none, as by default). */
  setIss(value: string | undefined): void;
  /** Claims to overwrite in every token the server signs from now on (the id_token included). */
  tamperTokens(claims: Record<string, unknown> | undefined): void;
  /** false: refresh answers carry no new refresh token (the old one stays valid here anyway). */
  setRotate(value: boolean): void;
  close(): Promise<void>;
}

export async function startMockServer(): Promise<MockServer> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const issuer = server.issuer.url!;
  const rewrites: SyncRewrite[] = [];
  const log: TokenLog[] = [];
  let iss: string | undefined;
  let tamper: Record<string, unknown> | undefined;
  let rotate = true;
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    if (tamper) Object.assign(token.payload, tamper);
  });
  server.service.on(
    'beforeResponse',
    (
      response: { body: unknown; statusCode: number },
      req: { headers: Record<string, string | undefined>; body?: Record<string, string> },
    ) => {
      const request = req.body ?? {};
      log.push({
        grantType: request.grant_type ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body: request,
      });
      if (!rotate && request.grant_type === 'refresh_token') delete (response.body as Record<string, unknown>).refresh_token;
      const rewrite = rewrites.shift();
      if (!rewrite) return;
      const answer: TokenAnswer = { status: response.statusCode, headers: {}, body: response.body, request };
      rewrite(answer);
      response.statusCode = answer.status;
      response.body = answer.body;
    },
  );
  server.service.on('beforeAuthorizeRedirect', (redirect: { url: URL }) => {
    if (iss !== undefined) redirect.url.searchParams.set('iss', iss);
  });
  return {
    issuer,
    authorizationEndpoint: `${issuer}/authorize`,
    tokenEndpoint: `${issuer}/token`,
    log,
    next: (rewrite) => void rewrites.push(rewrite),
    setIss: (value) => void (iss = value),
    tamperTokens: (claims) => void (tamper = claims),
    setRotate: (value) => void (rotate = value),
    close: () => server.stop(),
  };
}
