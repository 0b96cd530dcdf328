import { request } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { createSimulatorLauncher } from '../../../src/main/simulator-launcher.js';

/** Raw HTTP so the test can send what another local program or a rebinding page would. */
function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the app\u2019s simulator launcher (issue 11 point 1; the real simulator, no Electron needed)', () => {
  const launcher = createSimulatorLauncher();
  afterEach(() => launcher.stop());

  it('APP-SIM-CONTROL: the simulator the app starts has no HTTP control interface; any local process gets 404', async () => {
    const info = await launcher.start();
    const sim = await launcher.running()!;
    const rule = JSON.stringify({
      target: 'authorize',
      action: { type: 'status', status: 302, headers: { location: 'https://evil.example/' } },
    });
    const attempts: Array<Record<string, string>> = [
      { 'content-type': 'application/json' },
      { 'content-type': 'text/plain', origin: 'http://127.0.0.1:9' },
    ];
    for (const headers of attempts) {
      expect(await send(info.apiBase, '/__control/faults', { method: 'POST', headers, body: rule })).toBe(404);
    }
    expect(await send(info.apiBase, '/__control/clock', { method: 'POST', body: '{"advanceMs":99999999}' })).toBe(404);
    expect(sim.faults.list()).toEqual([]);
    expect(sim.control).toBeUndefined();
    // Demo faults remain available to the app itself, in-process.
    expect(sim.mode).toBe('demo');
    expect(sim.faults.enabled).toBe(true);
  });

  it('APP-SIM-REBINDING: its pages refuse a Host other than their own address', async () => {
    const info = await launcher.start();
    const port = new URL(info.apiBase).port;
    expect(await send(info.apiBase, '/oauth/authorize?client_id=x', { headers: { host: `rebind.example:${port}` } })).toBe(421);
    expect(await send(info.apiBase, '/v2/employees', { headers: { host: `rebind.example:${port}` } })).toBe(421);
    expect(await send(info.apiBase, '/v2/employees')).toBe(401);
  });
});
