import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { openSettings, type SettingsBackendOptions } from '../../../src/core/settings/open-settings.js';
import { startHarness } from '../../fixtures/auth/harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-settings-'));
  dirs.push(dir);
  return dir;
};
const confFactory = (o: SettingsBackendOptions) => new Conf<Record<string, unknown>>(o) as unknown as KeyValueBackend;

describe('settings file (electron-store / conf) with an explicit reaction to damage', () => {
  it('opens a fresh file and passes conf/electron-store the same pinned options', () => {
    const dir = tempDir();
    const seen: SettingsBackendOptions[] = [];
    const { backend, reset } = openSettings((o) => (seen.push(o), confFactory(o)), { cwd: dir });
    expect(reset).toBeUndefined();
    backend.set('ui', { theme: 'dark' });
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')).ui.theme).toBe('dark');
    expect(seen[0]).toMatchObject({ cwd: dir, configName: 'config', name: 'config', clearInvalidConfig: false });
    expect(() => seen[0]!.deserialize('{"auth":"yes"}')).toThrow(/auth/);
    expect(seen[0]!.deserialize('{"auth":{},"other":1}')).toEqual({ auth: {}, other: 1 });
  });

  it.each([
    ['truncated JSON', '{"apiBase":', 'invalid-json'],
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80]), 'invalid-json'],
    ['empty file', '', 'invalid-json'],
    ['UTF-16 BOM', Buffer.from('\ufeff{"a":1}', 'utf16le'), 'invalid-json'],
    ['top-level array', '[1,2,3]', 'schema-violation'],
    ['wrong type for a known key', '{"auth":"yes"}', 'schema-violation'],
  ] as const)(
    'ST-07 %s: backed up as config.corrupt-<time>.json, defaults recreated, SETTINGS_RESET reason given',
    (_label, content, reason) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'config.json'), content);
      const { backend, reset } = openSettings(confFactory, { cwd: dir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
      expect(reset?.reason).toBe(reason);
      expect(path.basename(reset!.backupPath)).toBe('config.corrupt-2026-01-02T03-04-05-000Z.json');
      expect(readFileSync(reset!.backupPath)).toEqual(Buffer.isBuffer(content) ? content : Buffer.from(content));
      expect(backend.store).toEqual({});
      backend.set('ui', { theme: 'light' });
      expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ ui: { theme: 'light' } });
    },
  );

  it('ST-09 a huge file is treated as damaged without being parsed', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), `{"pad":"${'x'.repeat(2048)}"}`);
    let calls = 0;
    const { reset } = openSettings((o) => (calls++, confFactory(o)), { cwd: dir, maxBytes: 1024 });
    expect(reset?.reason).toBe('too-large');
    expect(calls).toBe(1);
  });

  it('ST-07 two damaged starts in the same second keep both backups', () => {
    const dir = tempDir();
    const now = () => 1_700_000_000_000;
    writeFileSync(path.join(dir, 'config.json'), '{');
    openSettings(confFactory, { cwd: dir, now });
    writeFileSync(path.join(dir, 'config.json'), '{{');
    openSettings(confFactory, { cwd: dir, now });
    expect(readdirSync(dir).filter((f) => f.startsWith('config.corrupt-')).length).toBe(2);
  });

  it('ST-07 E4 after a reset the keychain is untouched and the app can still sign in', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), '{"auth":');
    const opened = openSettings(confFactory, { cwd: dir });
    expect(opened.reset).toBeDefined();
    const h = await startHarness({ settingsDir: dir, redirect: 'loopback' });
    try {
      expect((await h.signIn()).phase).toBe('signed-in');
      expect(existsSync(path.join(dir, 'config.json'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('a file-system error is not mistaken for damage (nothing is backed up)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), '{}');
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(() =>
      openSettings(
        () => {
          throw eacces;
        },
        { cwd: dir },
      ),
    ).toThrow('EACCES');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
