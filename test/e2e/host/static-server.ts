import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBundleFile } from '../../../src/core/app/bundle-files.js';
import { RENDERER_CSP } from '../../../src/shared/csp.js';

/**
 * Serves the built renderer on 127.0.0.1 with the production CSP header, so the UI runs in
 * Chromium under the same policy as in the app:// protocol (module scripts and workers do not
 * load from file://).
 */
export async function startStaticServer(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const file = await readBundleFile(root, new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(file.status, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
