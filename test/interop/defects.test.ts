/**
 * Issue 9: one test per defect, named after it, each against a server we did not write
 * (@node-oauth/oauth2-server, oauth2-mock-server) or the simulator (oidc-provider). Each
 * failed on the engine before the fix (see the issue's defect list).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEnvironmentRegistry } from '../../src/core/environments/environment-registry.js';
import { clientAuthentication, oauthContext } from '../../src/core/oauth/oauth-context.js';
import type { KeyValueBackend } from '../../src/core/ports.js';
import type { CredentialCheck, EnvironmentSummary } from '../../src/shared/environments.js';
import { RESERVED_CHARS_CLIENT, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { REDIRECTS, startHarness } from '../fixtures/auth/harness.js';
import { basicUser, startDriver, type Driver, type DriverOptions } from './engine-driver.js';
import { CLIENT_ID, CLIENT_SECRET, editBody, mockServerRig, nodeOAuthRig, SCOPES, type Rig, type RigFactory } from './rigs.js';
import { startMockServer } from './servers/mock-server.js';
import type { Rewrite } from './servers/answer.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function rigAndDriver(factory: RigFactory, options: Partial<DriverOptions> = {}, rigOptions = {}): Promise<{ rig: Rig; d: Driver }> {
  const rig = await factory(rigOptions);
  closers.push(rig.close);
  const d = await startDriver(rig.server, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: SCOPES, ...options });
  closers.push(d.close);
  return { rig, d };
}

function memorySettings(): KeyValueBackend {
  const store: Record<string, unknown> = {};
  return {
    get: (k) => store[k],
    set: (k, v) => void (store[k] = v),
    delete: (k) => void delete store[k],
    clear: () => Object.keys(store).forEach((k) => delete store[k]),
    path: ':memory:',
    store,
  };
}

const RESERVED_SECRET = 'p+ss:w/rd&x=y%zz';

describe('defect 1: client credentials percent-encoded in the Basic header, -_.~ included', () => {
  it('a UUID client ID reaches a server that does not decode Basic credentials exactly as typed (custom default)', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig);
    const end = await d.signIn();
    expect(end.phase).toBe('signed-in');
    expect(basicUser(rig.log[0]?.authorization)).toBe(CLIENT_ID);
  });

  it('the id_token aud of a server that echoes the raw Basic user name matches the client ID (openid requested)', async () => {
    const { d } = await rigAndDriver(mockServerRig, { scopes: ['openid', ...SCOPES] });
    expect((await d.signIn()).phase).toBe('signed-in');
  });

  it("Pleo Staging presents ID and secret as Pleo's curl -u / Postman flows do (unencoded Basic), and its style cannot be changed", async () => {
    const registry = createEnvironmentRegistry(memorySettings());
    registry.update('pleo-staging', { clientId: CLIENT_ID });
    const staging = registry.get('pleo-staging')!;
    expect(staging.clientAuth).toBe('client_secret_basic_unencoded');
    const ctx = oauthContext(staging, { timeoutMs: 1000, maxBodyBytes: 1000 });
    const headers = new Headers();
    await clientAuthentication(RESERVED_SECRET)(ctx.as, ctx.client, new URLSearchParams(), headers);
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${RESERVED_SECRET}`).toString('base64')}`);
    expect(() => registry.update('pleo-staging', { clientAuth: 'client_secret_basic' })).toThrow(/as typed, in the Basic header/);
  });

  it('reserved characters, server that does NOT decode: "encoded" is refused with advice naming "as typed"; "as typed" and client_secret_post sign in', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig, { clientSecret: RESERVED_SECRET }, { clientSecret: RESERVED_SECRET });
    const refused = await d.signIn();
    expect(refused.error?.code).toBe('CLIENT_SECRET_REJECTED');
    expect(refused.error?.hint).toContain('"Basic header, as typed (like curl -u)"');
    await d.update({ clientAuth: 'client_secret_basic_unencoded' });
    expect((await d.signIn()).phase).toBe('signed-in');
    await d.update({ clientAuth: 'client_secret_post' });
    expect((await d.signIn()).phase).toBe('signed-in');
    const post = rig.log.at(-1)!;
    expect(post.authorization).toBeUndefined();
    expect(post.body.client_id).toBe(CLIENT_ID);
  });

  it('credentials with only unreserved characters: invalid_client does not blame the encoding', async () => {
    const { d } = await rigAndDriver(nodeOAuthRig, { clientSecret: 'wrong-secret' });
    const refused = await d.signIn();
    expect(refused.error?.code).toBe('CLIENT_SECRET_REJECTED');
    expect(refused.error?.hint).not.toMatch(/encoded|as typed/);
  });

  describe('the simulator (oidc-provider, which form-decodes Basic) tells the styles apart', () => {
    let sim: Simulator | undefined;
    afterEach(async () => {
      await sim?.close();
      sim = undefined;
    });

    async function simulatorCheck(options: { acceptClientSecretPost?: boolean }, clientAuth?: string): Promise<CredentialCheck> {
      sim ??= await startSimulator({ quiet: true, mode: 'test', entries: 10, ...options });
      const info = sim.info;
      const h = await startHarness({ simulator: { start: async () => info, stop: async () => undefined } });
      closers.push(() => h.close());
      await h.call<EnvironmentSummary>('environments.update', {
        environmentId: 'simulator',
        clientId: RESERVED_CHARS_CLIENT.clientId,
        ...(clientAuth ? { clientAuth } : {}),
      });
      return h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' });
    }

    it('reserved-characters client: as typed (Pleo style, the default) is rejected with advice; encoded is accepted', async () => {
      const typed = await simulatorCheck({});
      expect(typed.outcome).toBe('rejected');
      expect(typed.detail).toMatch(/try the other Basic option/);
      expect((await simulatorCheck({}, 'client_secret_basic')).outcome).toBe('accepted');
    });

    it('client_secret_post is refused by default (Pleo: Basic only) and accepted when the simulator is started with acceptClientSecretPost', async () => {
      expect((await simulatorCheck({}, 'client_secret_post')).outcome).toBe('rejected');
      await sim?.close();
      sim = undefined;
      expect((await simulatorCheck({ acceptClientSecretPost: true }, 'client_secret_post')).outcome).toBe('accepted');
    });
  });
});

describe('defect 2: a refresh response without scope widens the granted scopes', () => {
  it('an omitted scope keeps the scopes of the original grant, even after the environment asks for more', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig, { scopes: ['users:read'] });
    expect((await d.signIn()).phase).toBe('signed-in');
    expect((await d.status()).grantedScopes).toEqual(['users:read']);
    await d.update({ scopes: ['users:read', 'companies:write'] });
    rig.next(editBody((b) => delete b.scope));
    expect((await d.refresh()).ok).toBe(true);
    expect((await d.status()).grantedScopes).toEqual(['users:read']);
  });

  it('a code exchange without scope means the scopes requested at that sign-in, not the list edited later', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig, { scopes: ['users:read'] });
    rig.next(editBody((b) => delete b.scope));
    expect((await d.signIn()).phase).toBe('signed-in');
    await d.update({ scopes: ['users:read', 'companies:write'] });
    expect((await d.status()).grantedScopes).toEqual(['users:read']);
  });
});

describe('defect 3: a permanently refused refresh is retried forever', () => {
  it('invalid_scope on refresh: told once (one notice), not retried, session usable until the access token expires', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig);
    expect((await d.signIn()).phase).toBe('signed-in');
    const refusal: Rewrite = (a) => {
      a.status = 400;
      a.body = { error: 'invalid_scope' };
    };
    refusal.replaces = true;
    rig.next(refusal);
    const refused = await d.refresh();
    expect(!refused.ok && refused.error.code).toBe('AUTH_INVALID_SCOPE');
    expect(!refused.ok && refused.error.hint).toMatch(/will not retry/);
    const again = await d.refresh();
    expect(!again.ok && again.error.code).toBe('AUTH_INVALID_SCOPE');
    expect(rig.log.filter((l) => l.grantType === 'refresh_token')).toHaveLength(1);
    expect(await d.h.api.getAccessToken(d.envId)).toBeTruthy();
    expect(d.h.services.notices().filter((n) => n.code === 'AUTH_INVALID_SCOPE')).toHaveLength(1);
  });
});

describe('defect 4: TOKEN_RESPONSE_INVALID says nothing and logs nothing', () => {
  const checks: Array<[string, RigFactory, Rewrite, RegExp]> = [
    ['missing access_token', mockServerRig, editBody((b) => delete b.access_token), /no access token/],
    [
      'wrong content type',
      nodeOAuthRig,
      (a) => void (a.headers['content-type'] = 'text/html'),
      /not JSON \(its content type was "text\/html"\)/,
    ],
    ['unparsable body', nodeOAuthRig, (a) => void (a.body = '{"access_token": "x", '), /could not be read as JSON/],
  ];
  it.each(checks)('%s: the message and the redacted log name the check', async (_label, factory, rewrite, words) => {
    const { rig, d } = await rigAndDriver(factory);
    rig.next(rewrite);
    const end = await d.signIn();
    expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
    expect(end.error?.message).toMatch(words);
    const logged = d.h.logs.find((r) => r.message === 'sign-in: code exchange failed');
    expect(String((logged?.fields as { check?: unknown } | undefined)?.check)).toMatch(words);
  });

  it('id_token for another client (openid requested): says "aud"', async () => {
    const server = await startMockServer();
    closers.push(() => server.close());
    server.tamperTokens({ aud: 'someone-else' });
    const d = await startDriver(
      { name: 'mock', authorizationEndpoint: server.authorizationEndpoint, tokenEndpoint: server.tokenEndpoint, issuer: server.issuer },
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['openid'] },
    );
    closers.push(d.close);
    const end = await d.signIn();
    expect(end.error?.code).toBe('TOKEN_RESPONSE_INVALID');
    expect(end.error?.message).toMatch(/issued for a different client \(its "aud"/);
  });

  it('an id_token never asked for (no openid) does not fail the sign-in, even with a foreign aud and iss', async () => {
    const server = await startMockServer();
    closers.push(() => server.close());
    server.tamperTokens({ aud: 'someone-else', iss: 'https://elsewhere.example' });
    const d = await startDriver(
      { name: 'mock', authorizationEndpoint: server.authorizationEndpoint, tokenEndpoint: server.tokenEndpoint, issuer: server.issuer },
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: SCOPES },
    );
    closers.push(d.close);
    expect((await d.signIn()).phase).toBe('signed-in');
  });

  it('an issuer typed with a trailing slash matches the id_token iss without one (openid requested)', async () => {
    const server = await startMockServer();
    closers.push(() => server.close());
    const d = await startDriver(
      {
        name: 'mock',
        authorizationEndpoint: server.authorizationEndpoint,
        tokenEndpoint: server.tokenEndpoint,
        issuer: `${server.issuer}/`,
      },
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['openid'] },
    );
    closers.push(d.close);
    expect((await d.signIn()).phase).toBe('signed-in');
  });
});

describe('defect 5: a 401 with WWW-Authenticate loses the server error_description', () => {
  it('invalid_client answered 401 + WWW-Authenticate: Basic realm: the body description is shown (sanitised)', async () => {
    const { d } = await rigAndDriver(nodeOAuthRig, { clientSecret: 'wrong-secret' });
    const end = await d.signIn();
    expect(end.error?.code).toBe('CLIENT_SECRET_REJECTED');
    expect(end.error?.serverText).toBe('Invalid client: client is invalid');
  });

  it('a description inside the challenge itself is shown too, whitespace collapsed', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig);
    const challenge: Rewrite = (a) => {
      a.status = 401;
      a.headers['www-authenticate'] = 'Basic realm="x", error="invalid_client", error_description="secret \t\t expired"';
      a.body = '';
    };
    challenge.replaces = true;
    rig.next(challenge);
    const end = await d.signIn();
    expect(end.error?.code).toBe('CLIENT_SECRET_REJECTED');
    expect(end.error?.serverText).toBe('secret expired');
  });
});

describe('defect 6: a custom private-use redirect scheme is accepted but never registered', () => {
  it('saving another scheme is refused with a clear message that offers paste-back; the default scheme still works', async () => {
    const { d } = await rigAndDriver(nodeOAuthRig);
    const saved = await d.h.handle('environments.update', { environmentId: d.envId, redirectUri: 'com.example.partnerapp:/oauth/cb' });
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error.message).toMatch(/io\.pleo\.partnerdesktop:\/oauth\/callback.*paste the final address back/);
    expect((await d.status()).environmentId).toBe(d.envId);
    expect((await d.update({ redirectUri: REDIRECTS.private })).redirectUri).toBe(REDIRECTS.private);
    expect((await d.signIn('private')).phase).toBe('signed-in');
  });
});
