import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { start } from './helpers.js';

/**
 * Security issue 11, point 1: the control interface (`/__control/*`) and the simulator's pages
 * answer only who they should. Raw node:http is used so the tests can send exactly the
 * headers a browser or another local program would (fetch does not let a caller set Host).
 */
interface Raw {
  status: number;
  body: string;
}

function send(
  sim: Simulator,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  const url = new URL(path, sim.info.apiBase);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const FAULT = JSON.stringify({
  target: 'authorize',
  action: { type: 'status', status: 302, headers: { location: 'https://evil.example/' } },
});

describe('simulator control interface and Host checks (issue 11 point 1)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ mode: 'test' });
  });
  afterAll(() => sim.close());

  const control = () => sim.control!;
  const withSecret = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    [control().header]: control().secret,
    ...extra,
  });

  it('SIM-CONTROL-SECRET: a local program without the per-run secret cannot add fault rules', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', [control().header]: 'guess' }]) {
      const answer = await send(sim, '/__control/faults', { method: 'POST', headers, body: FAULT });
      expect(answer.status).toBe(401);
    }
    expect((await send(sim, '/__control/stats')).status).toBe(401);
    expect(sim.faults.list()).toEqual([]);
  });

  it('SIM-CONTROL-ORIGIN: a page on another loopback origin is refused even with the secret (no-cors POST)', async () => {
    const fromPage = await send(sim, '/__control/faults', {
      method: 'POST',
      headers: withSecret({ origin: 'http://127.0.0.1:9', 'content-type': 'text/plain' }),
      body: FAULT,
    });
    expect(fromPage.status).toBe(403);
    const fetchMetadata = await send(sim, '/__control/faults', {
      method: 'POST',
      headers: withSecret({ 'sec-fetch-site': 'same-site' }),
      body: FAULT,
    });
    expect(fetchMetadata.status).toBe(403);
    expect(sim.faults.list()).toEqual([]);
  });

  it('SIM-CONTROL-OK: the holder of the secret drives the control interface', async () => {
    const answer = await send(sim, '/__control/faults', {
      method: 'POST',
      headers: withSecret(),
      body: JSON.stringify({ target: 'api', count: 1, delayMs: 1 }),
    });
    expect(answer.status).toBe(200);
    expect(sim.faults.list()).toHaveLength(1);
    expect((await send(sim, '/__control/faults', { method: 'DELETE', headers: withSecret() })).status).toBe(200);
    expect(sim.faults.list()).toEqual([]);
  });

  it('SIM-DNS-REBINDING: requests addressed to another host name are refused, pages and control alike', async () => {
    const port = new URL(sim.info.apiBase).port;
    for (const path of ['/oauth/authorize?client_id=x', '/interaction/abc', '/v2/employees', '/__control/faults']) {
      const answer = await send(sim, path, {
        headers: { host: `rebind.example:${port}`, ...(path.startsWith('/__control') ? withSecret() : {}) },
      });
      expect(answer.status, path).toBe(421);
      expect(answer.body).toContain('MISDIRECTED_REQUEST');
    }
    expect((await send(sim, '/v2/employees', { headers: { host: 'rebind.example' } })).status).toBe(421);
    // The names the simulator is really reached by still work.
    expect((await send(sim, '/v2/employees')).status).toBe(401);
    expect((await send(sim, '/v2/employees', { headers: { host: `localhost:${port}` } })).status).toBe(401);
  });

  it('every start has its own secret', async () => {
    const other = await start({ mode: 'demo' });
    try {
      expect(other.control?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.control?.secret).not.toBe(sim.control?.secret);
    } finally {
      await other.close();
    }
  });

  it('SIM-CONTROL-IN-PROCESS: with httpControl off (the app) there is no HTTP control at all, and faults still work in-process', async () => {
    const app = await start({ mode: 'demo', httpControl: false });
    try {
      expect(app.control).toBeUndefined();
      const answer = await send(app, '/__control/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: FAULT });
      expect(answer.status).toBe(404);
      expect(app.faults.list()).toEqual([]);
      app.faults.set({ target: 'api', count: 1, action: { type: 'status', status: 503 } });
      expect((await send(app, '/v2/employees')).status).toBe(503);
    } finally {
      await app.close();
    }
  });
});
