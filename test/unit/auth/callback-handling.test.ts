/**
 * Callback handling (security-test-plan §7.2, CB-01..CB-31) through the real engine and IPC
 * dispatch, against the scriptable fake AS. "No token call" is asserted on the fake AS's own
 * counter. CB-24 (Windows registry) and CB-30 (macOS open-url / cold start) need Electron and
 * the OS; here the logic they rely on is tested (see deep-link.test.ts for the argv parts).
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackOutcome } from '../../../src/core/auth/auth-api.js';
import type { AuthStatus, FlowProgress } from '../../../src/shared/environments.js';
import type { Result } from '../../../src/shared/result.js';
import { manualClock, startHarness, type Harness, type HarnessOptions, type RedirectKind } from '../../fixtures/auth/harness.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

interface Pending {
  progress: FlowProgress;
  authorizeUrl: string;
  state: string;
  redirectUri: string;
  /** Builds a callback on the flow's redirect URI with the given raw query (plus the AS's iss unless given). */
  callback(query: string): string;
}
async function pending(h: Harness, payload: Record<string, unknown> = {}): Promise<Pending> {
  const { progress, authorizeUrl } = await h.startSignIn(payload);
  const q = new URL(authorizeUrl).searchParams;
  const redirectUri = q.get('redirect_uri')!;
  const iss = `iss=${encodeURIComponent(h.fake.issuer)}`;
  return {
    progress,
    authorizeUrl,
    state: q.get('state')!,
    redirectUri,
    callback: (query) => `${redirectUri}?${query}${/(^|&)iss=/.test(query) ? '' : `&${iss}`}`,
  };
}
const tokenCalls = (h: Harness) => h.fake.stats.tokenRequests;
const errorOf = (r: unknown) => ((r as Result<unknown>).ok === false ? (r as { error: { code: string } }).error.code : undefined);
const lastProgress = (h: Harness, flowId: string) =>
  h.events
    .filter((e) => e.event === 'auth.flowProgress' && (e.payload as FlowProgress).flowId === flowId)
    .map((e) => e.payload as FlowProgress)
    .at(-1)!;
const notices = (h: Harness) =>
  h.events.filter((e) => e.event === 'app.notice').map((e) => e.payload as { code?: string; level: string; message: string });

async function expectRetryWorks(h: Harness, kind: RedirectKind = 'private') {
  const p = await h.signIn(kind);
  expect(p.phase).toBe('signed-in');
}

