/**
 * The real sign-in engine against two independent OAuth 2.0 servers from npm (issue 9, "Done
 * means"): @node-oauth/oauth2-server (does not decode Basic credentials, rotates refresh
 * tokens, WWW-Authenticate on 401) and oauth2-mock-server (always sends an id_token, no `iss`,
 * accepts anything). Every behaviour runs against both; the hung endpoint needs a server
 * whose answer can be held back by a gate, so it runs on @node-oauth only.
 * Unverified here: Pleo's real servers (no network) and the OS routing of the private-use
 * scheme (Electron cannot run; the deep link is handed to the engine as main would).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStatus } from '../../src/shared/environments.js';
import { manualClock, type RedirectKind } from '../fixtures/auth/harness.js';
import { gate } from './servers/answer.js';
import { CLIENT_ID, CLIENT_SECRET, editBody, nodeOAuthRig, oauthError, RIGS, SCOPES, type Rig } from './rigs.js';
import { basicUser, startDriver, type Driver, type DriverOptions } from './engine-driver.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function rigAndDriver(
  factory: (typeof RIGS)[number][1],
  options: Partial<DriverOptions> = {},
  rigOptions = {},
): Promise<{ rig: Rig; d: Driver }> {
  const rig = await factory(rigOptions);
  closers.push(rig.close);
  const d = await startDriver(rig.server, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: SCOPES, ...options });
  closers.push(d.close);
  return { rig, d };
}

describe.each(RIGS)('against %s', (_name, factory) => {
  it.each<RedirectKind>(['private', 'loopback', 'paste'])(
    'signs in through the %s callback path, UUID client ID sent as typed',
    async (kind) => {
      const { rig, d } = await rigAndDriver(factory, { redirect: kind });
      const end = await d.signIn();
      expect(end.phase).toBe('signed-in');
      expect(basicUser(rig.log[0]?.authorization)).toBe(CLIENT_ID);
      const status = await d.status();
      expect(status.signedIn).toBe(true);
    },
  );

  it('refresh with rotation stores the new refresh token; without rotation keeps the old one', async () => {
    const { rig, d } = await rigAndDriver(factory);
    expect((await d.signIn()).phase).toBe('signed-in');
    const first = await d.status();
    const rotated = await d.refresh();
    expect(rotated.ok).toBe(true);
    const second = await d.status();
    expect(second.refreshTokenFingerprint).not.toBe(first.refreshTokenFingerprint);
    expect(second.timeline.some((e) => e.kind === 'rotated')).toBe(true);
    rig.setRotate(false);
    expect((await d.refresh()).ok).toBe(true);
    const third = await d.status();
    expect(third.refreshTokenFingerprint).toBe(second.refreshTokenFingerprint);
    // (oauth2-mock-server may mint a byte-identical JWT within the same second, so the timeline tells.)
    expect(third.timeline.at(-1)?.kind).toBe('refreshed');
    // The kept refresh token still works on the server.
    expect((await d.refresh()).ok).toBe(true);
  });

  it('no refresh token: signed in until expiry, then the session ends with a clear reason', async () => {
    const clock = manualClock();
    const { rig, d } = await rigAndDriver(factory, { clock });
    rig.next(editBody((b) => delete b.refresh_token));
    expect((await d.signIn()).phase).toBe('signed-in');
    const status = await d.status();
    expect(status.hasRefreshToken).toBe(false);
    expect(await d.h.api.getAccessToken(d.envId)).toBeTruthy();
    clock.advance(3600_000 + 1);
    await expect(d.h.api.getAccessToken(d.envId)).rejects.toMatchObject({ appError: { code: 'SESSION_ENDED' } });
  });

  it('no expires_in: the token is kept without an expiry and never refreshed on its own', async () => {
    const { rig, d } = await rigAndDriver(factory);
    rig.next(editBody((b) => delete b.expires_in));
    expect((await d.signIn()).phase).toBe('signed-in');
    const status = await d.status();
    expect(status.accessTokenExpiresAt).toBeUndefined();
    await d.h.api.getAccessToken(d.envId);
    expect(rig.log.filter((l) => l.grantType === 'refresh_token')).toHaveLength(0);
  });

  it('lowercase "bearer" token type is accepted', async () => {
    const { rig, d } = await rigAndDriver(factory);
    rig.next(editBody((b) => (b.token_type = 'bearer')));
    expect((await d.signIn()).phase).toBe('signed-in');
  });

  it('iss on the redirect: absent is fine, the configured issuer is fine, with/without a trailing slash is fine, another is refused before any token request', async () => {
    const { rig, d } = await rigAndDriver(factory);
    const issuer = rig.server.issuer;
    rig.setIss(undefined);
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.setIss(issuer);
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.setIss(issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`);
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.setIss('https://evil.example');
    const before = rig.log.length;
    const end = await d.signIn();
    expect(end.phase).toBe('failed');
    expect(end.error?.code).toBe('AUTH_ISSUER_MISMATCH');
    expect(rig.log.length).toBe(before);
  });

  it.each([
    ['invalid_grant', 400, 'CODE_REJECTED'],
    ['invalid_client', 401, 'CLIENT_SECRET_REJECTED'],
    ['unauthorized_client', 400, 'AUTH_CLIENT_NOT_ALLOWED'],
    ['invalid_scope', 400, 'AUTH_INVALID_SCOPE'],
    ['invalid_request', 400, 'AUTH_INVALID_REQUEST'],
    ['unsupported_grant_type', 400, 'AUTH_CLIENT_NOT_ALLOWED'],
    ['server_error', 500, 'AS_UNAVAILABLE'],
    ['temporarily_unavailable', 503, 'AS_UNAVAILABLE'],
    ['slow_down', 429, 'AS_UNAVAILABLE'],
    ['made_up_error', 400, 'AUTH_SERVER_ERROR'],
  ])('code exchange answered %s (HTTP %i) -> %s, with the server text, nothing stored', async (error, status, code) => {
    const { rig, d } = await rigAndDriver(factory);
    rig.next(oauthError(status, error, `said <b>${error}</b>`));
    const end = await d.signIn();
    expect(end.phase).toBe('failed');
    expect(end.error?.code).toBe(code);
    // RFC 6749 §5.2 error bodies are 400/401; a 5xx body is not read (oauth4webapi), only its status.
    if (status < 500) expect(end.error?.serverText).toBe(`said <b>${error}</b>`);
    expect((await d.status()).signedIn).toBe(false);
  });

  it.each([
    ['unauthorized_client', 'AUTH_CLIENT_NOT_ALLOWED'],
    ['invalid_scope', 'AUTH_INVALID_SCOPE'],
    ['invalid_request', 'AUTH_INVALID_REQUEST'],
    ['made_up_error', 'AUTH_SERVER_ERROR'],
  ])('a refresh refused with %s is not retried; the session stays usable until the access token expires', async (error, code) => {
    const clock = manualClock();
    const { rig, d } = await rigAndDriver(factory, { clock });
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.next(oauthError(400, error));
    const refused = await d.refresh();
    expect(!refused.ok && refused.error.code).toBe(code);
    const refreshes = () => rig.log.filter((l) => l.grantType === 'refresh_token').length;
    expect(refreshes()).toBe(1);
    clock.advance(3600_000 - 5_000); // inside the refresh margin: a transient failure would retry now
    expect(await d.h.api.getAccessToken(d.envId)).toBeTruthy();
    expect(refreshes()).toBe(1);
    clock.advance(10_000);
    await expect(d.h.api.getAccessToken(d.envId)).rejects.toMatchObject({ appError: { code } });
    expect(refreshes()).toBe(1);
  });

  it('refresh answered server_error is transient: retried after the back-off', async () => {
    const clock = manualClock();
    const { rig, d } = await rigAndDriver(factory, { clock });
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.next(oauthError(500, 'server_error'));
    const failed = await d.refresh();
    expect(!failed.ok && failed.error.code).toBe('AS_UNAVAILABLE');
    clock.advance(2_000);
    expect((await d.refresh()).ok).toBe(true);
  });

  it('refresh answered invalid_grant ends the session once; the credentials stay', async () => {
    const { rig, d } = await rigAndDriver(factory);
    expect((await d.signIn()).phase).toBe('signed-in');
    rig.next(oauthError(400, 'invalid_grant', 'refresh token revoked'));
    const ended = await d.refresh();
    expect(!ended.ok && ended.error.code).toBe('SESSION_ENDED');
    const status = await d.status();
    expect(status.signedIn).toBe(false);
    expect((await d.signIn()).phase).toBe('signed-in');
  });
});

describe('hung token endpoint (@node-oauth/oauth2-server, held by a gate)', () => {
  it('the exchange ends with AS_TIMEOUT after the request deadline, the flow is over, nothing stored', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig, { tuning: { tokenRequestTimeoutMs: 300 } });
    const held = gate();
    closers.push(async () => held.open());
    rig.next(async () => held.wait);
    const end = await d.signIn();
    expect(end.phase).toBe('failed');
    expect(end.error?.code).toBe('AS_TIMEOUT');
    expect((await d.status()).signedIn).toBe(false);
  });

  it('a hung refresh keeps the session and backs off', async () => {
    const { rig, d } = await rigAndDriver(nodeOAuthRig, { tuning: { tokenRequestTimeoutMs: 300 } });
    expect((await d.signIn()).phase).toBe('signed-in');
    const held = gate();
    closers.push(async () => held.open());
    rig.next(async () => held.wait);
    const failed = await d.refresh();
    expect(!failed.ok && failed.error.code).toBe('AS_TIMEOUT');
    const status: AuthStatus = await d.status();
    expect(status.signedIn).toBe(true);
  });
});
