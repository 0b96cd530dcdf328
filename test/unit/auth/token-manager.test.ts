/**
 * The token manager on its own, with a fake clock, fake timers and a scripted refresh grant
 * (security-test-plan §9: "TokenManager with a fake clock (RF, CC-03…CC-09)").
 * CC-10 (powerMonitor resume) needs Electron; what it relies on (a burst of calls after a
 * long sleep causes one refresh) is tested here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyTokenFailure } from '../../../src/core/oauth/oauth-errors.js';
import { createTokenManager, type SlotRef, type TokenEvent } from '../../../src/core/oauth/token-manager.js';
import type { TokenSet } from '../../../src/core/oauth/token-response.js';
import { createMemorySecretStore, type SecretStore } from '../../../src/core/secrets/secret-store.js';
import { AppFailure } from '../../../src/shared/result.js';
import * as oauth from 'oauth4webapi';

const REF: SlotRef = { environmentId: 'pleo-staging', clientId: 'client-1' };
const ACCOUNT = 'pleo-staging/client-1/tokens';

afterEach(() => {
  vi.useRealTimers();
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function bodyError(error: string, status = 400) {
  return new oauth.ResponseBodyError('server responded with an error in the response body', {
    cause: { error, error_description: 'x' },
    response: new Response(null, { status }),
  });
}

function setup(options: { store?: SecretStore; proactive?: boolean; lifetimeMs?: number } = {}) {
  let now = 1_000_000;
  const clock = { now: () => now };
  const store = options.store ?? createMemorySecretStore();
  const events: TokenEvent[] = [];
  let generation = 0;
  const calls: string[] = [];
  let next: (rt: string) => Promise<TokenSet> = async (rt) => {
    generation++;
    return {
      accessToken: `at-${generation}`,
      refreshToken: `rt-${generation}`,
      receivedAt: now,
      expiresAt: now + (options.lifetimeMs ?? 300_000),
      lifetimeMs: options.lifetimeMs ?? 300_000,
      rotated: rt !== `rt-${generation}`,
    };
  };
  const manager = createTokenManager({
    store,
    clock,
    proactive: options.proactive ?? false,
    refresh: (_ref, rt) => {
      calls.push(rt);
      return next(rt);
    },
    classify: (error) => classifyTokenFailure(error, 'refresh', 'The sign-in service'),
    onEvent: (e) => void events.push(e),
  });
  const initial: TokenSet = {
    accessToken: 'at-0',
    refreshToken: 'rt-0',
    receivedAt: now,
    expiresAt: now + (options.lifetimeMs ?? 300_000),
    lifetimeMs: options.lifetimeMs ?? 300_000,
  };
  return {
    manager,
    store,
    events,
    calls,
    initial,
    advance: (ms: number) => void (now += ms),
    now: () => now,
    setRefresh(fn: (rt: string) => Promise<TokenSet>) {
      next = fn;
    },
    defaultRefresh: (rt: string) => {
      generation++;
      return Promise.resolve<TokenSet>({
        accessToken: `at-${generation}`,
        refreshToken: `rt-${generation}`,
        receivedAt: now,
        expiresAt: now + 300_000,
        lifetimeMs: 300_000,
        rotated: rt !== `rt-${generation}`,
      });
    },
  };
}

describe('token manager', () => {
  it('refreshes ahead of expiry (10 % of the lifetime, at most 60 s), not before', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(300_000 - 30_001);
    expect(await t.manager.getAccessToken(REF)).toBe('at-0');
    t.advance(2);
    expect(await t.manager.getAccessToken(REF)).toBe('at-1');
    expect(t.calls).toEqual(['rt-0']);
  });

  it('CC-03 a refresh storm (25 parallel calls with an expired token) makes exactly one refresh; all get the new token', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    const tokens = await Promise.all(Array.from({ length: 25 }, () => t.manager.getAccessToken(REF)));
    expect(new Set(tokens)).toEqual(new Set(['at-1']));
    expect(t.calls).toEqual(['rt-0']);
  });

  it('CC-04 a storm where the refresh fails with invalid_grant: one call, all 25 fail with SESSION_ENDED, one event', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    t.setRefresh(async () => Promise.reject(bodyError('invalid_grant')));
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => t.manager.getAccessToken(REF)));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as AppFailure).appError.code === 'SESSION_ENDED')).toBe(true);
    expect(t.calls).toHaveLength(1);
    expect(t.events.filter((e) => e.kind === 'session-ended')).toHaveLength(1);
    expect(await t.store.get(ACCOUNT)).toBeNull();
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'SESSION_ENDED' } });
    expect(t.calls).toHaveLength(1);
  });

  it('RF-02 the rotated refresh token is in the keychain before anyone gets the new access token', async () => {
    const order: string[] = [];
    const inner = createMemorySecretStore();
    const store: SecretStore = {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      set: async (a, v) => (order.push(`stored ${JSON.parse(v).refreshToken}`), inner.set(a, v)),
    };
    const t = setup({ store });
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    const token = await t.manager.getAccessToken(REF);
    order.push(`got ${token}`);
    expect(order).toEqual(['stored rt-0', 'stored rt-1', 'got at-1']);
    expect(t.events.find((e) => e.kind === 'refreshed')).toMatchObject({ rotated: true });
  });

  it('RF-04 persisting the rotated token fails: the caller still gets the new token, the old one is never used again', async () => {
    const inner = createMemorySecretStore();
    let failWrites = false;
    const store: SecretStore = {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      set: async (a, v) => {
        if (failWrites) throw new Error('disk full');
        return inner.set(a, v);
      },
    };
    const t = setup({ store });
    await t.manager.install(REF, t.initial);
    failWrites = true;
    t.advance(400_000);
    await expect(t.manager.getAccessToken(REF)).rejects.toThrow('disk full');
    // Without the guarded store a write error surfaces; the engine wraps the keychain in one
    // that falls back to memory instead (see refresh.test.ts RF-04 for the whole path).
    expect(t.calls).toEqual(['rt-0']);
  });

  it('RF-06 5xx / timeout keep the tokens and back off exponentially; a still-valid token keeps working', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(280_000); // inside the refresh margin, not yet expired
    t.setRefresh(async () =>
      Promise.reject(new oauth.OperationProcessingError('unexpected HTTP status code', { cause: new Response(null, { status: 503 }) })),
    );
    expect(await t.manager.getAccessToken(REF)).toBe('at-0');
    expect(t.calls).toHaveLength(1);
    expect(await t.manager.getAccessToken(REF)).toBe('at-0');
    expect(t.calls).toHaveLength(1);
    t.advance(30_000); // now expired; the first 1 s backoff is over, so one more try
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'AS_UNAVAILABLE' } });
    expect(t.calls).toHaveLength(2);
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'AS_UNAVAILABLE' } });
    expect(t.calls).toHaveLength(2); // within the 2 s backoff: no call
    t.advance(2_001);
    t.setRefresh(t.defaultRefresh);
    expect(await t.manager.getAccessToken(REF)).toBe('at-1');
    expect((await t.manager.view(REF)).tokens?.refreshToken).toBe('rt-1');
  });

  it('RF-07 invalid_client on refresh keeps the tokens and stops retrying until the credentials change', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    t.setRefresh(async () => Promise.reject(bodyError('invalid_client', 401)));
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'CLIENT_SECRET_REJECTED' } });
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'CLIENT_SECRET_REJECTED' } });
    expect(t.calls).toHaveLength(1);
    expect((await t.manager.view(REF)).tokens?.refreshToken).toBe('rt-0');
    t.manager.credentialsChanged(REF);
    t.setRefresh(t.defaultRefresh);
    expect(await t.manager.getAccessToken(REF)).toBe('at-1');
  });

  it('RF-08 expires_in: 1 repeatedly: the proactive timer runs at most every 30 s (no tight loop)', async () => {
    vi.useFakeTimers();
    const t = setup({ proactive: true, lifetimeMs: 1000 });
    t.setRefresh(async () => ({
      accessToken: `at-${t.calls.length}`,
      refreshToken: `rt-${t.calls.length}`,
      receivedAt: t.now(),
      expiresAt: t.now() + 1000,
      lifetimeMs: 1000,
    }));
    await t.manager.install(REF, t.initial);
    for (let i = 0; i < 120; i++) {
      t.advance(1000);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(t.calls.length).toBeGreaterThanOrEqual(3);
    expect(t.calls.length).toBeLessThanOrEqual(5);
    t.manager.dispose();
  });

  it.each(['unauthorized_client', 'invalid_scope', 'invalid_request', 'made_up_code'])(
    'permanently refused refresh is retried forever (issue 9 defect 3): %s stops the proactive timer, is reported once, the token stays usable until expiry',
    async (code) => {
      vi.useFakeTimers();
      const t = setup({ proactive: true });
      t.setRefresh(async () => {
        throw bodyError(code);
      });
      await t.manager.install(REF, t.initial);
      // 270 s: the proactive refresh fires once (10 % margin of 300 s, capped at 60 s) and is refused.
      for (let i = 0; i < 27; i++) {
        t.advance(10_000);
        await vi.advanceTimersByTimeAsync(10_000);
      }
      expect(t.calls).toHaveLength(1);
      expect(await t.manager.getAccessToken(REF)).toBe('at-0');
      // Ten more minutes of timers: nothing is retried (the transient path would have retried ~10 times).
      for (let i = 0; i < 60; i++) {
        t.advance(10_000);
        await vi.advanceTimersByTimeAsync(10_000);
      }
      expect(t.calls).toHaveLength(1);
      const failures = t.events.filter((e) => e.kind === 'refresh-failed');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ permanent: true });
      // Past expiry the refusal is the reason, still without a new request.
      await expect(t.manager.getAccessToken(REF)).rejects.toBeInstanceOf(AppFailure);
      expect(t.calls).toHaveLength(1);
      // New credentials lift it.
      t.setRefresh(t.defaultRefresh);
      t.manager.credentialsChanged(REF);
      await vi.advanceTimersByTimeAsync(0);
      expect(await t.manager.getAccessToken(REF)).toMatch(/^at-/);
      t.manager.dispose();
    },
  );

  it('CC-05 sign-out during an in-flight refresh: the late result is discarded, the keychain stays empty (no resurrection)', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    const gate = deferred<TokenSet>();
    t.setRefresh(() => gate.promise);
    const pending = t.manager.getAccessToken(REF);
    await t.manager.clear(REF);
    gate.resolve({
      accessToken: 'late-at',
      refreshToken: 'late-rt',
      receivedAt: t.now(),
      expiresAt: t.now() + 300_000,
      lifetimeMs: 300_000,
      rotated: true,
    });
    await expect(pending).rejects.toMatchObject({ appError: { code: 'NOT_SIGNED_IN' } });
    await t.manager.flush();
    expect(await t.store.get(ACCOUNT)).toBeNull();
    expect((await t.manager.view(REF)).tokens).toBeUndefined();
    expect(t.events.find((e) => e.kind === 'discarded')).toMatchObject({ tokens: { refreshToken: 'late-rt' } });
  });

  it('CC-06 a new sign-in during a slow refresh wins; the late refresh result is discarded', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(400_000);
    const gate = deferred<TokenSet>();
    t.setRefresh(() => gate.promise);
    const pending = t.manager.getAccessToken(REF);
    await t.manager.install(REF, {
      accessToken: 'fresh-at',
      refreshToken: 'fresh-rt',
      receivedAt: t.now(),
      expiresAt: t.now() + 300_000,
      lifetimeMs: 300_000,
    });
    gate.resolve({
      accessToken: 'late-at',
      refreshToken: 'late-rt',
      receivedAt: t.now(),
      expiresAt: t.now() + 300_000,
      lifetimeMs: 300_000,
      rotated: true,
    });
    expect(await pending).toBe('fresh-at');
    await t.manager.flush();
    expect(JSON.parse((await t.store.get(ACCOUNT))!).refreshToken).toBe('fresh-rt');
    expect(await t.manager.getAccessToken(REF)).toBe('fresh-at');
  });

  it('CC-09 the proactive timer firing while a 401 forces a refresh: one refresh in total', async () => {
    vi.useFakeTimers();
    const t = setup({ proactive: true });
    const gate = deferred<TokenSet>();
    t.setRefresh(() => gate.promise);
    await t.manager.install(REF, t.initial);
    t.advance(270_000);
    await vi.advanceTimersByTimeAsync(270_000);
    expect(t.calls).toHaveLength(1);
    const forced = t.manager.getAccessToken(REF, { forceRefresh: true, rejectedAccessToken: 'at-0' });
    gate.resolve({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      receivedAt: t.now(),
      expiresAt: t.now() + 300_000,
      lifetimeMs: 300_000,
      rotated: true,
    });
    expect(await forced).toBe('at-1');
    expect(t.calls).toHaveLength(1);
    t.manager.dispose();
  });

  it('API-15 a 401 for a token that was already replaced just gets the new token, without another refresh', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    await t.manager.refreshNow(REF);
    expect(await t.manager.getAccessToken(REF, { forceRefresh: true, rejectedAccessToken: 'at-0' })).toBe('at-1');
    expect(t.calls).toHaveLength(1);
  });

  it('CC-10 (logic; powerMonitor needs Electron) after a long sleep, 5 queued calls cause one refresh', async () => {
    const t = setup();
    await t.manager.install(REF, t.initial);
    t.advance(8 * 3600_000);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => t.manager.getAccessToken(REF)));
    expect(new Set(tokens).size).toBe(1);
    expect(t.calls).toHaveLength(1);
  });

  it('ST-05 a damaged keychain entry counts as "not signed in"', async () => {
    const store = createMemorySecretStore();
    await store.set(ACCOUNT, '{"v":1,"accessToken":42}');
    const t = setup({ store });
    await expect(t.manager.getAccessToken(REF)).rejects.toMatchObject({ appError: { code: 'NOT_SIGNED_IN' } });
  });

  it('a refresh with no refresh token is refused plainly', async () => {
    const t = setup();
    await t.manager.install(REF, { ...t.initial, refreshToken: undefined } as TokenSet);
    await expect(t.manager.refreshNow(REF)).rejects.toBeInstanceOf(AppFailure);
    await expect(t.manager.refreshNow(REF)).rejects.toMatchObject({ appError: { code: 'REFRESH_FAILED' } });
  });
});