describe('state (CB-01..CB-06, CB-11, CB-21, CB-22)', () => {
  it('CB-01 FORGED-DEEP-LINK (issue 11 point 6): a wrong state by deep link is ignored without a token call; the sign-in keeps waiting and completes', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ state: 'not-the-state-we-sent-0123456789' });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.status).toBe('ignored');
    expect(outcome.error?.code).toBe('AUTH_STATE_MISMATCH');
    expect(outcome.error?.message).toMatch(/did not match/);
    expect(tokenCalls(h)).toBe(0);
    expect(lastProgress(h, p.progress.flowId).phase).toBe('waiting-for-callback');
    expect(notices(h).some((n) => n.code === 'AUTH_STATE_MISMATCH')).toBe(true);
    // The genuine callback of the same, still pending, sign-in works.
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
  });

  it('CB-01 wrong state via paste-back: refused with an error, no token call; the sign-in keeps waiting', async () => {
    const h = await harness({ redirect: 'paste' });
    h.fake.authorizeBehaviour.push({ state: 'forged-state-value-0123456789' });
    const p = await pending(h);
    const result = await h.deliver(await h.fake.approve(p.authorizeUrl), 'paste');
    expect(errorOf(result)).toBe('AUTH_STATE_MISMATCH');
    expect(tokenCalls(h)).toBe(0);
    await expectRetryWorks(h, 'paste');
  });

  it('CB-01 CB-26 wrong state on the loopback port: answered 400, flow keeps waiting, no token call', async () => {
    const h = await harness({ redirect: 'loopback' });
    h.fake.authorizeBehaviour.push({ state: 'forged-state-value-0123456789' });
    const p = await pending(h);
    const answer = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'loopback')) as { status: number; body: string };
    expect(answer.status).toBe(400);
    expect(tokenCalls(h)).toBe(0);
    expect(lastProgress(h, p.progress.flowId)).toMatchObject({ phase: 'waiting-for-callback', error: { code: 'AUTH_STATE_MISMATCH' } });
    // The genuine callback still works.
    await h.deliver(p.callback(`code=${encodeURIComponent('x')}&state=${p.state}`), 'loopback');
    expect((await h.api.waitForSignIn(p.progress.flowId)).error?.code).toBe('CODE_REJECTED');
  });

  it('CB-02 missing state is rejected without a token call', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ state: null });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error?.code).toBe('AUTH_STATE_MISMATCH');
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-03 forged callback with no pending flow: ignored, non-alarming notice, no token call, no state change', async () => {
    const h = await harness();
    const outcome = await h.api.handleDeepLink('io.pleo.partnerdesktop:/oauth/callback?code=X&state=Y');
    expect(outcome.status).toBe('ignored');
    expect(outcome.error?.code).toBe('NO_PENDING_FLOW');
    expect(notices(h).at(-1)).toMatchObject({ level: 'info', code: 'NO_PENDING_FLOW' });
    expect(tokenCalls(h)).toBe(0);
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(false);
    const paste = await h.handle('auth.pasteCallback', { url: 'https://oauth.pstmn.io/v1/callback?code=X&state=Y' });
    expect(errorOf(paste)).toBe('NO_PENDING_FLOW');
  });

  it('CB-04 a replayed callback after success is ignored: no second token call, still signed in', async () => {
    const h = await harness();
    const p = await pending(h);
    const location = await h.fake.approve(p.authorizeUrl);
    await h.deliver(location, 'private');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
    const calls = tokenCalls(h);
    const replay = (await h.deliver(location, 'private')) as CallbackOutcome;
    expect(replay.status).toBe('ignored');
    expect(tokenCalls(h)).toBe(calls);
    expect(notices(h).filter((n) => n.code === 'NO_PENDING_FLOW')).toHaveLength(0);
    // And while a newer flow is pending, the old callback does not disturb it.
    const next = await pending(h);
    expect(((await h.deliver(location, 'private')) as CallbackOutcome).status).toBe('ignored');
    expect(lastProgress(h, next.progress.flowId).phase).toBe('waiting-for-callback');
    expect(tokenCalls(h)).toBe(calls);
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(true);
  });

  it('CB-05 duplicate near-simultaneous delivery: exactly one token call, one success', async () => {
    for (const kind of ['private', 'loopback'] as const) {
      const h = await harness({ redirect: kind });
      const p = await pending(h);
      const location = await h.fake.approve(p.authorizeUrl);
      const outcomes = await Promise.all([h.deliver(location, kind), h.deliver(location, kind)]);
      expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
      expect(h.fake.stats.codeExchanges).toBe(1);
      if (kind === 'private') expect((outcomes as CallbackOutcome[]).map((o) => o.status).sort()).toEqual(['accepted', 'ignored']);
    }
  });

  it('CB-06 late callback after Cancel: "cancelled — start again", no token call, loopback port already closed', async () => {
    const h = await harness({ redirect: 'loopback' });
    const p = await pending(h);
    const port = Number(new URL(p.redirectUri).port);
    expect(await h.call('auth.cancel')).toEqual({ cancelled: true });
    expect(lastProgress(h, p.progress.flowId)).toMatchObject({ phase: 'cancelled', error: { code: 'FLOW_CANCELLED' } });
    await expect(connect(port)).rejects.toThrow(/ECONNREFUSED/);
    const location = await h.fake.approve(p.authorizeUrl);
    const viaScheme = await h.api.handleDeepLink(location.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'io.pleo.partnerdesktop:'));
    expect(viaScheme.status).toBe('ignored');
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-06 late callback after the flow timeout (injected clock): FLOW_EXPIRED, no token call', async () => {
    const clock = manualClock();
    const h = await harness({ clock, tuning: { flowTimeoutMs: 60_000 } });
    const p = await pending(h);
    const location = await h.fake.approve(p.authorizeUrl);
    clock.advance(61_000);
    const outcome = await h.api.handleDeepLink(location);
    expect(outcome.status).toBe('ignored');
    expect(outcome.error?.code).toBe('FLOW_EXPIRED');
    expect(lastProgress(h, p.progress.flowId)).toMatchObject({ phase: 'failed', error: { code: 'FLOW_EXPIRED' } });
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-06 the real timer ends a flow nobody answers', async () => {
    const h = await harness({ redirect: 'loopback', tuning: { flowTimeoutMs: 150 } });
    const p = await pending(h);
    const end = await h.api.waitForSignIn(p.progress.flowId);
    expect(end.error?.code).toBe('FLOW_EXPIRED');
    await expect(connect(Number(new URL(p.redirectUri).port))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('CB-11 an error response with a missing or foreign state is unsolicited: ignored, the flow keeps waiting', async () => {
    const h = await harness();
    const p = await pending(h);
    for (const query of ['error=access_denied', 'error=access_denied&state=someone-elses-state-123456']) {
      const outcome = await h.api.handleDeepLink(p.callback(query));
      expect(outcome.status).toBe('ignored');
    }
    expect(lastProgress(h, p.progress.flowId).phase).toBe('waiting-for-callback');
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
    expect(tokenCalls(h)).toBe(1);
  });

  it('CB-21 malformed encodings in state never match and never crash (deep link and loopback)', async () => {
    const h = await harness({ redirect: 'loopback' });
    const p = await pending(h);
    for (const bad of ['%', '%ZZ', '%C3%28', '%00', '%0d%0aSet-Cookie:%20x=1', '%ED%A0%80', `${p.state}%0d%0a`]) {
      const answer = (await h.deliver(p.callback(`code=abc&state=${bad}`), 'loopback')) as { status: number; headers: Headers };
      expect(answer.status).toBe(400);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(tokenCalls(h)).toBe(0);
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'loopback');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
    const d = await harness();
    const q = await pending(d);
    const outcome = await d.api.handleDeepLink(q.callback('code=abc&state=%ED%A0%80'));
    expect(outcome.error?.code).toBe('AUTH_STATE_MISMATCH');
    expect(tokenCalls(d)).toBe(0);
  });

  it('CB-22 Unicode look-alikes of the state are rejected (byte-exact compare)', async () => {
    const h = await harness({ redirect: 'loopback' });
    const p = await pending(h);
    const variants = [
      p.state.normalize('NFD') + '\u0301',
      p.state.replace(/[0-9]/, (d) => String.fromCharCode(0xff10 + Number(d))),
      `${p.state.slice(0, 5)}\u200d${p.state.slice(5)}`,
      p.state.toUpperCase() === p.state ? p.state.toLowerCase() : p.state.toUpperCase(),
    ].filter((v) => v !== p.state);
    expect(variants.length).toBeGreaterThanOrEqual(3);
    for (const v of variants) {
      const answer = (await h.deliver(p.callback(`code=abc&state=${encodeURIComponent(v)}`), 'loopback')) as { status: number };
      expect(answer.status).toBe(400);
    }
    expect(tokenCalls(h)).toBe(0);
  });
});

