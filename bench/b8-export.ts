/**
 * B8 (benchmarks.md): export throughput and memory. 100,000 expense-shaped export items from a
 * mock Export API in a child process (bench/b8/mock-export-api.ts), at page sizes 100 and
 * 1,000, written to a CSV file on disk. Each sample runs in its own fresh Node process, so peak
 * RSS growth (`resourceUsage().maxRSS` at the end minus RSS before the run) belongs to that
 * variant alone. Variants, interleaved:
 * - floor: the same fetch loop discarding bodies;
 * - reference: bare `fetch` + `JSON.parse` + naive CSV (`fs.createWriteStream`);
 * - app pipeline: the real export module's item pager (explorer sender + token manager seam)
 *   and CSV writer: fetch -> write, the work the reference does;
 * - app full run: `runExport` as the app runs it: fetch (one page ahead) -> CSV -> item statuses
 *   in batches of 100 -> checkpoint in a conf settings file after every batch -> final event;
 * - reference full: the reference plus the same status PUTs (bare fetch), for the full run's ratio.
 * And with LATENCY_MS=50 per page (page 1,000): the app full run against the sequential bound
 * page_size / latency.
 * Run: tsx bench/b8-export.ts   (prints one JSON line; updates docs/benchmarks.md)
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Conf from 'conf';
import { REPO, machineLine, median, updateBenchSection } from './lib/bench-doc.js';

const ITEMS = Number(process.env.B8_ITEMS ?? 100_000);
/** Items of the 50 ms-per-page runs (a sequential run of 100,000 at page 100 would take 100 s). */
const SLOW_ITEMS = Number(process.env.B8_SLOW_ITEMS ?? 20_000);
const REPS = Number(process.env.B8_REPS ?? 3);
/** A fifth of the items: what the RSS growth is at 100,000 minus at 20,000 grows with the item count. */
const FEW_ITEMS = Math.round(ITEMS / 5);
const VARIANTS = ['floor', 'reference', 'pipeline', 'full', 'reference-full'] as const;
/** With 50 ms per page: the app's full run by cursor, and by offset with 1 and 4 pages at once. */
const SLOW_VARIANTS = ['full', 'full-offset1', 'full-offset4'] as const;
type Variant = (typeof VARIANTS)[number] | (typeof SLOW_VARIANTS)[number];
interface Sample {
  variant: Variant;
  pageSize: number;
  items: number;
  ms: number;
  itemsPerSec: number;
  rssGrowthMb: number;
  /** Without the young-generation warm-up subtracted (what the process grew by in all). */
  rawRssGrowthMb: number;
  latencyMs: number;
}

