/**
 * electron-builder offline: its own schema validation, then the real asar packaging pipeline
 * against a fake Electron dist (toolchain.md §9). What stays unverified here: the real
 * Electron binary, fuse flipping on it (needs the binary), code signing and installers.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';

const run = promisify(execFile);
let work: string;
let fakeDist: string;

async function builder(args: string[]) {
  return run('npx', ['electron-builder', '--linux', 'dir', ...args], { env: { ...process.env, CI: 'true' }, maxBuffer: 10 * 1024 * 1024 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
}

beforeAll(async () => {
  if (!existsSync('dist/main/index.mjs') || !existsSync('dist/renderer/index.html')) throw new Error('Run `npm run build` first.');
  work = await mkdtemp(path.join(tmpdir(), 'ppd-pack-'));
  fakeDist = path.join(work, 'fake-electron');
  await mkdir(fakeDist);
  await writeFile(path.join(fakeDist, 'electron'), '#!/bin/sh\necho fake electron\n');
  await chmod(path.join(fakeDist, 'electron'), 0o755);
  await writeFile(path.join(fakeDist, 'version'), 'v45.5.0');
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox']) await writeFile(path.join(fakeDist, f), '');
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('electron-builder configuration', () => {
  it('rejects an invalid configuration (proves the schema validation runs offline)', async () => {
    const r = await builder(['-c.linux.bogusKey=1', `-c.electronDist=${fakeDist}`, `-c.directories.output=${path.join(work, 'bad')}`]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Invalid configuration object|does not match the API schema|configuration has an unknown property/i);
  });

  it('packages the app into an asar with the bundles and registers the OAuth scheme', async () => {
    const out = path.join(work, 'out');
    // Fuses are flipped on the real Electron binary, which does not exist here: this run uses
    // the project's configuration without them, and they are checked as configuration below.
    const config = parseYaml(await readFile('electron-builder.yml', 'utf8')) as Record<string, unknown>;
    delete config.electronFuses;
    const configPath = path.join(work, 'electron-builder.no-fuses.json');
    await writeFile(configPath, JSON.stringify(config));
    const r = await builder(['--config', configPath, `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`]);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    const asarPath = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
    expect(existsSync(asarPath)).toBe(true);
    const { listPackage } = await import('@electron/asar');
    const files = listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    expect(files).toContain('/dist/main/index.mjs');
    expect(files).toContain('/dist/preload/index.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files.some((f) => f.startsWith('/src/'))).toBe(false);
    expect(files.some((f) => f.startsWith('/test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/oidc-provider/'))).toBe(true);
    // keytar's native module must be unpacked next to the asar so it can be loaded.
    expect(existsSync(path.join(out, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  });

  it('EL-03 (configuration only): sets the security fuses and the x-scheme-handler for the callback scheme', async () => {
    const config = parseYaml(await readFile('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
      electronFuses: Record<string, boolean>;
      protocols: Array<{ schemes: string[] }>;
      linux: { mimeTypes: string[] };
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.protocols[0]?.schemes).toEqual(['io.pleo.partnerdesktop']);
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/io.pleo.partnerdesktop');
  });

  it('Linux: one desktop name for the .desktop file, CHROME_DESKTOP (xdg-settings) and WM_CLASS; deb keeps the default dependencies', async () => {
    const config = parseYaml(await readFile('electron-builder.yml', 'utf8')) as {
      linux: { syncDesktopName?: boolean; desktop: { entry: { StartupWMClass: string } } };
      deb: { depends: string[] };
    };
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { desktopName?: string };
    expect(config.linux.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${config.linux.desktop.entry.StartupWMClass}.desktop`);
    // `deb.depends` replaces electron-builder's defaults, so they must be listed.
    for (const dep of ['libgtk-3-0', 'libnss3', 'xdg-utils', 'libsecret-1-0']) expect(config.deb.depends).toContain(dep);
  });
});
