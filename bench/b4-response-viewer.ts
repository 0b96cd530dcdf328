/**
 * B4 (docs/benchmarks.md): the response viewer at 1, 5 and 20 MB of expense-shaped minified JSON,
 * in Debian's Chromium, against (a) a raw <pre> of the text and (b) the reference design
 * "worker pretty-print -> CodeMirror 6 read-only", all built in this run with the same Vite and
 * served from loopback. Variants are interleaved, the first round is a discarded warm-up, and
 * medians and p95 are reported. Metrics per sample: "shown" (text in memory -> first frame with
 * the content in the DOM), worst main-thread long task in that window (+300 ms), first frame
 * after scrolling to the middle, and the page's JS heap after a forced GC (main thread only).
 * Run: tsx bench/b4-response-viewer.ts   (B4_SAMPLES=n to change the sample count, default 11)
 */
import http from 'node:http';
import { createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { REPO, machineLine, median, p95, updateBenchSection } from './lib/bench-doc.js';
import { writeFixture } from './b4/fixtures.js';

const TMP = path.join(REPO, '.tmp', 'bench-b4');
const DIST = path.join(TMP, 'dist');
const FIXTURES = path.join(TMP, 'fixtures');
const SAMPLES = Math.max(3, Number(process.env.B4_SAMPLES ?? 11));
const SIZES = [
  { name: '1mb', bytes: 1_000_000 },
  { name: '5mb', bytes: 5_000_000 },
  { name: '20mb', bytes: 20_000_000 },
] as const;
type SizeName = (typeof SIZES)[number]['name'];

interface Variant {
  id: string;
  label: string;
  page: string;
  query?: string;
  sizes: SizeName[];
}
const VARIANTS: Variant[] = [
  { id: 'viewer', label: 'App viewer (default: tree ≤ 10 MB, virtual raw text above)', page: 'viewer.html', sizes: ['1mb', '5mb', '20mb'] },
  { id: 'viewer-tree', label: 'App viewer, tree built (the opt-in above 10 MB)', page: 'viewer.html', query: 'tree=1', sizes: ['20mb'] },
  { id: 'cm6', label: 'Reference: worker pretty-print → CodeMirror 6', page: 'cm6.html', sizes: ['1mb', '5mb', '20mb'] },
  { id: 'pre', label: 'Peer: raw text in one <pre>', page: 'pre.html', sizes: ['1mb', '5mb', '20mb'] },
];

interface Sample {
  shown: number;
  worstLongTask: number;
  scrollMs: number;
  heapMB: number;
}

async function buildPages(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const root = path.join(REPO, 'bench', 'b4');
  await build({
    configFile: false,
    root,
    base: '/',
    plugins: [react()],
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      outDir: DIST,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: { viewer: path.join(root, 'viewer.html'), pre: path.join(root, 'pre.html'), cm6: path.join(root, 'cm6.html') },
      },
    },
  });
}

function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const base = pathname.startsWith('/fixtures/') ? FIXTURES : DIST;
    const rel = pathname.startsWith('/fixtures/') ? pathname.slice('/fixtures/'.length) : pathname.slice(1);
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

