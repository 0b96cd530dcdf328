/**
 * Builds the three bundles: main (ESM, every dependency bundled, see bundle-options.ts),
 * preload (CommonJS: sandboxed preloads cannot be ES modules; schema-free, no zod) and the
 * renderer (Vite). Then writes dist/licences.json from what the bundles contain.
 */
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { build as viteBuild } from 'vite';
import { mainBundleOptions, preloadBundleOptions } from './bundle-options.js';
import { collectLicences } from './licences.js';

const started = Date.now();
await rm('dist', { recursive: true, force: true });

const main = await build(mainBundleOptions('src/main/index.ts', 'dist/main'));

const preload = await build(preloadBundleOptions('src/preload/index.ts', 'dist/preload/index.cjs'));

// Vite's own module graph: every module id that went into the renderer's chunks.
const rendererModules = new Set<string>();
const collectModules: Plugin = {
  name: 'ppd-collect-modules',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk') for (const id of chunk.moduleIds) rendererModules.add(id);
    }
  },
};
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', plugins: [collectModules], worker: { plugins: () => [collectModules] } });

const packages = collectLicences(
  [...Object.keys(main.metafile?.inputs ?? {}), ...Object.keys(preload.metafile?.inputs ?? {}), ...rendererModules],
  process.cwd(),
);
await mkdir('dist', { recursive: true });
await writeFile('dist/licences.json', JSON.stringify({ generatedBy: 'scripts/build.ts', packages }, null, 2) + '\n');
console.log(`build: main, preload and renderer bundles and ${packages.length} licences in dist/ (${Date.now() - started} ms)`);
