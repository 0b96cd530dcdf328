import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendJson } from './api/respond.js';
import { BodyTooLargeError, readBody } from './http/body.js';
import type { FaultRegistry } from './faults/fault-control.js';
import { runWithFault, type FaultRuntime } from './faults/apply-fault.js';
import type { AccessLog } from './log/access-log.js';
import { annotate, annotationsOf } from './log/annotations.js';
import { allowedHosts, checkControlRequest, hostAllowed } from './http/request-guards.js';

/**
 * Front door of the simulator: one origin serves the authorization server (`/oauth/*`), its
 * login and consent pages (`/interaction/*`), the External API (everything else) and, in test
 * and demo mode, the control interface (`/__control/*`). Every request is logged, and fault
 * rules are applied here so they work the same for every route.
 */

export interface DispatchDeps {
  origin: string;
  now: () => number;
  log: AccessLog;
  faults: FaultRegistry;
  controlEnabled: boolean;
  /** Per-run secret the control interface requires (see http/request-guards.ts). */
  controlSecret?: string;
  timers: Set<NodeJS.Timeout>;
  closing: () => boolean;
  provider: (req: IncomingMessage, res: ServerResponse) => void;
  interaction: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;
  api: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  control: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;
}

function authKind(req: IncomingMessage): 'basic' | 'bearer' | 'other' | 'none' {
  const header = req.headers.authorization;
  if (!header) return 'none';
  if (/^basic /i.test(header)) return 'basic';
  if (/^bearer /i.test(header)) return 'bearer';
  return 'other';
}

export function createDispatcher(deps: DispatchDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const hosts = allowedHosts(deps.origin);
  return (req, res) => {
    if (!hostAllowed(req, hosts)) {
      // DNS rebinding: a page on another name that resolves to 127.0.0.1 (request-guards.ts).
      sendJson(res, 421, {
        type: 'MISDIRECTED_REQUEST',
        message: 'This simulator answers only requests addressed to its own loopback address.',
      });
      return;
    }
    const started = performance.now();
    const at = deps.now();
    const seq = deps.log.nextSeq();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', deps.origin);
    } catch {
      sendJson(res, 400, { type: 'BAD_REQUEST', message: 'Malformed request target' });
      return;
    }
    res.on('close', () => {
      const facts = annotationsOf(req);
      deps.log.record({
        seq,
        at,
        method: req.method ?? 'GET',
        path: url.pathname,
        queryKeys: [...new Set(url.searchParams.keys())],
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        auth: authKind(req),
        ...(facts.grantType ? { grantType: facts.grantType } : {}),
        ...(facts.clientId ? { clientId: facts.clientId } : {}),
        ...(facts.fault ? { fault: facts.fault } : {}),
        ...(facts.error ? { error: facts.error } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    dispatch(req, res, url, deps).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError && !res.headersSent) {
        // An oversized login form, or token request read here for a grant-type fault rule.
        sendJson(res, 413, { type: 'PAYLOAD_TOO_LARGE', message: error.message });
        return;
      }
      process.stderr.write(`pleo-simulator: request failed: ${String((error as Error)?.stack ?? error)}\n`);
      if (!res.headersSent) sendJson(res, 500, { type: 'INTERNAL_ERROR', message: 'The simulator failed to handle this request' });
      else res.destroy();
    });
  };
}

async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL, deps: DispatchDeps): Promise<void> {
  const { pathname } = url;
  const method = req.method ?? 'GET';

  if (pathname === '/__control' || pathname.startsWith('/__control/')) {
    if (deps.controlEnabled && deps.controlSecret) {
      const verdict = checkControlRequest(req, deps.controlSecret);
      if (verdict.ok) await deps.control(req, res, pathname);
      else sendJson(res, verdict.status, { type: verdict.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: verdict.message });
    } else {
      // In normal mode (or with HTTP control off, as in the app) the control interface does not
      // exist: answer like any unknown API path.
      sendJson(res, 404, { type: 'NOT_FOUND', message: `No such endpoint: ${method} ${pathname}` });
    }
    return;
  }

  // A fault aimed at one grant type needs the token request's body before oidc-provider reads
  // it. The body is then handed over as req.body, which oidc-provider accepts.
  let grantType: string | undefined;
  if (method === 'POST' && deps.faults.needsGrantType(pathname)) {
    const body = await readBody(req, 56 * 1024);
    grantType = new URLSearchParams(body.toString('utf8')).get('grant_type') ?? undefined;
    (req as IncomingMessage & { body?: Buffer }).body = body;
    annotate(req, { grantType });
  }

  const route = async (): Promise<void> => {
    if (pathname.startsWith('/oauth/')) {
      deps.provider(req, res);
    } else if (pathname.startsWith('/interaction/')) {
      await deps.interaction(req, res, pathname);
    } else {
      await deps.api(req, res, url);
    }
  };

  const rule = deps.faults.match({ pathname, method, grantType });
  if (!rule) {
    await route();
    return;
  }
  const describe = `#${rule.id} ${rule.action?.type ?? 'delay'}${rule.delayMs ? ` +${rule.delayMs}ms` : ''}`;
  const deferred = rule.action?.type === 'redirect-params';
  if (!deferred) {
    deps.faults.consume(rule);
    annotate(req, { fault: describe });
  }
  const runtime: FaultRuntime = {
    timers: deps.timers,
    oauth: pathname.startsWith('/oauth/'),
    closing: deps.closing,
    consumed: () => {
      deps.faults.consume(rule);
      annotate(req, { fault: describe });
    },
  };
  await runWithFault(rule, req, res, route, runtime);
}
