/**
 * esbuild options for main's bundle, shared by scripts/build.ts, the bench (B9) and the
 * bundled-simulator test, so all three exercise the same packaging.
 *
 * Every pure-JS dependency (zod, oidc-provider, electron-store, oauth4webapi and their trees) is
 * bundled, so the asar holds no node_modules at all. The one native module, keytar, is bundled
 * too: its small JS wrapper is inlined, and its compiled `keytar.node` is copied next to the
 * bundle (the "copy" loader rewrites the require to the copy). electron-builder unpacks it
 * beside the asar (asarUnpack in electron-builder.yml), because a native library cannot be
 * loaded from inside an archive. Only `electron` stays external: the runtime provides it.
 */
import type { BuildOptions } from 'esbuild';

export function mainBundleOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Code behind a dynamic import() (the simulator with oidc-provider, electron-store, keytar)
    // goes into its own chunk, loaded only when first needed: start-up evaluates less (B9).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['electron'],
    loader: { '.node': 'copy' },
    // CommonJS packages inside an ES module bundle call require(): give them the real one,
    // resolved from the bundle's own location (also what loads the copied keytar.node).
    banner: {
      js: "import { createRequire as __ppdCreateRequire } from 'node:module'; const require = __ppdCreateRequire(import.meta.url);",
    },
    metafile: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * The preload: CommonJS (sandboxed preloads cannot be ES modules), only `electron` external.
 * It imports the schema-free partner-api.ts, so it carries no zod (channel-names.test.ts).
 */
export function preloadBundleOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  };
}
