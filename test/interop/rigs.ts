/**
 * The two independent servers behind one small interface, so every behaviour in
 * server-matrix.test.ts runs against both. `supportsGate`: oauth2-mock-server's hooks are
 * synchronous, so only the @node-oauth server can hold an answer back (hung endpoint).
 */
import { REDIRECTS } from '../fixtures/auth/harness.js';
import type { Rewrite, TokenLog } from './servers/answer.js';
import { startMockServer } from './servers/mock-server.js';
import { startNodeOAuthServer, type NodeOAuthOptions } from './servers/node-oauth-server.js';
import type { ServerUnderTest } from './engine-driver.js';

/** Pleo's client IDs are UUIDs: `-` is exactly what oauth4webapi's Basic encoding got wrong. */
export const CLIENT_ID = '12a3b456-78c9-4d0e-9f12-3456789abcde';
export const CLIENT_SECRET = 'partner-secret-0123456789';
export const SCOPES = ['users:read', 'companies:read'];

export interface Rig {
  name: string;
  server: ServerUnderTest;
  /** Rewrite the next token answer (synchronous rewrites work on both servers). */
  next(rewrite: Rewrite): void;
  log: TokenLog[];
  setIss(value: string | undefined): void;
  /** Whether refreshes issue a new refresh token (both servers do by default). */
  setRotate(value: boolean): void;
  supportsGate: boolean;
  close(): Promise<void>;
}

export type RigFactory = (options?: Partial<NodeOAuthOptions>) => Promise<Rig>;

export const nodeOAuthRig: RigFactory = async (options = {}) => {
  const s = await startNodeOAuthServer({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: Object.values(REDIRECTS),
    allowedScopes: [...SCOPES, 'companies:write'],
    ...options,
  });
  return {
    name: '@node-oauth/oauth2-server',
    server: { name: 'node-oauth', authorizationEndpoint: s.authorizationEndpoint, tokenEndpoint: s.tokenEndpoint, issuer: s.origin },
    next: (rewrite) => s.script.next(rewrite),
    log: s.script.log,
    setIss: s.setIss,
    setRotate: s.setRotate,
    supportsGate: true,
    close: s.close,
  };
};

export const mockServerRig: RigFactory = async () => {
  const s = await startMockServer();
  return {
    name: 'oauth2-mock-server',
    server: { name: 'mock', authorizationEndpoint: s.authorizationEndpoint, tokenEndpoint: s.tokenEndpoint, issuer: s.issuer },
    next: (rewrite) =>
      s.next((answer) => {
        const result = rewrite(answer);
        if (result instanceof Promise) throw new Error('oauth2-mock-server hooks are synchronous');
      }),
    log: s.log,
    setIss: s.setIss,
    setRotate: s.setRotate,
    supportsGate: false,
    close: s.close,
  };
};

export const RIGS: Array<[string, RigFactory]> = [
  ['@node-oauth/oauth2-server', nodeOAuthRig],
  ['oauth2-mock-server', mockServerRig],
];

/** Edits a JSON token answer in place. */
export function editBody(edit: (body: Record<string, unknown>) => void): Rewrite {
  return (answer) => {
    if (typeof answer.body === 'object' && answer.body !== null) edit(answer.body as Record<string, unknown>);
  };
}

/** Replaces the answer with an OAuth error (RFC 6749 §5.2). */
export function oauthError(status: number, error: string, description?: string): Rewrite {
  const rewrite: Rewrite = (answer) => {
    answer.status = status;
    answer.body = { error, ...(description ? { error_description: description } : {}) };
  };
  rewrite.replaces = true;
  return rewrite;
}
