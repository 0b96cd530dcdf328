/**
 * B3 (docs/benchmarks.md): the renderer's bundle size — initial JS (entry + its static imports)
 * and total, minified and gzip — against a React 19 hello page built by this same script with
 * the same Vite setup. Also checks that no code editor (CodeMirror, Monaco) is in the app's
 * bundle: the CodeMirror reference page of B4 must stay out of it.
 * Run: tsx bench/b3-bundle-size.ts   (prints one JSON line; updates docs/benchmarks.md)
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { REPO, kb, machineLine, updateBenchSection } from './lib/bench-doc.js';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

const TMP = path.join(REPO, '.tmp', 'bench-b3');

function sizesOf(files: string[], dir: string): Sizes {
  let min = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const buf = readFileSync(path.join(dir, f));
    min += buf.byteLength;
    gzip += gzipSync(buf, { level: 9 }).byteLength;
    brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
  }
  return { min, gzip, brotli };
}

/** Initial = entry chunk + everything it imports statically (what loads before first render). */
function analyse(outDir: string) {
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const allJs = readdirSync(path.join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const initialJs = [...initial].filter((f) => f.endsWith('.js'));
  const lazy = allJs.filter((f) => !initial.has(f));
  const editorIn = allJs.filter((f) =>
    /@codemirror|cm-editor|cm-content|monaco-editor|MonacoEnvironment/.test(readFileSync(path.join(outDir, f), 'utf8')),
  );
  return {
    initial: sizesOf(initialJs, outDir),
    total: sizesOf(allJs, outDir),
    lazyChunks: lazy.map((f) => ({ file: path.basename(f).replace(/-[\w-]{8}\.js$/, '.js'), ...sizesOf([f], outDir) })),
    editorChunks: editorIn,
  };
}

async function buildApp(outDir: string) {
  await build({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}

async function buildHello(outDir: string) {
  const root = path.join(TMP, 'hello-src');
  mkdirSync(root, { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Hello</title></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    path.join(root, 'main.tsx'),
    `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
function App() {
  const [n, setN] = useState(0);
  return <button type="button" onClick={() => setN(n + 1)}>Clicked {n} times</button>;
}
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
`,
  );
  await build({
    configFile: false,
    root,
    base: './',
    plugins: [react()],
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false, target: 'es2022' },
  });
}

async function main() {
  rmSync(TMP, { recursive: true, force: true });
  const appOut = path.join(TMP, 'app');
  const helloOut = path.join(TMP, 'hello');
  await buildHello(helloOut);
  await buildApp(appOut);
  const app = analyse(appOut);
  const hello = analyse(helloOut);
  // A measured anchor from a pilot build: "React + Monaco core" total 2,957 kB min.
  const MONACO_CORE_TOTAL_MIN = 2_957_000;
  const ratios = {
    initialGzipVsHello: app.initial.gzip / hello.initial.gzip,
    initialMinVsHello: app.initial.min / hello.initial.min,
    totalMinVsMonacoCore: app.total.min / MONACO_CORE_TOTAL_MIN,
  };
  const checks = {
    initialGzipAtMost2_5xHello: ratios.initialGzipVsHello <= 2.5,
    noEditorInAppBundle: app.editorChunks.length === 0,
    totalAtMostMonacoCore: ratios.totalMinVsMonacoCore <= 1,
  };
  const result = {
    bench: 'B3',
    app: { initial: app.initial, total: app.total, lazyChunks: app.lazyChunks },
    hello: { initial: hello.initial, total: hello.total },
    ratios,
    checks,
    pass: Object.values(checks).every(Boolean),
  };

  const rows = app.lazyChunks.map((c) => `| lazy: \`${c.file}\` | ${kb(c.min)} | ${kb(c.gzip)} |`).join('\n');
  updateBenchSection(
    'B3',
    `## B3: bundle size (${machineLine()})

\`tsx bench/b3-bundle-size.ts\` builds the renderer with the project's Vite config and a React 19 hello page (StrictMode, one button) with the same Vite version and React plugin, then sums the JS files of each build. Initial = entry chunk + its static imports (the manifest); lazy chunks load only when a screen needs them (the explorer view and the viewer's worker).

| Bundle | JS min | JS gzip | brotli |
|---|---|---|---|
| React hello (peer) | ${kb(hello.initial.min)} | ${kb(hello.initial.gzip)} | ${kb(hello.initial.brotli)} |
| App initial (entry + static imports) | ${kb(app.initial.min)} | ${kb(app.initial.gzip)} | ${kb(app.initial.brotli)} |
| App total (all JS, incl. lazy chunks and workers) | ${kb(app.total.min)} | ${kb(app.total.gzip)} | ${kb(app.total.brotli)} |
${rows}

| Check (target) | Value | Pass |
|---|---|---|
| Initial gzip ≤ 2.5× React hello | ${ratios.initialGzipVsHello.toFixed(2)}× | ${checks.initialGzipAtMost2_5xHello ? 'yes' : '**no**'} |
| No code editor in the app bundle (CodeMirror is only in the B4 reference page) | ${app.editorChunks.length === 0 ? 'none found' : app.editorChunks.join(', ')} | ${checks.noEditorInAppBundle ? 'yes' : '**no**'} |
| Total ≤ 1.0× "React + Monaco core" (2,957 kB min, pilot) | ${ratios.totalMinVsMonacoCore.toFixed(2)}× | ${checks.totalAtMostMonacoCore ? 'yes' : '**no**'} |

The response viewer needs no editor: it renders the JSON tree and the raw text with \`@tanstack/react-virtual\` rows sliced from the body by a worker-built index (see B4), so the choice of editor costs nothing here.`,
  );
  console.log(JSON.stringify(result));
  if (!result.pass) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
