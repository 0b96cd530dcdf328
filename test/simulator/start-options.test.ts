import { describe, expect, it } from 'vitest';

import type { SimulatorEndpoints } from '../../src/core/ports.js';
import { DEFAULT_CLIENT, NARROW_CLIENT, RESERVED_CHARS_CLIENT, startSimulator } from '../../src/simulator/index.js';
import { start } from './helpers.js';

/** startSimulator's options and the public info object the app consumes. */
describe('startSimulator', () => {
  it('describes itself in a shape core can use as SimulatorEndpoints', async () => {
    const sim = await start({ mode: 'normal' });
    try {
      const endpoints: SimulatorEndpoints = sim.info;
      expect(endpoints.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(endpoints.authorizationEndpoint).toBe(`${endpoints.apiBase}/oauth/authorize`);
      expect(endpoints.introspectionEndpoint).toBe(`${endpoints.apiBase}/oauth/token/introspect`);
      expect(endpoints.revocationEndpoint).toBe(`${endpoints.apiBase}/oauth/token/revoke`);
      expect(endpoints.clients.map((c) => c.clientId)).toEqual([
        DEFAULT_CLIENT.clientId,
        NARROW_CLIENT.clientId,
        RESERVED_CHARS_CLIENT.clientId,
      ]);
      expect(endpoints.clients[0]).toMatchObject({
        name: 'Pleo Partner Desktop (simulator)',
        redirectUris: ['io.pleo.partnerdesktop:/oauth/callback', 'http://127.0.0.1/oauth/callback', 'https://oauth.pstmn.io/v1/callback'],
      });
      expect(endpoints.clients[1]?.scopes).not.toContain('users:read');
      expect(endpoints.users.length).toBe(3);
    } finally {
      await sim.close();
    }
  });

  it('listens on the requested port and refuses non-loopback hosts and bad options', async () => {
    const first = await start();
    const port = Number(new URL(first.info.apiBase).port);
    await first.close();
    const again = await start({ port });
    expect(again.info.apiBase).toBe(`http://127.0.0.1:${port}`);
    await again.close();

    await expect(startSimulator({ quiet: true, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startSimulator({ quiet: true, entries: 2_000_000 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ quiet: true, tokenTtlSeconds: 0 })).rejects.toThrow(RangeError);
    // A bad issuer fails after the port was bound; the port must be released again.
    await expect(startSimulator({ quiet: true, port, issuer: 'not a url' })).rejects.toThrow(/Issuer/);
    const reused = await start({ port });
    await reused.close();
  });

  // How quickly is a benchmark's question; this proves ten start/stop cycles leave nothing
  // behind that blocks the next (a leak would hang or fail to bind).
  it('can be started and stopped many times', async () => {
    for (let i = 0; i < 10; i += 1) {
      const sim = await start({ entries: 10 });
      const keepAlive = await fetch(`${sim.info.apiBase}/v1/introspect`);
      expect(keepAlive.status).toBe(401);
      await sim.close();
    }
  });
});
