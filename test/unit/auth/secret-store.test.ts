import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuardedSecretStore, classifyKeychainError } from '../../../src/core/secrets/guarded-secret-store.js';
import {
  createKeytarSecretStore,
  DEVELOPMENT_SERVICE_NAME,
  keychainServiceName,
  PACKAGED_SERVICE_NAME,
  type KeytarLike,
} from '../../../src/core/secrets/keytar-secret-store.js';
import { createMemorySecretStore, type SecretStore } from '../../../src/core/secrets/secret-store.js';
import { startHarness, type Harness } from '../../fixtures/auth/harness.js';

/** FakeSecretStore modes of security-test-plan §6.5. */
function fakeKeychain(
  mode: 'ok' | 'no-service' | 'hang' | 'locked-then-unlock' | 'returns-null' | 'garbage' | 'set-throws',
  unlockAfterMs = 0,
): SecretStore & { calls: number } {
  const inner = createMemorySecretStore();
  const started = Date.now();
  const store = {
    calls: 0,
    async get(account: string) {
      store.calls++;
      if (mode === 'no-service') throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
      if (mode === 'hang') return new Promise<string | null>(() => undefined);
      if (mode === 'locked-then-unlock') await new Promise((r) => setTimeout(r, Math.max(0, unlockAfterMs - (Date.now() - started))));
      if (mode === 'returns-null') return null;
      if (mode === 'garbage') return account.endsWith('tokens') ? '\u0000{not json' + 'x'.repeat(100_000) : 'y'.repeat(1_000_000);
      return inner.get(account);
    },
    async set(account: string, value: string) {
      store.calls++;
      if (mode === 'no-service') throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      if (mode === 'hang') return new Promise<void>(() => undefined);
      if (mode === 'set-throws') throw new Error('Failed to write item');
      return inner.set(account, value);
    },
    async delete(account: string) {
      store.calls++;
      if (mode === 'no-service') throw new Error('no secret service');
      if (mode === 'hang') return new Promise<boolean>(() => undefined);
      return inner.delete(account);
    },
  };
  return store;
}

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  vi.useRealTimers();
});