async function sample(browser: Browser, base: string, v: Variant, size: SizeName): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/${v.page}?size=${size}${v.query ? `&${v.query}` : ''}`);
    await page.waitForFunction(() => window.__benchResult !== undefined || window.__benchError !== undefined, undefined, {
      timeout: 120_000,
      polling: 100,
    });
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(`${v.id} ${size}: ${error}`);
    const r = (await page.evaluate(() => window.__benchResult))!;
    if (r.renderedRows === 0) throw new Error(`${v.id} ${size}: nothing was rendered`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = await cdp.send('Performance.getMetrics');
    const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    return { shown: r.shown, worstLongTask: r.worstLongTask, scrollMs: r.scrollMs, heapMB: heap / 1024 / 1024 };
  } finally {
    await context.close();
  }
}

type Stats = { median: number; p95: number };
const stat = (xs: number[]): Stats => ({ median: median(xs), p95: p95(xs) });

async function main() {
  for (const s of SIZES) writeFixture(FIXTURES, s.name, s.bytes);
  await buildPages();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--disable-gpu',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const results: Record<string, Record<string, Sample[]>> = {};
  try {
    for (let round = 0; round <= SAMPLES; round++) {
      // Round 0 is the warm-up; the variant order rotates every round (A, B, C, then B, C, A, ...).
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
      for (const size of SIZES) {
        for (const v of order) {
          if (!v.sizes.includes(size.name)) continue;
          const s = await sample(browser, server.url, v, size.name);
          if (round === 0) continue;
          ((results[v.id] ??= {})[size.name] ??= []).push(s);
        }
      }
      process.stderr.write(`B4: round ${round}/${SAMPLES} done\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const summary: Record<string, Record<string, { shown: Stats; worstLongTask: Stats; scrollMs: Stats; heapMB: Stats }>> = {};
  for (const [vid, bySize] of Object.entries(results)) {
    for (const [size, xs] of Object.entries(bySize)) {
      (summary[vid] ??= {})[size] = {
        shown: stat(xs.map((x) => x.shown)),
        worstLongTask: stat(xs.map((x) => x.worstLongTask)),
        scrollMs: stat(xs.map((x) => x.scrollMs)),
        heapMB: stat(xs.map((x) => x.heapMB)),
      };
    }
  }
  const m = (v: string, s: string, k: 'shown' | 'worstLongTask' | 'scrollMs' | 'heapMB') => summary[v]?.[s]?.[k].median ?? NaN;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : a === 0 ? 0 : Infinity);
  const ratios = {
    shownVsCm6_5mb: ratio(m('viewer', '5mb', 'shown'), m('cm6', '5mb', 'shown')),
    shownVsCm6_20mb: ratio(m('viewer', '20mb', 'shown'), m('cm6', '20mb', 'shown')),
    longTaskVsCm6_5mb: ratio(m('viewer', '5mb', 'worstLongTask'), m('cm6', '5mb', 'worstLongTask')),
    longTaskVsCm6_20mb: ratio(m('viewer', '20mb', 'worstLongTask'), m('cm6', '20mb', 'worstLongTask')),
    preVsViewerShown_20mb: ratio(m('pre', '20mb', 'shown'), m('viewer', '20mb', 'shown')),
    treeOptInVsCm6Shown_20mb: ratio(m('viewer-tree', '20mb', 'shown'), m('cm6', '20mb', 'shown')),
  };
  // B4's targets (the 5 MB / 20 MB absolute ones were set on a pilot machine).
  const checks = {
    shownAtMost1_1xCm6_5mb: ratios.shownVsCm6_5mb <= 1.1,
    shownAtMost1_1xCm6_20mb: ratios.shownVsCm6_20mb <= 1.1,
    longTaskAtMost1_1xCm6_5mb: ratios.longTaskVsCm6_5mb <= 1.1,
    longTaskAtMost1_1xCm6_20mb: ratios.longTaskVsCm6_20mb <= 1.1,
    atLeast3xFasterThanPre_20mb: ratios.preVsViewerShown_20mb >= 3,
    abs5mb: m('viewer', '5mb', 'shown') < 600 && m('viewer', '5mb', 'worstLongTask') < 200,
    abs20mb: m('viewer', '20mb', 'shown') < 1500 && m('viewer', '20mb', 'worstLongTask') < 500,
  };
  const result = { bench: 'B4', samples: SAMPLES, summary, ratios, checks, pass: Object.values(checks).every(Boolean) };

  const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');
  const rows: string[] = [];
  for (const size of SIZES) {
    for (const v of VARIANTS) {
      const s = summary[v.id]?.[size.name];
      if (!s) continue;
      rows.push(
        `| ${size.name.replace('mb', ' MB')} | ${v.label} | ${fmt(s.shown.median)} [p95 ${fmt(s.shown.p95)}] | ${fmt(s.worstLongTask.median)} [${fmt(s.worstLongTask.p95)}] | ${fmt(s.scrollMs.median)} | ${fmt(s.heapMB.median)} |`,
      );
    }
  }
  const yes = (b: boolean) => (b ? 'yes' : '**no**');
  updateBenchSection(
    'B4',
    `## B4: response viewer (${machineLine()}, Debian Chromium headless, ${SAMPLES} samples per cell after one warm-up round, variants interleaved)

\`tsx bench/b4-response-viewer.ts\` generates expense-shaped minified JSON (Export API v3 item layout, Pleo envelope) and builds three pages with Vite: the app's real \`ResponseViewer\` (worker-built row index + \`@tanstack/react-virtual\` rows), a raw \`<pre>\`, and the reference "worker pretty-print → CodeMirror 6 read-only" (CodeMirror is a dev dependency used only by this page). Times in ms, medians [p95]. "Shown" runs from the text being in memory to the first frame with content in the DOM; the long task is the worst main-thread task in that window + 300 ms (0 = no task reached the Long Tasks API's 50 ms threshold); "scroll" is the first frame after jumping to the middle; heap is the page's main-thread JS heap after a forced GC (worker heaps are not included, nor are large strings V8 keeps outside the heap, such as the fetched body: compare heaps across variants with care).

| Body | Variant | Shown | Worst long task | Scroll to middle | JS heap MB |
|---|---|---|---|---|---|
${rows.join('\n')}

| Target (B4) | Value | Pass |
|---|---|---|
| Shown ≤ 1.1× CM6 reference, 5 MB | ${ratios.shownVsCm6_5mb.toFixed(2)}× | ${yes(checks.shownAtMost1_1xCm6_5mb)} |
| Shown ≤ 1.1× CM6 reference, 20 MB | ${ratios.shownVsCm6_20mb.toFixed(2)}× | ${yes(checks.shownAtMost1_1xCm6_20mb)} |
| Worst long task ≤ 1.1× CM6 reference, 5 MB | ${ratios.longTaskVsCm6_5mb.toFixed(2)}× | ${yes(checks.longTaskAtMost1_1xCm6_5mb)} |
| Worst long task ≤ 1.1× CM6 reference, 20 MB | ${ratios.longTaskVsCm6_20mb.toFixed(2)}× | ${yes(checks.longTaskAtMost1_1xCm6_20mb)} |
| ≥ 3× faster than raw \`<pre>\` at 20 MB | ${ratios.preVsViewerShown_20mb.toFixed(1)}× | ${yes(checks.atLeast3xFasterThanPre_20mb)} |
| 5 MB shown < 600 ms and worst task < 200 ms | ${fmt(m('viewer', '5mb', 'shown'))} / ${fmt(m('viewer', '5mb', 'worstLongTask'))} ms | ${yes(checks.abs5mb)} |
| 20 MB shown < 1500 ms and worst task < 500 ms | ${fmt(m('viewer', '20mb', 'shown'))} / ${fmt(m('viewer', '20mb', 'worstLongTask'))} ms | ${yes(checks.abs20mb)} |
| Tree built on opt-in at 20 MB vs CM6 shown (information) | ${ratios.treeOptInVsCm6Shown_20mb.toFixed(2)}× | — |

Above 10 MB the viewer does not parse without the user's opt-in (B4): it shows the raw text as virtual rows at once, with a "Build the tree view" button; the "tree built" row measures that opt-in path.`,
  );
  console.log(JSON.stringify(result));
  if (!result.pass) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