async function runOne(variant: Variant, pageSize: number, base: string, job: string, total: number): Promise<Omit<Sample, 'latencyMs'>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-b8-'));
  const file = path.join(dir, 'export.csv');
  // Warm-up outside the measurement: modules loaded, the HTTP client's first connection and one
  // page parsed, so RSS growth measures what grows with the number of items, not start-up.
  await import('../src/core/export/export-run.js');
  const firstPage = await (
    await fetch(`${base}/v3/export-items?job_id=${job}&limit=1000`, { headers: { authorization: 'Bearer b8' } })
  ).text();
  global.gc?.();
  const rssStart = process.memoryUsage.rss();
  // Then the same for every variant: parse a 1,000-item page 40 times holding the last 3, as any
  // paging loop does. V8 grows its young generation (up to 2 × 16 MB semi-spaces on Node 20)
  // and keeps it committed; that growth happens in any run of more than a few pages, whatever
  // the code keeps, so it is measured here once and reported apart ("raw" includes it).
  const held: unknown[] = [];
  for (let i = 0; i < 40; i++) {
    held.push(JSON.parse(firstPage));
    if (held.length > 3) held.shift();
  }
  held.length = 0;
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const t0 = performance.now();
  let items = 0;
  try {
    if (variant === 'floor' || variant === 'reference' || variant === 'reference-full') {
      const out = variant === 'floor' ? undefined : createWriteStream(file);
      let after: string | undefined;
      for (;;) {
        const res = await fetch(`${base}/v3/export-items?job_id=${job}&limit=${pageSize}${after ? `&after=${after}` : ''}`, {
          headers: { authorization: 'Bearer b8' },
        });
        if (variant === 'floor') {
          // The floor still needs the cursor: read it from the tail of the body without parsing.
          const text = await res.text();
          const m = /"hasNextPage":(true|false)[^}]*"endCursor":"([^"]+)"/.exec(text.slice(-400));
          items += Math.min(pageSize, total - items);
          if (!m || m[1] !== 'true') break;
          after = m[2];
          continue;
        }
        type RefItem = {
          accountingEntryId: string;
          date: string;
          type: string;
          note?: string | null;
          amount: { inWalletCurrency: { value: number; currency: string } };
          supplier?: { name?: string } | null;
        };
        const body = JSON.parse(await res.text()) as { data: RefItem[]; pagination: { hasNextPage: boolean; endCursor: string } };
        let csv = '';
        for (const it of body.data) {
          csv += `${it.accountingEntryId},${it.date},${it.type},${it.amount.inWalletCurrency.value},${it.amount.inWalletCurrency.currency},${JSON.stringify(it.note ?? '')},${it.supplier?.name ?? ''}\n`;
        }
        if (!out!.write(csv)) await new Promise<void>((r) => out!.once('drain', () => r()));
        if (variant === 'reference-full') {
          for (let i = 0; i < body.data.length; i += 100) {
            const batch = body.data.slice(i, i + 100).map((it) => ({ accountingEntryId: it.accountingEntryId, status: 'successful' }));
            const put = await fetch(`${base}/v3/export-jobs/${job}/items`, {
              method: 'PUT',
              headers: { authorization: 'Bearer b8', 'content-type': 'application/json' },
              body: JSON.stringify(batch),
            });
            await put.text();
          }
        }
        items += body.data.length;
        if (!body.pagination.hasNextPage) break;
        after = body.pagination.endCursor;
      }
      await new Promise<void>((r) => (out ? out.end(r) : r()));
    } else {
      const { createExportHttp } = await import('../src/core/export/export-http.js');
      const env = { id: 'simulator', kind: 'simulator', apiBase: base } as never;
      const auth = { resolveEnvironment: async () => env, getAccessToken: async () => 'b8-token' } as never;
      const http = createExportHttp({
        auth,
        environmentId: 'simulator',
        appVersion: 'bench',
        now: () => Date.now(),
        sleep: async () => undefined,
      });
      if (variant === 'pipeline') {
        const { itemPages } = await import('../src/core/export/item-pager.js');
        const { openCsvTarget } = await import('../src/core/export/csv-writer.js');
        const target = await openCsvTarget(file);
        for await (const page of itemPages(http, job, undefined, pageSize)) {
          await target.writePage(page.items);
          items += page.items.length;
        }
        await target.close();
      } else {
        const { runExport } = await import('../src/core/export/export-run.js');
        const { createCheckpointStore } = await import('../src/core/export/checkpoint.js');
        const settings = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as never;
        const checkpoints = createCheckpointStore(settings);
        const cp = {
          version: 1 as const,
          environmentId: 'simulator',
          jobId: job,
          targetPath: file,
          total,
          reportedAtPage: 0,
          batchesDoneInPage: 0,
          reported: 0,
          csvBytesAtPage: 0,
          failed: 0,
          reportErrors: 0,
          failureTypes: {},
          failRows: [],
          pageSize,
          ...(variant === 'full' ? {} : { paging: 'offset' as const }),
          startedAt: Date.now(),
          resumed: 0,
          retries: 0,
        };
        checkpoints.save(cp);
        const { summary } = await runExport(cp, {
          http,
          checkpoints,
          now: () => Date.now(),
          signal: new AbortController().signal,
          hooks: { onProgress: () => undefined },
          concurrency: variant === 'full-offset4' ? 4 : 1,
        });
        items = summary.items;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    variant,
    pageSize,
    items,
    ms,
    itemsPerSec: (items / ms) * 1000,
    rssGrowthMb: Math.max(0, peak - rssBefore) / 1e6,
    rawRssGrowthMb: Math.max(0, peak - rssStart) / 1e6,
  };
}