describe('guarded secret store (S-3, S-4)', () => {
  it('classifies keychain errors', () => {
    expect(classifyKeychainError(new Error('Cannot create an item in a locked collection'))).toBe('KEYCHAIN_LOCKED');
    expect(classifyKeychainError(new Error('The name org.freedesktop.secrets was not provided by any .service files'))).toBe(
      'KEYCHAIN_UNAVAILABLE',
    );
  });

  it('ST-01 no secret service: session-only mode, values held in memory, one notice', async () => {
    const notices: string[] = [];
    const store = createGuardedSecretStore(fakeKeychain('no-service'), { onSessionOnly: (p) => notices.push(p) });
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'secret-value');
    expect(await store.get('a')).toBe('secret-value');
    expect(await store.delete('a')).toBe(true);
    expect(await store.get('a')).toBeNull();
    expect(store.sessionOnly()).toBe(true);
    expect(notices).toEqual(['KEYCHAIN_UNAVAILABLE']);
  });

  it('ST-02 a hanging keychain times out (bounded wait) and becomes KEYCHAIN_LOCKED; later calls do not wait again', async () => {
    vi.useFakeTimers();
    const inner = fakeKeychain('hang');
    const store = createGuardedSecretStore(inner, { timeoutMs: 100 });
    const read = store.get('a');
    await vi.advanceTimersByTimeAsync(100); // the bounded wait, on a fake clock
    expect(await read).toBeNull();
    expect(store.problem()).toBe('KEYCHAIN_LOCKED');
    // The fake clock no longer moves: a call that waited for a timer again would never end.
    await store.set('a', 'v');
    expect(await store.get('a')).toBe('v');
    expect(inner.calls).toBe(1);
  });

  it('ST-03 locked, then unlocked within the timeout: no error, no session-only mode', async () => {
    vi.useFakeTimers();
    const store = createGuardedSecretStore(fakeKeychain('locked-then-unlock', 150), { timeoutMs: 1000 });
    await store.set('a', 'v');
    const read = store.get('a');
    await vi.advanceTimersByTimeAsync(150); // unlocked well inside the 1000 ms wait
    expect(await read).toBe('v');
    expect(store.sessionOnly()).toBe(false);
  });

  it('ST-06 a failed write keeps the value in memory and still reads what the keychain already had', async () => {
    const inner = createMemorySecretStore();
    await inner.set('old', 'kept-in-keychain');
    let failWrites = false;
    const store = createGuardedSecretStore({
      get: (a) => inner.get(a),
      set: async (a, v) => {
        if (failWrites) throw new Error('Failed to write item');
        return inner.set(a, v);
      },
      delete: (a) => inner.delete(a),
    });
    failWrites = true;
    await store.set('new', 'memory-only');
    expect(store.sessionOnly()).toBe(true);
    expect(await store.get('new')).toBe('memory-only');
    expect(await store.get('old')).toBe('kept-in-keychain');
    await store.delete('old');
    expect(await store.get('old')).toBeNull();
  });

  it('ST-01 E2 the whole engine keeps working without a keychain: sign-in works, banner notice, nothing written anywhere', async () => {
    const h = await startHarness({ secretStore: fakeKeychain('no-service'), redirect: 'loopback' });
    harnesses.push(h);
    await h.call('environments.list');
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: 'typed-in-secret-123' });
    expect(h.feature.sessionOnly()).toBe(true);
    expect(h.api.sessionOnly()).toBe(true);
    expect(h.events.some((e) => e.event === 'app.notice' && (e.payload as { code: string }).code === 'KEYCHAIN_UNAVAILABLE')).toBe(true);
    h.fake.addClient({
      clientId: h.fake.info.clients[0]!.clientId,
      clientSecret: 'typed-in-secret-123',
      redirectUris: ['http://127.0.0.1/oauth/callback'],
    });
    expect((await h.signIn()).phase).toBe('signed-in');
    const status = await h.call<{ sessionOnly: boolean; signedIn: boolean }>('auth.status', {});
    expect(status).toMatchObject({ sessionOnly: true, signedIn: true });
    expect(JSON.stringify(h.settings.store)).not.toContain('typed-in-secret-123');
  });

  it('ST-02 a hanging keychain at start: handlers answer within the bounded wait, then session-only', async () => {
    const h = await startHarness({ secretStore: fakeKeychain('hang'), tuning: { keychainTimeoutMs: 200 } });
    harnesses.push(h);
    // The keychain never answers, so an answer at all proves the bounded wait.
    await h.call('environments.list');
    expect(h.feature.sessionOnly()).toBe(true);
    expect(h.events.some((e) => e.event === 'app.notice' && (e.payload as { code: string }).code === 'KEYCHAIN_LOCKED')).toBe(true);
  });

  it('ST-04 ST-05 missing or damaged keychain entries count as missing (the simulator falls back to its preset secret)', async () => {
    for (const mode of ['returns-null', 'garbage'] as const) {
      const h = await startHarness({ secretStore: fakeKeychain(mode), redirect: 'loopback' });
      harnesses.push(h);
      const status = await h.call<{ signedIn: boolean }>('auth.status', {});
      expect(status.signedIn).toBe(false);
      expect((await h.signIn()).phase).toBe('signed-in');
      await h.call('environments.update', { environmentId: 'pleo-staging', clientId: 'abc' });
      const staging = await h.handle('auth.signIn', { environmentId: 'pleo-staging' });
      expect(!staging.ok && staging.error.code).toBe('CREDENTIALS_MISSING');
    }
  });
});

describe('keytar adapter', () => {
  it('uses different service names for development and packaged builds', () => {
    expect(keychainServiceName(false)).toBe(DEVELOPMENT_SERVICE_NAME);
    expect(keychainServiceName(true)).toBe(PACKAGED_SERVICE_NAME);
    expect(DEVELOPMENT_SERVICE_NAME).not.toBe(PACKAGED_SERVICE_NAME);
    expect(createKeytarSecretStore({ packaged: true }).service).toBe('Pleo Partner Desktop');
  });

  it('maps get/set/delete onto keytar with the service name', async () => {
    const calls: string[] = [];
    const map = new Map<string, string>();
    const keytar: KeytarLike = {
      getPassword: async (s, a) => (calls.push(`get ${s} ${a}`), map.get(a) ?? null),
      setPassword: async (s, a, p) => void (calls.push(`set ${s} ${a}`), map.set(a, p)),
      deletePassword: async (s, a) => (calls.push(`delete ${s} ${a}`), map.delete(a)),
    };
    const store = createKeytarSecretStore({ packaged: false, loadKeytar: async () => keytar });
    await store.set('env/client/client-secret', 'v');
    expect(await store.get('env/client/client-secret')).toBe('v');
    expect(await store.delete('env/client/client-secret')).toBe(true);
    expect(calls[0]).toBe(`set ${DEVELOPMENT_SERVICE_NAME} env/client/client-secret`);
  });

  it('a missing native module becomes "keychain unavailable", not a crash', async () => {
    const store = createKeytarSecretStore({
      packaged: false,
      loadKeytar: async () => Promise.reject(new Error("Cannot find module 'keytar.node'")),
    });
    await expect(store.get('x')).rejects.toThrow(/keychain unavailable/);
    const notices: string[] = [];
    const guarded = createGuardedSecretStore(store, { onSessionOnly: (p) => notices.push(p) });
    expect(await guarded.get('x')).toBeNull();
    expect(notices).toEqual(['KEYCHAIN_UNAVAILABLE']);
  });
});
