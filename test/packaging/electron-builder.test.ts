/**
 * electron-builder offline: its own schema validation, then the real asar packaging pipeline
 * against a fake Electron distribution (pack-offline.ts). What stays unverified here: the real
 * Electron binary, fuse flipping on it (needs the binary), code signing and the installers
 * themselves (.AppImage, .deb, .dmg, NSIS), which the release workflow builds on each OS.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import { builder, makeFakeElectronDist, packOffline } from './pack-offline.js';

let work: string;
let fakeDist: string;

beforeAll(async () => {
  if (!existsSync('dist/main/index.mjs') || !existsSync('dist/renderer/index.html')) throw new Error('Run `npm run build` first.');
  work = await mkdtemp(path.join(tmpdir(), 'ppd-pack-'));
  fakeDist = await makeFakeElectronDist(work);
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

  it('packages the app into an asar of bundles only: no node_modules, no TypeScript sources, no type-only packages', async () => {
    const { code, out, resources } = await packOffline(work, path.join(work, 'out'));
    expect(code, out.slice(-3000)).toBe(0);
    const asarPath = path.join(resources, 'app.asar');
    expect(existsSync(asarPath)).toBe(true);
    const { listPackage } = await import('@electron/asar');
    const files = listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    console.log(`app.asar: ${statSync(asarPath).size} bytes, ${files.length} entries:\n  ${files.join('\n  ')}`);
    for (const expected of [
      '/dist/main/index.mjs',
      '/dist/preload/index.cjs',
      '/dist/renderer/index.html',
      '/dist/licences.json',
      '/assets/icon.png',
      '/package.json',
    ]) {
      expect(files).toContain(expected);
    }
    // Everything main needs is in its bundle: no package folder ships at all.
    expect(files.filter((f) => f.includes('/node_modules/'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/src/') || f.startsWith('/test/') || f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /@types|type-fest/.test(f))).toEqual([]);
    // keytar's native library sits beside the asar, where Electron can load it.
    const unpacked = path.join(resources, 'app.asar.unpacked', 'dist', 'main');
    expect(readdirSync(unpacked).filter((f) => /^keytar-.*\.node$/.test(f))).toHaveLength(1);
    // A regression guard, not a speed target: the asar was 11.2 MB before bundling.
    expect(statSync(asarPath).size).toBeLessThan(6 * 1024 * 1024);
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

describe('icons (assets/, from assets/icon.svg)', () => {
  it('every icon electron-builder is pointed at exists, in the format its platform needs', async () => {
    const config = parseYaml(await readFile('electron-builder.yml', 'utf8')) as {
      linux: { icon: string };
      mac: { icon: string };
      win: { icon: string };
      nsis: { installerIcon: string; uninstallerIcon: string };
    };
    const linuxSizes = readdirSync(config.linux.icon).sort();
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(linuxSizes).toContain(`${size}x${size}.png`);
    const icns = await readFile(config.mac.icon);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    for (const file of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]) {
      const ico = await readFile(file);
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // ICONDIR: reserved 0, type 1 (icon)
      const count = ico.readUInt16LE(4);
      // Width byte 0 means 256 px: NSIS and Windows Explorer's large views need it.
      const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i));
      expect(widths).toContain(0);
      expect(widths).toContain(16);
    }
  });

  it('the committed PNGs are what `npm run icons` renders from icon.svg today (no stale icon)', async () => {
    const { generateIcons } = await import('../../scripts/icons.js');
    const fresh = path.join(work, 'icons-fresh');
    const written = await generateIcons(fresh);
    for (const name of written.filter((n) => n.endsWith('.png'))) {
      expect(
        (await readFile(path.join(fresh, name))).equals(await readFile(path.join('assets', name))),
        `${name} is stale: run npm run icons`,
      ).toBe(true);
    }
  });
});

describe('bundled main (what ships, without node_modules)', () => {
  it('the simulator bundled with oidc-provider (as the app loads it) starts; its token endpoint and API answer', async () => {
    const { build } = await import('esbuild');
    const { mainBundleOptions } = await import('../../scripts/bundle-options.js');
    const out = path.join(work, 'bundled-simulator');
    await build({ ...mainBundleOptions(path.resolve('src/simulator/index.ts'), out), sourcemap: false, logLevel: 'error' });
    const { pathToFileURL } = await import('node:url');
    const bundled = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as typeof import('../../src/simulator/index.js');
    const sim = await bundled.startSimulator({ mode: 'test', quiet: true });
    try {
      // oidc-provider authenticates the client, then refuses the made-up code: its whole token
      // pipeline ran from the bundle.
      const client = sim.info.clients[0]!;
      const token = await fetch(sim.info.tokenEndpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'not-a-real-code',
          redirect_uri: client.redirectUris[0]!,
          code_verifier: 'v'.repeat(43),
        }),
      });
      expect(token.status).toBe(400);
      expect(((await token.json()) as { error: string }).error).toBe('invalid_grant');
      expect((await fetch(`${sim.info.apiBase}/v2/employees`)).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});
