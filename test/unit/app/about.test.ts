/**
 * About (#13): where data is kept and the licence list generated at build time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { readLicenceList } from '../../../src/core/app/about.js';
import { createCore } from '../../../src/core/create-core.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import type { AboutInfo } from '../../../src/shared/contract/app-channels.js';
import { collectLicences, packageDirOf } from '../../../scripts/licences.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'ppd-about-'));
  dirs.push(d);
  return d;
};

describe('licence list (scripts/licences.ts, built at npm run build)', () => {
  it('maps bundled files to their package folders, scoped and nested ones included', () => {
    expect(packageDirOf('node_modules/zod/v4/core/core.js')).toBe('node_modules/zod');
    expect(packageDirOf('/r/node_modules/@radix-ui/react-tabs/dist/index.mjs')).toBe('/r/node_modules/@radix-ui/react-tabs');
    expect(packageDirOf('/r/node_modules/koa/node_modules/http-errors/index.js')).toBe('/r/node_modules/koa/node_modules/http-errors');
    expect(packageDirOf('src/core/app/about.ts')).toBeUndefined();
  });

  it('lists each bundled package once with the licence from its package.json', () => {
    const list = collectLicences(
      ['node_modules/zod/index.js', 'node_modules/zod/v4/x.js', 'node_modules/@tanstack/react-virtual/dist/index.js', 'src/main/index.ts'],
      process.cwd(),
    );
    expect(list.map((p) => p.name)).toEqual(['@tanstack/react-virtual', 'zod']);
    expect(list.find((p) => p.name === 'zod')).toMatchObject({ licence: 'MIT', version: '4.6.7' });
  });

  it('a missing or damaged list gives an empty list and a plain reason, never a crash', async () => {
    const dir = tempDir();
    expect(await readLicenceList(path.join(dir, 'missing.json'))).toMatchObject({
      licences: [],
      note: expect.stringContaining('npm run build'),
    });
    writeFileSync(path.join(dir, 'bad.json'), '{not json');
    expect(await readLicenceList(path.join(dir, 'bad.json'))).toMatchObject({
      licences: [],
      note: expect.stringContaining('could not be read'),
    });
  });
});

describe('app.about', () => {
  it('reports version, the settings file, the keychain service, the log and the licences', async () => {
    const dir = tempDir();
    const licencesFile = path.join(dir, 'licences.json');
    writeFileSync(licencesFile, JSON.stringify({ packages: [{ name: 'zod', version: '4.6.7', licence: 'MIT' }] }));
    const settings = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as unknown as KeyValueBackend;
    const core = createCore({
      host: 'test-host',
      appVersion: '1.2.3',
      userDataDir: dir,
      settings,
      licencesFile,
      keychainService: 'Pleo Partner Desktop (dev)',
      logLocation: 'In memory only.',
      ports: {
        browserLauncher: { open: async () => undefined },
        externalOpener: { openExternal: async () => undefined },
        clipboard: { writeText: async () => undefined },
        fileSaver: { save: async () => ({ saved: false }) },
        secretStore: { get: async () => null, set: async () => undefined, delete: async () => false },
      },
    });
    try {
      const r = await core.handle('app.about', {});
      expect(r.ok).toBe(true);
      const about = (r as { value: AboutInfo }).value;
      expect(about).toMatchObject({ version: '1.2.3', licences: [{ name: 'zod', version: '4.6.7', licence: 'MIT' }] });
      expect(about.dataLocations).toEqual({
        settingsFile: settings.path,
        keychain: 'OS keychain, service "Pleo Partner Desktop (dev)"',
        log: 'In memory only.',
      });
      expect(about.licencesNote).toBeUndefined();
    } finally {
      await core.dispose();
    }
  });
});
