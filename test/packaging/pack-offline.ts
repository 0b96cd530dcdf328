/**
 * Runs electron-builder's real packaging pipeline (`--linux dir`) offline, against a fake
 * Electron distribution: what it produces is the app's resources folder (app.asar and
 * app.asar.unpacked) exactly as an installer would carry it, minus the Electron binary.
 * Security fuses are flipped on the real Electron binary, which does not exist here, so this
 * run uses the project's configuration without them (they are checked as configuration).
 * Used by test/packaging and by the bench (asar size in docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { load as parseYaml } from 'js-yaml';

const run = promisify(execFile);

export async function makeFakeElectronDist(work: string): Promise<string> {
  const fakeDist = path.join(work, 'fake-electron');
  await mkdir(fakeDist, { recursive: true });
  await writeFile(path.join(fakeDist, 'electron'), '#!/bin/sh\necho fake electron\n');
  await chmod(path.join(fakeDist, 'electron'), 0o755);
  await writeFile(path.join(fakeDist, 'version'), 'v45.5.0');
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox']) await writeFile(path.join(fakeDist, f), '');
  return fakeDist;
}

export async function builder(args: string[]): Promise<{ code: number; out: string }> {
  return run('npx', ['electron-builder', '--linux', 'dir', ...args], {
    env: { ...process.env, CI: 'true' },
    maxBuffer: 10 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof e.code === 'number' ? e.code : 1,
      out: `${e.stdout ?? ''}${e.stderr ?? ''}`,
    }),
  );
}

/** Packages dist/ into `out`; returns the resources folder and electron-builder's output. */
export async function packOffline(work: string, out: string): Promise<{ code: number; out: string; resources: string }> {
  const fakeDist = await makeFakeElectronDist(work);
  const config = parseYaml(await readFile('electron-builder.yml', 'utf8')) as Record<string, unknown>;
  delete config.electronFuses;
  const configPath = path.join(work, 'electron-builder.no-fuses.json');
  await writeFile(configPath, JSON.stringify(config));
  const r = await builder(['--config', configPath, `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`]);
  return { ...r, resources: path.join(out, 'linux-unpacked', 'resources') };
}
