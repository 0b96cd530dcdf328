import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/create-core.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function core(secretStoreFails: boolean): Core {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-core-'));
  const failing = async () => {
    throw new Error('org.freedesktop.secrets was not provided by any .service files');
  };
  const c = createCore({
    host: 'test-host',
    appVersion: '0.0.0',
    userDataDir: dir,
    settings: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as unknown as KeyValueBackend,
    ports: {
      browserLauncher: { open: async () => undefined },
      externalOpener: { openExternal: async () => undefined },
      clipboard: { writeText: async () => undefined },
      fileSaver: { save: async () => ({ saved: false }) },
      secretStore: secretStoreFails
        ? { get: failing, set: failing, delete: failing }
        : { get: async () => null, set: async () => undefined, delete: async () => false },
    },
  });
  cleanups.push(async () => {
    await c.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return c;
}

describe('createCore', () => {
  it('app.info reports session-only secrets once the keychain has failed, and not before', async () => {
    const c = core(true);
    expect(await c.handle('app.info', {})).toMatchObject({ ok: true, value: { sessionOnlySecrets: false, host: 'test-host' } });
    await c.handle('environments.update', { environmentId: 'pleo-staging', clientId: 'client-1' });
    const saved = await c.handle('credentials.setClientSecret', { environmentId: 'pleo-staging', clientSecret: 'CANARY-SECRET-core' });
    expect(saved.ok).toBe(true);
    expect(await c.handle('app.info', {})).toMatchObject({ ok: true, value: { sessionOnlySecrets: true } });
    expect(JSON.stringify(saved)).not.toContain('CANARY-SECRET-core');
  });

  it('a working keychain keeps session-only off', async () => {
    const c = core(false);
    await c.handle('environments.update', { environmentId: 'pleo-staging', clientId: 'client-1' });
    await c.handle('credentials.setClientSecret', { environmentId: 'pleo-staging', clientSecret: 'x-secret-value' });
    expect(await c.handle('app.info', {})).toMatchObject({ ok: true, value: { sessionOnlySecrets: false } });
  });
});