async function startMock(latencyMs: number, items: number): Promise<{ url: string; job: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/b8/mock-export-api.ts')], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, B8_ITEMS: String(items), LATENCY_MS: String(latencyMs) },
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(buffer.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`mock exited (${code})`)));
  });
  const info = JSON.parse(line) as { url: string; job: string };
  return { ...info, stop: () => child.stdin.end() };
}

function sample(variant: Variant, pageSize: number, url: string, job: string, latencyMs: number, total = ITEMS): Sample {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(REPO, 'bench/b8-export.ts'), 'run', variant, String(pageSize), url, job, String(total)],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`${variant}/${pageSize} failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as Omit<Sample, 'latencyMs'>;
  if (result.items !== total) throw new Error(`${variant}/${pageSize} exported ${result.items} of ${total} items`);
  return { ...result, latencyMs };
}

async function main(): Promise<void> {
  const samples: Sample[] = [];
  const mock = await startMock(0, ITEMS);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      for (const pageSize of [100, 1000]) {
        for (const v of VARIANTS) samples.push(sample(v, pageSize, mock.url, mock.job, 0));
      }
    }
  } finally {
    mock.stop();
  }
  const few = await startMock(0, FEW_ITEMS);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      for (const pageSize of [100, 1000]) {
        for (const v of ['floor', 'pipeline', 'full'] as const) samples.push(sample(v, pageSize, few.url, few.job, 0, FEW_ITEMS));
      }
    }
  } finally {
    few.stop();
  }
  const slow = await startMock(50, SLOW_ITEMS);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      for (const pageSize of [100, 1000]) {
        for (const v of SLOW_VARIANTS) samples.push(sample(v, pageSize, slow.url, slow.job, 50, SLOW_ITEMS));
      }
    }
  } finally {
    slow.stop();
  }
  const cell = (v: Variant, p: number, latency = 0, items = latency ? SLOW_ITEMS : ITEMS) => {
    const s = samples.filter((x) => x.variant === v && x.pageSize === p && x.latencyMs === latency && x.items === items);
    return {
      ips: median(s.map((x) => x.itemsPerSec)),
      rss: Math.max(...s.map((x) => x.rssGrowthMb)),
      rssMedian: median(s.map((x) => x.rssGrowthMb)),
      raw: Math.max(...s.map((x) => x.rawRssGrowthMb)),
    };
  };
  const names: Record<Variant, string> = {
    'full-offset1': 'App full run, offset paging, 1 page at a time',
    'full-offset4': 'App full run, offset paging, 4 pages at once',
    floor: 'Floor: fetch loop, bodies discarded',
    reference: 'Reference: fetch + JSON.parse + naive CSV',
    pipeline: 'App pipeline: item pager + CSV writer',
    full: 'App full run: + statuses (batches of 100), checkpoint, final event',
    'reference-full': 'Reference + the same status PUTs',
  };
  const rows: string[] = [];
  for (const p of [100, 1000])
    for (const v of VARIANTS) {
      const c = cell(v, p);
      rows.push(`| ${p} | 0 | ${names[v]} | ${Math.round(c.ips).toLocaleString('en')} | ${c.rss.toFixed(1)} | ${c.raw.toFixed(1)} |`);
    }
  for (const p of [100, 1000])
    for (const v of ['floor', 'pipeline', 'full'] as const) {
      const c = cell(v, p, 0, FEW_ITEMS);
      rows.push(
        `| ${p} | 0 | ${names[v]}, ${FEW_ITEMS.toLocaleString('en')} items | ${Math.round(c.ips).toLocaleString('en')} | ${c.rss.toFixed(1)} | ${c.raw.toFixed(1)} |`,
      );
    }
  for (const p of [100, 1000])
    for (const v of SLOW_VARIANTS) {
      const c = cell(v, p, 50);
      rows.push(
        `| ${p} | 50 | ${names[v]}${v === 'full' ? ' (cursor paging)' : ''} | ${Math.round(c.ips).toLocaleString('en')} | ${c.rss.toFixed(1)} | ${c.raw.toFixed(1)} |`,
      );
    }
  const checks: Array<[string, string, boolean]> = [];
  for (const p of [100, 1000]) {
    const ratio = cell('pipeline', p).ips / cell('reference', p).ips;
    checks.push([`App pipeline ≥ 0.7× reference items/s, page ${p}`, `${ratio.toFixed(2)}×`, ratio >= 0.7]);
    const full = cell('full', p).ips / cell('reference-full', p).ips;
    checks.push([`App full run ≥ 0.7× reference with the same status PUTs, page ${p}`, `${full.toFixed(2)}×`, full >= 0.7]);
    const rss = Math.max(cell('pipeline', p).rss, cell('full', p).rss);
    checks.push([
      `Peak RSS growth < 50 MB for ${ITEMS.toLocaleString('en')} items (app, page ${p}; after the young-generation warm-up)`,
      `${rss.toFixed(1)} MB`,
      rss < 50,
    ]);
    // Streaming means nothing grows with the item count: growth at 100,000 minus at 20,000 (medians).
    const growth = (v: Variant) => cell(v, p).rssMedian - cell(v, p, 0, FEW_ITEMS).rssMedian;
    const withItems = Math.max(growth('pipeline'), growth('full'));
    checks.push([
      `RSS growth that grows with the item count < 50 MB (app, page ${p}: ${ITEMS.toLocaleString('en')} minus ${FEW_ITEMS.toLocaleString('en')} items, medians)`,
      `${withItems.toFixed(1)} MB (floor ${growth('floor').toFixed(1)})`,
      withItems < 50,
    ]);
    const raw = Math.max(cell('pipeline', p).raw, cell('full', p).raw);
    checks.push([
      `Raw peak RSS growth, young generation included (app, page ${p}; information)`,
      `${raw.toFixed(1)} MB (floor ${cell('floor', p).raw.toFixed(1)})`,
      raw < 50,
    ]);
  }
  const bound = 1000 / 0.05;
  for (const v of ['full', 'full-offset4'] as const) {
    const ips = cell(v, 1000, 50).ips;
    checks.push([
      `50 ms per page, page 1,000: app full run (${v === 'full' ? 'cursor paging' : 'offset paging, 4 at once'}) ≥ 0.9× sequential bound (20,000 items/s)`,
      `${(ips / bound).toFixed(2)}× (${Math.round(ips).toLocaleString('en')}/s)`,
      ips / bound >= 0.9,
    ]);
  }
  for (const p of [100, 1000]) {
    const ratio = cell('full-offset4', p, 50).ips / cell('full-offset1', p, 50).ips;
    checks.push([`50 ms per page, page ${p}: offset paging, 4 pages at once ≥ 3× one at a time`, `${ratio.toFixed(2)}×`, ratio >= 3]);
  }
  const md = `## B8: export throughput and memory (${machineLine()}, ${REPS} samples per cell, median items/s, worst RSS growth)

