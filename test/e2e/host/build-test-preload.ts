import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Bundles test-preload.ts to one IIFE string (the contract + zod + buildPartnerApi). */
export async function buildTestPreload(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./test-preload.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
