import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendJson } from '../api/respond.js';
import type { FaultRegistry } from '../faults/fault-control.js';
import { readBody } from '../http/body.js';
import type { AccessLog } from '../log/access-log.js';
import type { SimulatorStats } from '../types.js';

/**
 * The HTTP control interface, mounted at `/__control/` only in test and demo mode (in normal
 * mode the path is an ordinary 404). It exposes what `sim.faults` and friends do in-process, so
 * tests in another process (or a demo presenter with curl) can drive the simulator:
 *
 *   GET    /__control/faults            list active rules
 *   POST   /__control/faults            replace the rules: a rule, an array, or { rules: [...] }
 *   PATCH  /__control/faults            add rules after the existing ones
 *   DELETE /__control/faults            remove all rules
 *   POST   /__control/revoke-all        { clientId? } revoke codes, tokens and grants
 *   GET    /__control/clock             { now, offsetMs }
 *   POST   /__control/clock             { advanceMs } move the clock forward
 *   POST   /__control/refresh-rotation  { enabled }
 *   GET    /__control/log               access log;  DELETE clears it
 *   GET    /__control/stats             counters
 */

export interface ControlDeps {
  faults: FaultRegistry;
  log: AccessLog;
  stats: () => SimulatorStats;
  revokeAll: (clientId?: string) => number;
  now: () => number;
  offsetMs: () => number;
  advanceClock: (ms: number) => void;
  setRefreshTokenRotation: (enabled: boolean) => void;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req, 256 * 1024)).toString('utf8').trim();
  return raw === '' ? {} : (JSON.parse(raw) as unknown);
}

function rulesFrom(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { rules?: unknown }).rules)) return (body as { rules: unknown[] }).rules;
  return [body];
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, deps: ControlDeps): Promise<void> {
  const method = req.method ?? 'GET';
  const route = `${method} ${pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__control':
        sendJson(res, 200, { endpoints: ['faults', 'revoke-all', 'clock', 'refresh-rotation', 'log', 'stats'] });
        return;
      case 'GET /__control/faults':
        sendJson(res, 200, { rules: deps.faults.list() });
        return;
      case 'POST /__control/faults':
      case 'PUT /__control/faults':
        sendJson(res, 200, { ids: deps.faults.set(rulesFrom(await jsonBody(req)) as never[]), rules: deps.faults.list() });
        return;
      case 'PATCH /__control/faults':
        sendJson(res, 200, { ids: deps.faults.add(rulesFrom(await jsonBody(req)) as never[]), rules: deps.faults.list() });
        return;
      case 'DELETE /__control/faults':
        deps.faults.clear();
        sendJson(res, 200, { rules: [] });
        return;
      case 'POST /__control/revoke-all': {
        const body = (await jsonBody(req)) as { clientId?: unknown };
        const clientId = typeof body.clientId === 'string' ? body.clientId : undefined;
        sendJson(res, 200, { revokedTokens: deps.revokeAll(clientId) });
        return;
      }
      case 'GET /__control/clock':
        sendJson(res, 200, { now: deps.now(), offsetMs: deps.offsetMs() });
        return;
      case 'POST /__control/clock': {
        const body = (await jsonBody(req)) as { advanceMs?: unknown };
        if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs) || body.advanceMs < 0) {
          sendJson(res, 400, { type: 'VALIDATION_FAILED', message: 'advanceMs must be a non-negative number' });
          return;
        }
        deps.advanceClock(body.advanceMs);
        sendJson(res, 200, { now: deps.now(), offsetMs: deps.offsetMs() });
        return;
      }
      case 'POST /__control/refresh-rotation': {
        const body = (await jsonBody(req)) as { enabled?: unknown };
        if (typeof body.enabled !== 'boolean') {
          sendJson(res, 400, { type: 'VALIDATION_FAILED', message: 'enabled must be a boolean' });
          return;
        }
        deps.setRefreshTokenRotation(body.enabled);
        sendJson(res, 200, { enabled: body.enabled });
        return;
      }
      case 'GET /__control/log':
        sendJson(res, 200, { entries: deps.log.list() });
        return;
      case 'DELETE /__control/log':
        deps.log.clear();
        sendJson(res, 200, { entries: [] });
        return;
      case 'GET /__control/stats':
        sendJson(res, 200, deps.stats());
        return;
      default:
        sendJson(res, 404, { type: 'NOT_FOUND', message: `No control endpoint ${route}` });
    }
  } catch (error) {
    sendJson(res, 400, { type: 'VALIDATION_FAILED', message: error instanceof Error ? error.message : String(error) });
  }
}
