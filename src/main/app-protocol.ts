/**
 * Serves the renderer bundle on app://bundle/ with the CSP as a response header (E-7, E-18).
 * The scheme is registered as privileged before ready so it behaves like a standard, secure
 * origin (module scripts, workers) without file:// privileges.
 */
import type { Protocol } from 'electron';
import { readBundleFile } from '../core/app/bundle-files.js';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from '../shared/csp.js';

// Privileges, checked against Electron 45 (electron.d.ts `registerSchemesAsPrivileged`, and
// electron/electron#51152 / #52498 on what corsEnabled does):
// - standard: needed. Gives the page a real origin (app://bundle) so relative URLs resolve,
//   `'self'` in the CSP matches and the renderer's same-origin module scripts, the lazy chunk
//   and the module Web Worker load.
// - secure: needed. A secure context, like https.
// - corsEnabled: deliberately false. Requests from app://bundle to app://bundle are
//   same-origin, which a standard scheme allows without it (Vite's `crossorigin` module scripts
//   and the worker included). Turning it on would make the bundle readable cross-origin
//   without any Access-Control-Allow-Origin check.
// - supportFetchAPI: false. The renderer never calls fetch() (CSP connect-src 'none').
// - codeCache: off for now. It is a start-up optimisation only (V8 code cache, needs
//   `standard`), not needed for correctness.
export const privilegedSchemes = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
];

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, bundleRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await readBundleFile(bundleRoot, url.pathname);
    return new Response(new Uint8Array(file.body), {
      status: file.status,
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    });
  });
}
