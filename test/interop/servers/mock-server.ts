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
  server.service.on('beforeResponse', (response: { body: unknown; statusCode: number }, req: { headers: Record<string, string | undefined>; body?: Record<string, string> }) => {
    const request = req.body ?? {};
    log.push({ grantType: request.grant_type ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body: request });
    const rewrite = rewrites.shift();
    if (!rewrite) return;
    const answer: TokenAnswer = { status: response.statusCode, headers: {}, body: response.body, request };
    rewrite(answer);
    response.statusCode = answer.status;
    response.body = answer.body;
  });
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
    close: () => server.stop(),
  };
}