describe('response contents (CB-07..CB-10, CB-12..CB-19, CB-31)', () => {
  it('CB-07 missing code with a valid state: clear error, no token call, flow closed', async () => {
    const h = await harness();
    const p = await pending(h);
    const outcome = await h.api.handleDeepLink(p.callback(`state=${p.state}`));
    expect(outcome).toMatchObject({ status: 'rejected', error: { code: 'AUTH_MALFORMED_CALLBACK' } });
    expect(tokenCalls(h)).toBe(0);
    expect(lastProgress(h, p.progress.flowId).phase).toBe('failed');
  });

  it('CB-08 empty or odd codes: empty and blank refused; %00 passed verbatim (and refused by the AS); 10 KB never crashes', async () => {
    const h = await harness();
    for (const code of ['', '%20']) {
      const p = await pending(h);
      const outcome = await h.api.handleDeepLink(p.callback(`code=${code}&state=${p.state}`));
      expect(outcome.error?.code).toBe('AUTH_MALFORMED_CALLBACK');
    }
    expect(tokenCalls(h)).toBe(0);
    const odd = await pending(h);
    const oddOutcome = await h.api.handleDeepLink(odd.callback(`code=%00abc&state=${odd.state}`));
    expect(oddOutcome.progress?.error?.code).toBe('CODE_REJECTED');
    const long = await pending(h);
    const longOutcome = await h.api.handleDeepLink(long.callback(`code=${'a'.repeat(10 * 1024)}&state=${long.state}`));
    expect(longOutcome.status).toBe('ignored');
    expect(tokenCalls(h)).toBe(1);
    expect(JSON.stringify(h.logs)).not.toContain('a'.repeat(100));
    // The flow survived the oversized delivery.
    await h.deliver(await h.fake.approve(long.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(long.progress.flowId)).phase).toBe('signed-in');
  });

  it('CB-09 access_denied: "declined in the browser", no token call, an existing sign-in untouched', async () => {
    const h = await harness();
    await expectRetryWorks(h);
    const before = await h.call<AuthStatus>('auth.status', {});
    h.fake.authorizeBehaviour.push({ error: 'access_denied' });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error).toMatchObject({ code: 'AUTH_DENIED' });
    expect(outcome.error?.message).toMatch(/declined in the browser/);
    expect(tokenCalls(h)).toBe(1);
    const after = await h.call<AuthStatus>('auth.status', {});
    expect(after.signedIn).toBe(true);
    expect(after.accessTokenFingerprint).toBe(before.accessTokenFingerprint);
  });

  it('CB-10 a hostile error_description is passed as plain text, truncated and without bidi controls (rendering escapes it: see test/unit/onboarding and the e2e)', async () => {
    const h = await harness();
    // 100 KB would not fit in a redirect header; the sanitiser itself is tested with 100 KB in server-text.test.ts.
    const hostile = `<img src=x onerror=alert(1)>\u202Egnp.exe 😀 ${'A'.repeat(4 * 1024)}`;
    h.fake.authorizeBehaviour.push({ error: 'access_denied', errorDescription: hostile });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    const text = outcome.error!.serverText!;
    expect(text).toContain('<img src=x');
    expect(text).not.toContain('\u202E');
    expect(text).toContain('😀');
    expect(Array.from(text).length).toBeLessThanOrEqual(300);
  });

  it.each([
    ['server_error', 'AUTH_SERVER_ERROR'],
    ['temporarily_unavailable', 'AUTH_SERVER_ERROR'],
    ['invalid_scope', 'AUTH_INVALID_SCOPE'],
    ['unauthorized_client', 'AUTH_CLIENT_NOT_ALLOWED'],
    ['invalid_request', 'AUTH_INVALID_REQUEST'],
    ['foo_error', 'AUTH_SERVER_ERROR'],
  ])('CB-12 %s -> %s, no token call', async (error, code) => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ error });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error?.code).toBe(code);
    expect(outcome.error?.hint).toBeTruthy();
    if (error === 'foo_error') expect(outcome.error?.message).toContain('foo_error');
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-13 both code and error: treated as the error, never exchanged', async () => {
    const h = await harness();
    const p = await pending(h);
    const outcome = await h.api.handleDeepLink(
      p.callback(`code=X&error=access_denied&state=${p.state}&iss=${encodeURIComponent(h.fake.issuer)}`),
    );
    expect(outcome.error?.code).toBe('AUTH_DENIED');
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-14 extra unknown parameters are ignored and the flow succeeds', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({
      extra: [
        ['foo', 'bar'],
        ['session_state', 'abc.def'],
      ],
    });
    const p = await pending(h);
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
  });

  it('CB-15 duplicated parameters are rejected without a token call', async () => {
    const h = await harness();
    const iss = encodeURIComponent(h.fake.issuer);
    const make = (s: string) => [
      `code=a&state=${s}&state=${s}&iss=${iss}`,
      `code=a&code=b&state=${s}&iss=${iss}`,
      `code=a&state=${s}&iss=${iss}&iss=${iss}`,
    ];
    for (let i = 0; i < 3; i++) {
      const p = await pending(h);
      const outcome = await h.api.handleDeepLink(p.callback(make(p.state)[i]!));
      expect(outcome.error?.code).toBe('AUTH_MALFORMED_CALLBACK');
    }
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-16 implicit/hybrid artefacts in the callback are rejected; nothing stored', async () => {
    const h = await harness();
    for (const artefact of ['access_token=AT', 'id_token=x.y.z', 'token_type=Bearer', 'token=T']) {
      h.fake.authorizeBehaviour.push({ extra: [[artefact.split('=')[0]!, artefact.split('=')[1]!]] });
      const p = await pending(h);
      const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
      expect(outcome.error?.code).toBe('AUTH_MALFORMED_CALLBACK');
    }
    expect(tokenCalls(h)).toBe(0);
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(false);
  });

  it('CB-17 a response in the fragment is not accepted', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ fragment: true });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error?.code).toBe('AUTH_MALFORMED_CALLBACK');
    expect(outcome.error?.message).toMatch(/unexpected form/);
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-18 iss mismatch: rejected, the message names the received issuer, no token call', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ iss: 'https://other.example' });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error?.code).toBe('AUTH_ISSUER_MISMATCH');
    expect(outcome.error?.message).toContain('https://other.example');
    expect(tokenCalls(h)).toBe(0);
  });

  it('CB-19 missing iss: rejected where the server is known to send it (simulator), accepted where not (Pleo-like custom), still checked when present', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ iss: null });
    const p = await pending(h);
    const outcome = (await h.deliver(await h.fake.approve(p.authorizeUrl), 'private')) as CallbackOutcome;
    expect(outcome.error?.code).toBe('AUTH_ISSUER_MISMATCH');
    expect(tokenCalls(h)).toBe(0);

    const custom = await h.call<{ id: string }>('environments.addCustom', {
      name: 'Pleo-like',
      authorizationEndpoint: `${h.fake.origin}/authorize`,
      tokenEndpoint: `${h.fake.origin}/token`,
      issuer: h.fake.issuer,
      apiBase: h.fake.origin,
    });
    const client = h.fake.info.clients[0]!;
    await h.call('environments.update', { environmentId: custom.id, clientId: client.clientId });
    await h.call('credentials.setClientSecret', { environmentId: custom.id, clientSecret: client.clientSecret });
    h.fake.authorizeBehaviour.push({ iss: null });
    const q = await pending(h, { environmentId: custom.id });
    await h.deliver(await h.fake.approve(q.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(q.progress.flowId)).phase).toBe('signed-in');
    h.fake.authorizeBehaviour.push({ iss: 'https://evil.example' });
    const r = await pending(h, { environmentId: custom.id });
    const mismatch = (await h.deliver(await h.fake.approve(r.authorizeUrl), 'private')) as CallbackOutcome;
    expect(mismatch.error?.code).toBe('AUTH_ISSUER_MISMATCH');
  });

  it('CB-31 code injection: a code issued for another PKCE challenge fails at the token endpoint; nothing stored', async () => {
    const h = await harness();
    h.fake.authorizeBehaviour.push({ foreignCode: true });
    const p = await pending(h);
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'private');
    const end = await h.api.waitForSignIn(p.progress.flowId);
    expect(end.error?.code).toBe('CODE_REJECTED');
    expect(end.error?.message).toMatch(/rejected the sign-in code/);
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(false);
    await expectRetryWorks(h);
  });
});

