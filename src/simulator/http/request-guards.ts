import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the simulator (security issue 11, point 1).
 *
 * Host check, every request: a web page can make a name it controls resolve to 127.0.0.1
 * (DNS rebinding) and then read the simulator's answers as same-origin. The browser still sends
 * the page's own name in `Host`, so only the names the simulator is really reached by are
 * answered: the bound address with its port, and `localhost` with the same port.
 *
 * Control interface (`/__control/*`, test and demo mode): a per-run secret in the
 * `X-Simulator-Control` header, and no browser context at all. A page on another loopback
 * origin can send a "simple" cross-origin POST without reading the answer, but it cannot set a
 * custom header without a CORS preflight the simulator never grants, and it always sends
 * `Origin` / `Sec-Fetch-Site`, which are refused here.
 */

export const CONTROL_SECRET_HEADER = 'x-simulator-control';

export function allowedHosts(origin: string): Set<string> {
  const url = new URL(origin);
  return new Set([url.host.toLowerCase(), `localhost:${url.port}`]);
}

export function hostAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

export type ControlVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function checkControlRequest(req: IncomingMessage, secret: string): ControlVerdict {
  const fetchSite = req.headers['sec-fetch-site'];
  if (req.headers.origin !== undefined || (fetchSite !== undefined && fetchSite !== 'none')) {
    return { ok: false, status: 403, message: 'The control interface does not answer web pages.' };
  }
  const given = req.headers[CONTROL_SECRET_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, secret)) {
    return {
      ok: false,
      status: 401,
      message: `The control interface needs the ${CONTROL_SECRET_HEADER} header printed when the simulator started.`,
    };
  }
  return { ok: true };
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
