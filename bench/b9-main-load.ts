/**
 * B9: main-process module load, the proxy for Electron main boot that can be measured without
 * the Electron binary. Builds main's bundle exactly as `npm run build` does
 * (scripts/bundle-options.ts) into a temp folder whose node_modules/electron is a stub,
 * then times `node <bundle>` against `node -e 0`, interleaved, 21 runs each. The stub's
 * requestSingleInstanceLock() returns false, so startApp quits right after the bundle is
 * evaluated: what is timed is loading and evaluating the bundle, nothing else.
 * Also packs the app offline (test/packaging/pack-offline.ts) and reports the asar's size.
 *
 * Run: tsx bench/b9-main-load.ts   (prints one JSON line; updates docs/benchmarks.md)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { mainBundleOptions } from '../scripts/bundle-options.js';
import { packOffline } from '../test/packaging/pack-offline.js';
import { machineLine, median, p95, REPO, updateBenchSection } from './lib/bench-doc.js';

const RUNS = 21;
/** The asar before every dependency was bundled into main (measured with the same packaging). */
const ASAR_BYTES_BEFORE = 11_163_450;

const STUB = `// B9's stand-in for Electron: enough for startApp to decide to quit at once.
const noop = () => {};
export const app = {
  isPackaged: true,
  commandLine: { hasSwitch: () => true },
  requestSingleInstanceLock: () => false,
  quit: noop, on: noop, once: noop, getPath: () => '/tmp', getName: () => 'b9', getVersion: () => '0.0.0',
};
export const BrowserWindow = class {};
export const ipcMain = { handle: noop, removeHandler: noop };
export const protocol = { registerSchemesAsPrivileged: noop, handle: noop };
export const session = {};
export const shell = {};
export const dialog = {};
export const clipboard = {};
export default { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, clipboard };
`;

function time(args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'ppd-b9-'));
  try {
    await mkdir(path.join(work, 'node_modules', 'electron'), { recursive: true });
    await writeFile(path.join(work, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.js' }));
    await writeFile(path.join(work, 'node_modules', 'electron', 'index.js'), STUB);
    const bundle = path.join(work, 'dist', 'main', 'index.mjs');
    await build({ ...mainBundleOptions(path.join(REPO, 'src', 'main', 'index.ts'), path.dirname(bundle)), sourcemap: false, logLevel: 'error' });
    const bundleBytes = statSync(bundle).size;

    const base: number[] = [];
    const load: number[] = [];
    time(['-e', '0'], work); // warm the file cache for both
    time([bundle], work);
    for (let i = 0; i < RUNS; i++) {
      base.push(time(['-e', '0'], work));
      load.push(time([bundle], work));
    }
    const baseMs = median(base);
    const loadMs = median(load);
    const ratio = loadMs / baseMs;

    let asarBytes: number | undefined;
    if (existsSync(path.join(REPO, 'dist', 'main', 'index.mjs')) && existsSync(path.join(REPO, 'dist', 'renderer', 'index.html'))) {
      const packed = await packOffline(work, path.join(work, 'pack'));
      if (packed.code === 0) asarBytes = statSync(path.join(packed.resources, 'app.asar')).size;
      else console.error(packed.out.slice(-2000));
    } else console.error('B9: run `npm run build` first to measure the asar size');

    const checks = { loadAtMost1_5xNode: ratio <= 1.5 };
    const result = { bench: 'B9', runs: RUNS, nodeMs: { median: baseMs, p95: p95(base) }, mainLoadMs: { median: loadMs, p95: p95(load) }, ratio, bundleBytes, asarBytes, asarBytesBefore: ASAR_BYTES_BEFORE, checks, pass: Object.values(checks).every(Boolean) };
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    updateBenchSection(
      'B9',
      `## B9: main-process module load, and the asar (${machineLine()})

\`tsx bench/b9-main-load.ts\` builds main's bundle as \`npm run build\` does (every dependency bundled; keytar's native library copied beside it) into a temp folder with a stub \`electron\` whose single-instance lock is taken, so the app quits right after the bundle is evaluated. It times \`node <bundle>\` against \`node -e 0\`, interleaved, ${RUNS} runs each. Electron's own start-up (binary, window, preload) cannot be measured without the Electron binary.

| Run | median | p95 |
|---|---|---|
| \`node -e 0\` (peer) | ${baseMs.toFixed(1)} ms | ${p95(base).toFixed(1)} ms |
| \`node dist/main/index.mjs\` (electron stubbed) | ${loadMs.toFixed(1)} ms | ${p95(load).toFixed(1)} ms |

| Check | Value | Pass |
|---|---|---|
| Main load ≤ 1.5× \`node -e 0\` | ${ratio.toFixed(2)}× (+${(loadMs - baseMs).toFixed(1)} ms) | ${checks.loadAtMost1_5xNode ? 'yes' : '**no**'} |

Main's bundle: ${mb(bundleBytes)} (unminified, without its source map, which does not ship).

**asar size** (electron-builder's real pipeline offline, \`--linux dir\`, test/packaging/pack-offline.ts): ${asarBytes ? mb(asarBytes) : 'not measured (build first)'}, down from ${mb(ASAR_BYTES_BEFORE)} when the production packages (zod with its TypeScript sources, ajv, oidc-provider, type-only packages, keytar's install-time tree) were copied in as node_modules. The preload went from 764 KB to a few KB once it stopped importing the zod schemas.`,
    );
    console.log(JSON.stringify(result));
    if (!result.pass) process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
