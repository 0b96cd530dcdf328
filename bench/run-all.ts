/**
 * `npm run bench`: runs each benchmark in its own process (so one cannot warm the other's
 * caches or share its event loop), collects the JSON line each prints, and prints a summary.
 * Each benchmark compares against its peer in the same run and updates its own section of
 * docs/benchmarks.md. Speed targets live here, never in unit tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  { id: 'B3', file: 'bench/b3-bundle-size.ts', what: 'bundle size vs a React hello page' },
  { id: 'B4', file: 'bench/b4-response-viewer.ts', what: 'response viewer at 1/5/20 MB vs raw <pre> and CodeMirror + worker' },
  { id: 'B7', file: 'bench/b7-sign-in.ts', what: 'sign-in latency without the human part vs a loopback floor' },
  {
    id: 'B8',
    file: 'bench/b8-export.ts',
    what: 'export throughput and memory, 100k items at page 100 and 1,000 vs fetch + JSON.parse + naive CSV',
  },
  { id: 'B9', file: 'bench/b9-main-load.ts', what: 'main-bundle load (electron stubbed) vs node -e 0, and the asar size' },
  { id: 'B11', file: 'bench/b11-simulator-entries.ts', what: 'simulator memory and deep-query time at 1M vs 1k entries' },
];

let failed = 0;
const summary: Array<{ id: string; ok: boolean; result?: unknown }> = [];
for (const bench of benches) {
  console.log(`\n=== ${bench.id}: ${bench.what} ===`);
  if (!existsSync(bench.file)) {
    console.error(`${bench.id}: ${bench.file} is missing`);
    failed++;
    summary.push({ id: bench.id, ok: false });
    continue;
  }
  const run = spawnSync('npx', ['tsx', bench.file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout ?? '');
  const jsonLine = (run.stdout ?? '')
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  const ok = run.status === 0;
  if (!ok) failed++;
  summary.push({ id: bench.id, ok, result: jsonLine ? JSON.parse(jsonLine) : undefined });
}
console.log('\n=== summary ===');
for (const s of summary) console.log(`${s.id}: ${s.ok ? 'ok' : 'FAILED'}`);
process.exit(failed === 0 ? 0 : 1);
