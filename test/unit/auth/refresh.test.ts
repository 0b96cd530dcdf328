/**
 * Refresh and concurrency through the whole engine and the fake AS, which rotates refresh
 * tokens and revokes the family on reuse (security-test-plan §7.4 RF-01..RF-09, §7.9 CC).
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../../src/core/secrets/secret-store.js';
import type { AuthStatus, EnvironmentSummary, FlowProgress } from '../../../src/shared/environments.js';
import { manualClock, startHarness, type Harness, type HarnessOptions } from '../../fixtures/auth/harness.js';
import { createGate, deferred } from '../../fixtures/gate.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
async function signedIn(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  expect((await h.signIn()).phase).toBe('signed-in');
  return h;
}
const account = (h: Harness) => `simulator/${encodeURIComponent(h.fake.info.clients[0]!.clientId)}/tokens`;
const stored = async (h: Harness) => {
  const raw = await h.secretStore.get(account(h));
  return raw ? (JSON.parse(raw) as { accessToken: string; refreshToken?: string }) : null;
};
const noticeCodes = (h: Harness) => h.events.filter((e) => e.event === 'app.notice').map((e) => (e.payload as { code?: string }).code);

describe('refresh (RF)', () => {
  it.each(['invalid_grant', 'invalid_refresh_token'])(
    'RF-01 %s on refresh: tokens wiped, credentials and settings kept, one "session ended", no loop',
    async (deadError) => {
      const clock = manualClock();
      const h = await signedIn({ clock, fakeAs: { deadRefreshError: deadError } });
      const before = (await h.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find(
        (e) => e.id === 'simulator',
      )!;
      h.fake.tokenFaults.push({ grantType: 'refresh_token', status: 400, body: { error: deadError } });
      clock.advance(400_000);
      const calls = await Promise.allSettled([h.api.getAccessToken(), h.api.getAccessToken(), h.api.getAccessToken()]);
      for (const c of calls)
        expect(c.status === 'rejected' && (c.reason as { appError: { code: string } }).appError.code).toBe('SESSION_ENDED');
      expect(h.fake.stats.tokenRequests).toBe(2);
      expect(await stored(h)).toBeNull();
      expect(noticeCodes(h).filter((c) => c === 'SESSION_ENDED')).toHaveLength(1);
      await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'SESSION_ENDED' } });
      expect(h.fake.stats.tokenRequests).toBe(2);
      const after = (await h.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find(
        (e) => e.id === 'simulator',
      )!;
      expect(after.clientId).toBe(before.clientId);
      expect(after.hasClientSecret).toBe(true);
      const status = await h.call<AuthStatus>('auth.status', {});
      expect(status.signedIn).toBe(false);
      expect(status.timeline.map((t) => t.kind)).toContain('expired');
      expect((await h.signIn()).phase).toBe('signed-in');
    },
  );

  it('RF-02 50 refreshes with rotation: each new refresh token is stored, the AS never sees an old one (reuse = 0)', async () => {
    const h = await signedIn();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const before = (await stored(h))!.refreshToken!;
      await h.call<AuthStatus>('auth.refresh', {});
      const after = (await stored(h))!.refreshToken!;
      expect(after).not.toBe(before);
      expect(seen.has(after)).toBe(false);
      seen.add(after);
    }
    expect(h.fake.stats.refreshes).toBe(50);
    expect(h.fake.stats.reuseDetected).toBe(0);
    const evidence: string[] = [];
    h.api.onEvidence((e) => evidence.push(`${e.kind}:${e.details.rotated}`));
    await h.call('auth.refresh', {});
    expect(evidence).toEqual(['refreshed:true']);
  });

  it('RF-03 no new refresh token in the response: the old one is kept and works next time', async () => {
    const h = await signedIn({ fakeAs: { rotateRefreshTokens: false } });
    const before = (await stored(h))!;
    await h.call('auth.refresh', {});
    const after = (await stored(h))!;
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    await h.call('auth.refresh', {});
    expect(h.fake.stats.refreshes).toBe(2);
    expect((await h.call<AuthStatus>('auth.status', {})).timeline.map((t) => t.kind)).toContain('refreshed');
  });

  it('RF-04 saving the rotated token fails: kept in memory, a warning, the old token is never used again', async () => {
    const inner = createMemorySecretStore();
    let failWrites = false;
    const keychain: SecretStore = {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      set: async (a, v) => {
        if (failWrites) throw new Error('Failed to write item');
        return inner.set(a, v);
      },
    };
    const h = await signedIn({ secretStore: keychain });
    const oldRefresh = JSON.parse((await inner.get(account(h)))!).refreshToken;
    failWrites = true;
    await h.call('auth.refresh', {});
    expect(noticeCodes(h)).toContain('KEYCHAIN_UNAVAILABLE');
    expect(JSON.parse((await inner.get(account(h)))!).refreshToken).toBe(oldRefresh);
    await h.call('auth.refresh', {});
    await h.call('auth.refresh', {});
    expect(h.fake.stats.reuseDetected).toBe(0);
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(true);
  });

  it('RF-05 crash between rotation and saving: the next start sends the old token, gets invalid_grant, and ends cleanly (RF-01 path)', async () => {
    const inner = createMemorySecretStore();
    let hangWrites = false;
    const writeHung = deferred();
    const keychain: SecretStore = {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      set: (a, v) => {
        if (!hangWrites) return inner.set(a, v);
        writeHung.resolve();
        return new Promise<void>(() => undefined);
      },
    };
    const first = await startHarness({ secretStore: keychain, tuning: { keychainTimeoutMs: 60_000 } });
    expect((await first.signIn()).phase).toBe('signed-in');
    hangWrites = true;
    void first.api.refresh().catch(() => undefined);
    await writeHung.promise; // the rotated token reached the keychain write, which never lands
    expect(first.fake.stats.refreshes).toBe(1); // the AS rotated; the app "dies" before saving
    // The "crash": the first app is abandoned, never disposed, its keychain write never lands.
    const settingsDir = first.settingsDir;

    const clock = manualClock(Date.now() + 400_000);
    const second = await startHarness({ fake: first.fake, settingsDir, secretStore: inner, clock });
    harnesses.push(second);
    await expect(second.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'SESSION_ENDED' } });
    expect(second.fake.stats.reuseDetected).toBe(1);
    expect(await inner.get(account(second))).toBeNull();
    expect(
      (await second.call<{ environments: EnvironmentSummary[] }>('environments.list')).environments.find((e) => e.id === 'simulator')!
        .hasClientSecret,
    ).toBe(true);
    expect((await second.signIn()).phase).toBe('signed-in');
    await second.close({ keepSettings: true });
    harnesses.splice(harnesses.indexOf(second), 1);
    rmSync(settingsDir, { recursive: true, force: true });
    await first.fake.close();
  });

  it('RF-06 a 503 or a hang during refresh: tokens kept, "temporarily unavailable", not signed out; later recovery', async () => {
    const clock = manualClock();
    const h = await signedIn({ clock, tuning: { tokenRequestTimeoutMs: 200 } });
    const before = (await stored(h))!;
    for (const fault of [{ status: 503, body: '' }, { hang: true }]) {
      h.fake.tokenFaults.push({ grantType: 'refresh_token', ...fault });
      clock.advance(400_000);
      await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: fault.hang ? 'AS_TIMEOUT' : 'AS_UNAVAILABLE' } });
      expect((await stored(h))!.refreshToken).toBe(before.refreshToken);
      expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(true);
      clock.advance(120_000);
    }
    const token = await h.api.getAccessToken();
    expect(token).not.toBe(before.accessToken);
    expect(h.fake.stats.reuseDetected).toBe(0);
  });

  it('RF-07 invalid_client on refresh: "re-enter the secret" notice, tokens kept, no loop; a new secret unblocks it', async () => {
    const clock = manualClock();
    const h = await signedIn({ clock });
    h.fake.tokenFaults.push({
      grantType: 'refresh_token',
      status: 401,
      body: { error: 'invalid_client' },
      headers: { 'www-authenticate': 'Basic realm="x"' },
    });
    clock.advance(400_000);
    await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'CLIENT_SECRET_REJECTED' } });
    await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'CLIENT_SECRET_REJECTED' } });
    expect(h.fake.stats.refreshes).toBe(0);
    expect(h.fake.stats.tokenRequests).toBe(2);
    expect(noticeCodes(h)).toContain('CLIENT_SECRET_REJECTED');
    expect(await stored(h)).not.toBeNull();
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: h.fake.info.clients[0]!.clientSecret });
    expect(await h.api.getAccessToken()).toMatch(/^CANARY-AT-/);
  });

  it('RF-09 offline then online: connection failures keep the session, it recovers without user action', async () => {
    const clock = manualClock();
    const h = await signedIn({ clock });
    h.fake.tokenFaults.push({ grantType: 'refresh_token', destroy: true, count: 2 });
    clock.advance(400_000);
    await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'AS_UNAVAILABLE' } });
    clock.advance(1_500);
    await expect(h.api.getAccessToken()).rejects.toMatchObject({ appError: { code: 'AS_UNAVAILABLE' } });
    clock.advance(2_500);
    expect(await h.api.getAccessToken()).toMatch(/^CANARY-AT-/);
    expect(h.fake.stats.reuseDetected).toBe(0);
  });
});

describe('concurrency through the engine (CC)', () => {
  it('CC-01 two quick sign-ins: the first is superseded, its callback rejected; one pending flow', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const [a, b] = await Promise.allSettled([h.startSignIn(), h.startSignIn()]);
    const started = [a, b]
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ progress: FlowProgress; authorizeUrl: string }>).value);
    expect(started.length).toBeGreaterThanOrEqual(1);
    const first = await h.startSignIn();
    const second = await h.startSignIn();
    const late = await h.api.handleDeepLink(await h.fake.approve(first.authorizeUrl));
    expect(late.status).toBe('ignored');
    expect(h.fake.stats.tokenRequests).toBe(0);
    await h.deliver(await h.fake.approve(second.authorizeUrl), 'private');
    expect((await h.api.waitForSignIn(second.progress.flowId)).phase).toBe('signed-in');
  });

  it('CC-02 (logic; the single-instance lock is Electron) a second instance hands its argv over and only the first instance handles it', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const { progress, authorizeUrl } = await h.startSignIn();
    const location = await h.fake.approve(authorizeUrl);
    const [first, second] = await Promise.all([
      h.api.handleArgv(['/opt/pleo', '--', location]),
      h.api.handleArgv(['/opt/pleo', '--', location]),
    ]);
    expect([first?.status, second?.status].sort()).toEqual(['accepted', 'ignored']);
    expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
    expect(h.fake.stats.codeExchanges).toBe(1);
  });

  it('CC-03 refresh storm through the engine: 25 parallel calls, one /token refresh, reuse 0', async () => {
    const clock = manualClock();
    const h = await signedIn({ clock });
    clock.advance(400_000);
    const tokens = await Promise.all(Array.from({ length: 25 }, () => h.api.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.fake.stats.refreshes).toBe(1);
    expect(h.fake.stats.reuseDetected).toBe(0);
  });

  it('CC-05 sign-out during a slow refresh: the result is discarded (and revoked), the keychain holds no tokens', async () => {
    const h = await signedIn();
    const gate = createGate();
    h.fake.tokenFaults.push({ grantType: 'refresh_token', gate });
    const refresh = h.handle('auth.refresh', {});
    await gate.arrived;
    const out = await h.call<AuthStatus>('auth.signOut', {});
    expect(out.signedIn).toBe(false);
    gate.release();
    expect((await refresh).ok).toBe(false);
    // The discarded result is revoked in the background: wait for that, not for a fixed time.
    await vi.waitFor(() => expect(h.fake.activeTokens()).toBe(0), { timeout: 20_000 });
    expect(await stored(h)).toBeNull();
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(false);
    expect(h.fake.activeTokens()).toBe(0);
  });

  it('CC-06 a new sign-in during a slow refresh: the new sign-in tokens win', async () => {
    const h = await signedIn();
    const gate = createGate();
    h.fake.tokenFaults.push({ grantType: 'refresh_token', gate });
    const refresh = h.api.refresh();
    await gate.arrived;
    expect((await h.signIn()).phase).toBe('signed-in');
    const afterSignIn = (await stored(h))!;
    gate.release();
    await refresh.catch(() => undefined);
    expect((await stored(h))!.refreshToken).toBe(afterSignIn.refreshToken);
    expect(await h.api.getAccessToken()).toBe(afterSignIn.accessToken);
  });

  it('CC-07 a second valid-looking callback while the exchange is pending is ignored: one token call', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const gate = createGate();
    h.fake.tokenFaults.push({ grantType: 'authorization_code', gate, patch: {} });
    const { progress, authorizeUrl } = await h.startSignIn();
    const location = await h.fake.approve(authorizeUrl);
    const first = h.api.handleDeepLink(location);
    await gate.arrived;
    expect((await h.api.handleDeepLink(location)).status).toBe('ignored');
    gate.release();
    expect((await first).status).toBe('accepted');
    expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
    expect(h.fake.stats.codeExchanges).toBe(1);
  });

  it('CC-08 quitting while the exchange or a refresh is pending: clean exit, the keychain holds a whole token set or none', async () => {
    const h = await startHarness();
    const exchange = createGate();
    h.fake.tokenFaults.push({ grantType: 'authorization_code', gate: exchange, patch: {} });
    const { authorizeUrl } = await h.startSignIn();
    void h.api.handleDeepLink(await h.fake.approve(authorizeUrl));
    await exchange.arrived;
    const disposed = h.feature.dispose(); // quitting starts while the token call is held
    exchange.release();
    await disposed;
    const raw = await h.secretStore.get(account(h));
    expect(raw).toBeNull();
    await h.close();

    const g = await signedIn();
    const refresh = createGate();
    g.fake.tokenFaults.push({ grantType: 'refresh_token', gate: refresh });
    void g.api.refresh().catch(() => undefined);
    await refresh.arrived;
    const stopped = g.feature.dispose(); // quitting starts while the token call is held
    refresh.release();
    await stopped;
    const set = await stored(g);
    expect(set?.accessToken).toMatch(/^CANARY-AT-/);
    expect(set?.refreshToken).toMatch(/^CANARY-RT-/);
  });
});
