/**
 * The one-shot loopback receiver (RFC 8252 §7.3, §8.3; security-test-plan CB-20, CB-25..CB-29).
 * It listens on the loopback interface only, for one flow, on the exact registered path, and
 * closes after the callback (or when the flow ends). Anything on the machine can reach it,
 * so it answers strangers without effect: wrong path 404, wrong method 405, a foreign Host
 * header 421 (DNS rebinding), an oversized request 414/431, and never sends CORS headers.
 *
 * The answer page is self-contained (no external resources, no links), sent with
 * `Referrer-Policy: no-referrer`, `Cache-Control: no-store` and a CSP that allows only its own
 * inline style by hash. A valid callback gets a 303 to `/done` so the code leaves the
 * address bar (B-9, CB-29).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from './server-text.js';

export type LoopbackVerdict =
  | { kind: 'accepted' }
  /** The flow ended on this callback with an error (e.g. access_denied). */
  | { kind: 'rejected'; message: string; hint?: string }
  /** Not this flow's callback; the flow keeps waiting. */
  | { kind: 'ignored'; message: string };

export interface LoopbackReceiver {
  /** The redirect URI to send: the registered one with the port actually bound. */
  redirectUri: string;
  port: number;
  /** Closes at once, or (`afterAnswer`) once the browser has fetched /done or the grace ran out. */
  close(options?: { afterAnswer?: boolean }): Promise<void>;
  isClosed(): boolean;
}

export class LoopbackBindError extends Error {
  constructor(
    readonly code: string,
    cause: unknown,
  ) {
    super(`could not listen on the loopback port (${code})`, { cause });
    this.name = 'LoopbackBindError';
  }
}

export const MAX_LOOPBACK_REQUEST_TARGET = 8192;
const DONE_PATH = '/done';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f5f1;color:#1f1f1f}main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}h1{font-size:1.25rem;margin:0 0 .5rem}';
const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');
export const LOOPBACK_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} – Pleo Partner Desktop</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}

function send(res: http.ServerResponse, status: number, title: string, text: string, extra: Record<string, string> = {}): void {
  const body = page(title, text);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': LOOPBACK_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    Connection: 'close',
    ...extra,
  });
  res.end(body);
}

export async function startLoopbackReceiver(options: {
  /** The registered redirect URI (already classified as loopback by url-policy). */
  registered: URL;
  onCallback: (callbackUrl: string) => LoopbackVerdict;
  /** How long the listener stays up for the /done page after a callback (default 2 s). */
  graceMs?: number;
}): Promise<LoopbackReceiver> {
  const { registered } = options;
  const bindHost = registered.hostname === '[::1]' ? '::1' : '127.0.0.1';
  const wantedPort = registered.port ? Number(registered.port) : 0;
  let closed = false;
  let closeAfterDone = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let port = 0;

  const server = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 30_000 }, (req, res) => {
    const target = req.url ?? '';
    if (target.length > MAX_LOOPBACK_REQUEST_TARGET) return send(res, 414, 'Request too long', 'This address is not one the app expects.');
    const expectedHost = `${registered.hostname}:${port}`.toLowerCase();
    if ((req.headers.host ?? '').toLowerCase() !== expectedHost)
      return send(res, 421, 'Wrong address', 'This address is not one the app expects.');
    if (!target.startsWith('/') || target.startsWith('//')) return send(res, 400, 'Not found', 'This address is not one the app expects.');
    let pathname: string;
    try {
      pathname = new URL(target, `http://${expectedHost}`).pathname;
    } catch {
      return send(res, 400, 'Not found', 'This address is not one the app expects.');
    }
    if (pathname === DONE_PATH && pathname !== registered.pathname) {
      send(res, 200, 'You can close this tab', 'Pleo Partner Desktop received the sign-in response. Return to the app to see the result.');
      if (closeAfterDone) res.on('finish', () => void shutdown());
      return;
    }
    if (pathname !== registered.pathname) return send(res, 404, 'Not found', 'This address is not one the app expects.');
    if (req.method !== 'GET') return send(res, 405, 'Not allowed', 'This address is not one the app expects.', { Allow: 'GET' });
    const verdict = options.onCallback(`${registered.protocol}//${expectedHost}${target}`);
    if (verdict.kind === 'accepted') {
      res.writeHead(303, {
        Location: DONE_PATH,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'Content-Length': 0,
        Connection: 'close',
      });
      return res.end();
    }
    if (verdict.kind === 'rejected')
      return send(res, 200, 'Sign-in not completed', `${verdict.message}${verdict.hint ? ` ${verdict.hint}` : ''}`);
    return send(res, 400, 'Not expected', verdict.message);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  const shutdown = async () => {
    if (closed) return;
    closed = true;
    if (graceTimer) clearTimeout(graceTimer);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new LoopbackBindError(error.code ?? 'UNKNOWN', error)));
    // Loopback interface only: never 0.0.0.0 (CB-28). `exclusive` keeps cluster workers off it.
    server.listen({ host: bindHost, port: wantedPort, exclusive: true }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.unref();

  return {
    redirectUri: `${registered.protocol}//${registered.hostname}:${port}${registered.pathname}`,
    port,
    async close(closeOptions) {
      if (closed) return;
      if (closeOptions?.afterAnswer) {
        closeAfterDone = true;
        graceTimer = setTimeout(() => void shutdown(), options.graceMs ?? 2000);
        graceTimer.unref?.();
        return;
      }
      await shutdown();
    },
    isClosed: () => closed,
  };
}