\`tsx bench/b8-export.ts\` serves ${ITEMS.toLocaleString('en')} expense-shaped export items (≈ 1.3 kB each, Export API v3 layout) from a mock API in a child process and runs every sample in its own fresh Node process, variants interleaved; the 50 ms-per-page runs serve ${SLOW_ITEMS.toLocaleString('en')} items (a sequential run of 100,000 at page 100 would take 100 s; the targets there are rates and ratios). Peak RSS growth = peak RSS of the process (\`resourceUsage().maxRSS\`) minus RSS after a warm-up that is the same for every variant: modules loaded, one page fetched, then a 1,000-item page parsed 40 times holding the last 3, which makes V8 commit its young generation (2 × 16 MB semi-spaces on Node 20; it stays committed). Raw RSS growth is measured from before that warm-up, so it includes the young generation; it is the number an earlier version of this table showed.

| Page size | Latency ms/page | Variant | Items/s | Peak RSS growth MB | Raw RSS growth MB |
|---|---|---|---|---|---|
${rows.join('\n')}

| Check (target from benchmarks.md B8) | Value | Pass |
|---|---|---|
${checks.map(([a, b, c]) => `| ${a} | ${b} | ${c ? 'yes' : 'no'} |`).join('\n')}

How to read it. This machine is shared by several build jobs, so absolute rates are noisy and far below the pilot's; the targets are ratios within one run. **Memory:** the raw growth of every variant, including the floor that keeps nothing, starts with V8 committing its young generation (≈ 30-45 MB, taken out by the warm-up); after that the floor still grows by about 50 MB, because V8 lets the old generation fill with the garbage of finished pages (each 1,000-item page is a 1.3 MB string plus its parsed objects) before it collects, and how far it lets it fill varies from run to run. So the single "peak RSS growth < 50 MB" number is decided by V8's collection timing as much as by the code, for the floor too. What the target means, memory that does not grow with the number of items (streaming), is checked directly: the growth at ${ITEMS.toLocaleString('en')} items minus the growth at ${FEW_ITEMS.toLocaleString('en')}, medians per cell. Nothing in the export holds more than three pages (download, write, report; with offset paging, four downloads). **Full run:** the checkpoint used to be rewritten in the settings file (atomic write, fsync, rename) after every acknowledged batch of 100; now each batch appends one line to a journal file of its own (\`write\` + \`fdatasync\` off the event loop), and the settings file is written at start, resume and end only. The batches of one page are sent up to 4 at once; each acknowledged batch journals its index, so a resume after a crash skips exactly the acknowledged ones (pages are still reported in order); writing page N+1 to the CSV overlaps reporting page N. The full run sends one status PUT per 100 items with exportedAt and externalId, so it is compared with a reference that sends the same PUTs (with only id and status) one after another, without journal; before the app's PUTs went 4 at once, the page-1,000 full run stayed at ≈ 0.6× of it (one journal \`fdatasync\` and one round trip per 100 items, in series). **50 ms per page:** with cursor paging the next page can only be asked for once the previous page has arrived (its endCursor names it), so a page costs 50 ms plus the mock's time to build it and the transfer and parse of ≈ 1.3 MB; 0.9× of page_size/latency would need those to take under 6 ms. Pleo's spec (GET /v3/export-items) also offers \`offset\`; with offsets the app can download 4 pages at once (\`ExportOptions.paging: 'offset'\`), and then the run is bound by CPU, not latency: the 0.9× target is a CPU target on this machine. Offset paging is not the default, because Pleo does not say that a job's item order is stable between requests; cursor paging does not depend on that. At page 1,000 four pages at once cannot be 3× faster than one when one page's processing (≈ 50 ms of CPU here) is already as long as the latency; at page 100 the latency dominates and concurrency pays.`;
  updateBenchSection('B8', md);
  console.log(md);
  console.log(JSON.stringify({ id: 'B8', checks: checks.map(([what, value, pass]) => ({ what, value, pass })) }));
}

if (process.argv[2] === 'run') {
  const [, , , variant, pageSize, url, job, total] = process.argv;
  runOne(variant as Variant, Number(pageSize), url!, job!, Number(total ?? ITEMS)).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
