/**
 * ST-10 (disk full) and ST-11 (read-only profile folder): the real settings file (conf, as the
 * app's electron-store) behind the real core, with the file system's refusal injected at the
 * backend's write (we run as root here, so chmod cannot make a folder unwritable, and mounting a
 * tiny tmpfs needs privileges CI may not have). Expected (security plan): the user is told in
 * plain words, nothing they did is lost, the previous file stays byte-identical, and the next
 * write after the cause is gone saves everything.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/create-core.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import { openSettings } from '../../../src/core/settings/open-settings.js';
import { guardSettingsWrites } from '../../../src/core/settings/write-guard.js';
import type { AppNotice } from '../../../src/shared/contract/app-channels.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated by the test`), { code });
}

/** The real conf file, with a switch that makes every write fail as the file system would. */
function unwritableSettings() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-st10-'));
  const real = openSettings((o) => new Conf<Record<string, unknown>>(o) as unknown as KeyValueBackend, { cwd: dir }).backend;
  const fault: { code?: string } = {};
  const guardWrite = () => {
    if (fault.code) throw errno(fault.code);
  };
  const backend: KeyValueBackend = {
    get: (key) => real.get(key),
    set: (key, value) => (guardWrite(), real.set(key, value)),
    delete: (key) => (guardWrite(), real.delete(key)),
    clear: () => (guardWrite(), real.clear()),
    get path() {
      return real.path;
    },
    get store() {
      return real.store;
    },
  };
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { backend, fault, file: real.path };
}

function startCore(settings: KeyValueBackend): { core: Core; notices: AppNotice[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-st10-core-'));
  const core = createCore({
    host: 'test-host',
    appVersion: '0',
    userDataDir: dir,
    settings,
    ports: {
      browserLauncher: { open: async () => undefined },
      externalOpener: { openExternal: async () => undefined },
      clipboard: { writeText: async () => undefined },
      fileSaver: { save: async () => ({ saved: false }) },
      secretStore: createMemorySecretStore(),
    },
  });
  const notices: AppNotice[] = [];
  core.events.subscribe((event, payload) => event === 'app.notice' && void notices.push(payload as AppNotice));
  cleanups.push(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { core, notices };
}

describe('settings that cannot be written (ST-10, ST-11)', () => {
  it('ST-10 disk full: the change is kept and shown, the user is told once, the file is untouched; freeing space saves it', async () => {
    const s = unwritableSettings();
    const { core, notices } = startCore(s.backend);
    await core.handle('app.setPreferences', { theme: 'light' });
    const before = readFileSync(s.file);

    s.fault.code = 'ENOSPC';
    const dark = await core.handle('app.setPreferences', { theme: 'dark' });
    expect(dark).toEqual({ ok: true, value: { theme: 'dark', presenterMode: false } });
    const presenter = await core.handle('app.setPreferences', { presenterMode: true });
    expect(presenter).toEqual({ ok: true, value: { theme: 'dark', presenterMode: true } });
    // Read back from memory, not lost; the file on disk is byte-identical to before.
    expect(await core.handle('app.getPreferences', {})).toEqual({ ok: true, value: { theme: 'dark', presenterMode: true } });
    expect(readFileSync(s.file).equals(before)).toBe(true);
    const shown = notices.filter((n) => n.code === 'DISK_FULL' && !n.withdrawn);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]!.message).toMatch(/disk is full/);
    expect(core.services.notices().map((n) => n.code)).toContain('DISK_FULL');

    s.fault.code = undefined;
    await core.handle('app.setPreferences', { theme: 'dark' });
    expect(JSON.parse(readFileSync(s.file, 'utf8')).ui).toEqual({ theme: 'dark', presenterMode: true });
    expect(notices.at(-1)).toMatchObject({ code: 'DISK_FULL', withdrawn: true });
    expect(core.services.notices().map((n) => n.code)).not.toContain('DISK_FULL');
  });

  it.each(['EROFS', 'EACCES'])('ST-11 read-only profile (%s): the same, with words about the folder', async (code) => {
    const s = unwritableSettings();
    const { core, notices } = startCore(s.backend);
    s.fault.code = code;
    expect(await core.handle('app.setPreferences', { presenterMode: true })).toMatchObject({ ok: true, value: { presenterMode: true } });
    expect(notices.find((n) => n.code === 'DISK_FULL')?.message).toMatch(/data folder cannot be written/);
    expect(s.backend.get('ui')).toBeUndefined();
  });

  it('a failure that is not about the file system still surfaces (no silent swallowing)', () => {
    const events = { unwritable: 0, saved: 0 };
    const broken: KeyValueBackend = {
      get: () => undefined,
      set: () => {
        throw new TypeError('not serialisable');
      },
      delete: () => undefined,
      clear: () => undefined,
      path: '/x',
      store: {},
    };
    const guarded = guardSettingsWrites(broken, { onUnwritable: () => void events.unwritable++, onSaved: () => void events.saved++ });
    expect(() => guarded.set('k', 1)).toThrow(TypeError);
    expect(guarded.get('k')).toBeUndefined();
    expect(events).toEqual({ unwritable: 0, saved: 0 });
  });
});
