import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { createCore } from '../../../src/core/create-core.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import { memoryBackend } from '../explorer/fakes.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('security gates (docs/security.md)', () => {
  it('IPC-10: only allowlisted https Pleo links reach the system browser', async () => {
    const opened: string[] = [];
    const core = createCore({
      host: 'test-host',
      appVersion: '0',
      userDataDir: '/tmp/none',
      settings: memoryBackend(),
      ports: {
        browserLauncher: { open: async () => undefined },
        externalOpener: { openExternal: async (url) => void opened.push(url) },
        clipboard: { writeText: async () => undefined },
        fileSaver: { save: async () => ({ saved: false }) },
        secretStore: createMemorySecretStore(),
      },
    });
    try {
      for (const url of [
        'smb://evil.example/share',
        'file:///etc/passwd',
        'ms-msdt:/id PCWDiagnostic',
        'https://evil.example/',
        'http://developers.pleo.io/',
        'https://developers.pleo.io.evil.example/',
        'https://user@developers.pleo.io/',
        'javascript:alert(1)',
      ]) {
        const result = await core.handle('app.openExternal', { url });
        expect(result.ok, url).toBe(false);
      }
      expect(opened).toEqual([]);
      expect((await core.handle('app.openExternal', { url: 'https://developers.pleo.io/docs' })).ok).toBe(true);
      expect(opened).toEqual(['https://developers.pleo.io/docs']);
    } finally {
      await core.dispose();
    }
  });

  it('LK-04 (static part): the app never starts Electron\u2019s crash reporter, so nothing is uploaded', () => {
    const users = sourceFiles(path.join(root, 'src')).filter((file) => /crashReporter/.test(readFileSync(file, 'utf8')));
    expect(users).toEqual([]);
  });

  it('EL-05: the pinned Electron major is still supported (Electron supports the newest three majors; a new one ships every 8 weeks)', () => {
    // Anchor: Electron 38.0.0 shipped on 2025-09-02; Electron has released a major every 8 weeks
    // since Electron 15. Without network access the newest major is estimated from the date;
    // this test starts failing about when the pinned major leaves support.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const pinned = Number(/^\D*(\d+)\./.exec(pkg.devDependencies.electron!)![1]);
    const weeks = (Date.now() - Date.UTC(2025, 8, 2)) / (7 * 24 * 3600 * 1000);
    const newest = 38 + Math.floor(weeks / 8);
    expect(pinned, `Electron ${pinned} vs newest (estimated) ${newest}`).toBeGreaterThanOrEqual(newest - 2);
  });
});