describe('where callbacks may arrive (CB-20, CB-23, CB-30)', () => {
  it('CB-20 oversized callbacks are dropped before parsing (deep link 2 MB, paste 9 KB) and the flow survives', async () => {
    const h = await harness({ redirect: 'paste' });
    const p = await pending(h);
    const big = await h.api.handleDeepLink(`io.pleo.partnerdesktop:/oauth/callback?code=${'x'.repeat(2 * 1024 * 1024)}`);
    expect(big.status).toBe('ignored');
    const paste = await h.handle('auth.pasteCallback', { url: `${p.redirectUri}?code=${'x'.repeat(9000)}&state=${p.state}` });
    expect(paste.ok).toBe(false);
    expect(lastProgress(h, p.progress.flowId).phase).toBe('waiting-for-callback');
    expect(tokenCalls(h)).toBe(0);
    const tooBigForContract = await h.handle('auth.pasteCallback', { url: 'x'.repeat(9000) });
    expect(errorOf(tooBigForContract)).toBe('INVALID_PAYLOAD');
    await h.deliver(await h.fake.approve(p.authorizeUrl), 'paste');
    expect((await h.api.waitForSignIn(p.progress.flowId)).phase).toBe('signed-in');
  });

  it('CB-23 only the exact registered scheme and path are processed; the scheme is case-insensitive', async () => {
    const h = await harness();
    const p = await pending(h);
    const location = new URL(await h.fake.approve(p.authorizeUrl));
    const query = location.search;
    for (const variant of [
      `io.pleo.partnerdesktop://oauth/callback${query}`,
      `io.pleo.partnerdeskto:/oauth/callback${query}`,
      `io.pleo.partnerdesktop:/other${query}`,
      `io.pleo.partnerdesktop:/oauth/callback/${query}`,
    ]) {
      expect((await h.api.handleDeepLink(variant)).status).toBe('ignored');
    }
    expect(tokenCalls(h)).toBe(0);
    expect(lastProgress(h, p.progress.flowId).phase).toBe('waiting-for-callback');
    const upper = await h.api.handleDeepLink(`IO.PLEO.PARTNERDESKTOP:/oauth/callback${query}`);
    expect(upper.status).toBe('accepted');
    expect(upper.progress?.phase).toBe('signed-in');
  });

  it('CB-23 a paste of another address gets CALLBACK_URL_MISMATCH and the flow keeps waiting; copy noise is tolerated', async () => {
    const h = await harness({ redirect: 'paste' });
    const p = await pending(h);
    const location = await h.fake.approve(p.authorizeUrl);
    const wrong = await h.handle('auth.pasteCallback', { url: location.replace('oauth.pstmn.io', 'oauth.pstmn.io.evil.example') });
    expect(errorOf(wrong)).toBe('CALLBACK_URL_MISMATCH');
    const ok = await h.call<FlowProgress>('auth.pasteCallback', { url: `  "<${location.slice(0, 40)}\n${location.slice(40)}>"  ` });
    expect(ok.phase).toBe('signed-in');
  });

  it('CB-30 cold start (logic; the OS hand-off needs Electron): a callback in argv with no pending flow is ignored with "start again", no token call', async () => {
    const h = await harness();
    const outcome = await h.api.handleArgv([
      '/opt/app/pleo-partner-desktop',
      '--',
      'io.pleo.partnerdesktop:/oauth/callback?code=abc&state=def',
    ]);
    expect(outcome?.status).toBe('ignored');
    expect(notices(h).at(-1)?.message).toMatch(/start the sign-in/i);
    expect(tokenCalls(h)).toBe(0);
    expect(await h.api.handleArgv(['/opt/app/pleo-partner-desktop'])).toBeUndefined();
  });

  it('CB-30 open-url / second-instance delivery (logic): the same URL through handleArgv completes a pending flow', async () => {
    const h = await harness();
    const p = await pending(h);
    const location = await h.fake.approve(p.authorizeUrl);
    const outcome = await h.api.handleArgv(['/opt/app/pleo-partner-desktop', '--', location]);
    expect(outcome?.progress?.phase).toBe('signed-in');
  });
});

function connect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}
