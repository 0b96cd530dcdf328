/**
 * Builds the three bundles: main (ESM, Node packages left external and shipped in the asar),
 * preload (CommonJS: sandboxed preloads cannot be ES modules) and the renderer (Vite).
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const started = Date.now();
await rm('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/main/index.ts'],
  outfile: 'dist/main/index.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/preload/index.ts'],
  outfile: 'dist/preload/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
});

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`build: main, preload and renderer bundles in dist/ (${Date.now() - started} ms)`);
