import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { RENDERER_META_CSP } from './src/shared/csp.js';

// The renderer is served from the app's own protocol (app://bundle/) in Electron and from a
// loopback static server in tests, so asset URLs are relative.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [
    react(),
    {
      // The CSP as a meta fallback, from the one definition in shared/csp.ts, first in <head>
      // so it applies before any script or style (issue 11 point 6).
      name: 'meta-csp',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_META_CSP }, injectTo: 'head-prepend' },
      ],
    },
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    target: 'es2022',
  },
  worker: { format: 'es' },
});
