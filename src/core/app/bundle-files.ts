/**
 * Serves files of the built renderer for the app:// protocol (Electron) and the test host.
 * Only files under the bundle root are served: the path is decoded, normalised and the real
 * path compared against the root's real path, so "../", "%2e%2e%2f" and symlinks pointing
 * out are refused (security-test-plan NAV-11).
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type BundleFile = { status: 200; body: Buffer; contentType: string } | { status: 403 | 404; body: Buffer; contentType: string };

export async function readBundleFile(root: string, urlPath: string): Promise<BundleFile> {
  const notFound = { status: 404 as const, body: Buffer.from('Not found'), contentType: 'text/plain; charset=utf-8' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return notFound;
  }
  if (decoded.includes('\0')) return notFound;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootReal = await realpath(root);
  const candidate = path.resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) return { status: 403, body: Buffer.from('Forbidden'), contentType: 'text/plain; charset=utf-8' };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return notFound;
  }
  if (!isInside(rootReal, real)) return { status: 403, body: Buffer.from('Forbidden'), contentType: 'text/plain; charset=utf-8' };
  try {
    const body = await readFile(real);
    return { status: 200, body, contentType: TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return notFound;
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' ? !rel.startsWith('..') && !path.isAbsolute(rel) : true;
}
