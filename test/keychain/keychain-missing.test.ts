/**
 * The keytar adapter in a D-Bus session WITHOUT a secret service (no keyring daemon unlocked),
 * as on a Linux desktop with no keyring: run by `npm run test:keychain` in its second session.
 * Expected: session-only mode within the timeout, one notice, no crash, nothing on disk.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createGuardedSecretStore } from '../../src/core/secrets/guarded-secret-store.js';
import { createKeytarSecretStore } from '../../src/core/secrets/keytar-secret-store.js';
import { checkKeychain } from '../../src/core/diagnostics/check-keychain.js';
import type { DoctorRun } from '../../src/core/diagnostics/doctor-context.js';

const SERVICE = `Pleo Partner Desktop (keychain test ${randomUUID()})`;

describe('no secret service on the bus', () => {
  it('ST-01/ST-02: a bus with no secret service: session-only within the timeout, secrets kept in memory', async () => {
    const notices: string[] = [];
    const store = createGuardedSecretStore(createKeytarSecretStore({ packaged: false, service: SERVICE }), {
      timeoutMs: 3000,
      onSessionOnly: (p) => notices.push(p),
    });
    // Reading may "work" (the bus auto-starts a keyring daemon that finds nothing); storing
    // cannot, since no keyring is unlocked and no prompt can be shown.
    expect(await store.get('x/y/client-secret')).toBeNull();
    await store.set('x/y/client-secret', 'memory-only');
    expect(store.sessionOnly()).toBe(true);
    expect(notices).toHaveLength(1);
    expect(await store.get('x/y/client-secret')).toBe('memory-only');
  });
});

describe('doctor keychain check on the real adapter (issue 15)', () => {
  it('fails in plain words when no keyring is unlocked, within the timeout', async () => {
    const store = createKeytarSecretStore({ packaged: false, service: SERVICE });
    const result = await checkKeychain({ ctx: { secretStore: store, timeoutMs: 3000 } } as unknown as DoctorRun);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/locked|No working keychain/);
    expect(result.action).toBeTruthy();
  });
});
