/**
 * The app's network adapter (src/main/electron-network.ts) against the electron test double:
 * requests go to session.fetch (Chromium's stack: system proxy, PAC, OS trust store) with
 * cookies and cache off, loopback goes to Node's fetch (never a proxy), Chromium's errors get
 * Node's shape so core classifies them, and a cancelled manual redirect stays a refused
 * redirect. UNVERIFIED HERE: the real net.fetch, resolveProxy, PAC, the OS trust store and
 * proxy sign-in, because Electron cannot run on our machines.
 */
import { describe, expect, it } from 'vitest';
import { createElectronDouble } from './electron-double.js';
import { createElectronNetwork, parseProxyList } from '../../../src/main/electron-network.js';
import { transportFailure } from '../../../src/core/oauth/http-policy.js';
import { httpSend } from '../../../src/core/explorer/http-send.js';
import { AppFailure } from '../../../src/shared/result.js';
import { probeHost } from '../../../src/core/diagnostics/host-probe.js';

function setup() {
  const d = createElectronDouble();
  const loopbackCalls: string[] = [];
  const network = createElectronNetwork({
    session: d.session.defaultSession as never,
    loopbackFetch: async (url) => {
      loopbackCalls.push(String(url));
      return new Response('sim', { status: 200 });
    },
  });
  return { d, network, loopbackCalls, ses: d.session.defaultSession };
}

const send = (fetchImpl: typeof fetch, url = 'https://external.staging.pleo.io/v2/employees') =>
  httpSend({
    url: new URL(url),
    method: 'GET',
    headers: {},
    signal: AbortSignal.timeout(5000),
    maxBytes: 1024,
    now: Date.now,
    fetchImpl,
  }).catch((e: unknown) => e);

describe('Electron net.fetch adapter (double; real Electron unverified here)', () => {
  it('sends remote requests through session.fetch with redirect manual kept and cookies/cache off', async () => {
    const { network, ses, loopbackCalls } = setup();
    const res = await network.fetch('https://auth.staging.pleo.io/oauth/token', {
      method: 'POST',
      redirect: 'manual',
      body: 'grant_type=x',
    });
    expect(res.status).toBe(200);
    expect(ses.fetchCalls).toHaveLength(1);
    expect(ses.fetchCalls[0]).toMatchObject({
      url: 'https://auth.staging.pleo.io/oauth/token',
      init: { method: 'POST', redirect: 'manual', credentials: 'omit', cache: 'no-store' },
    });
    expect(loopbackCalls).toEqual([]);
  });

  it('never sends the simulator on 127.0.0.1 through Chromium (no proxy, no PAC)', async () => {
    const { network, ses, loopbackCalls } = setup();
    await network.fetch('http://127.0.0.1:4567/oauth/token', { method: 'POST' });
    await network.fetch('http://localhost:4567/v2/employees');
    expect(ses.fetchCalls).toHaveLength(0);
    expect(loopbackCalls).toHaveLength(2);
    expect(await network.describeProxy('http://127.0.0.1:4567/')).toEqual({ kind: 'direct', source: 'loopback' });
  });

  it('an untrusted certificate (net::ERR_CERT_AUTHORITY_INVALID) is a TLS failure for the sign-in engine and the explorer', async () => {
    const { network, ses } = setup();
    ses.fetchImpl = async () => {
      throw new Error('net::ERR_CERT_AUTHORITY_INVALID');
    };
    const error = await network.fetch('https://auth.staging.pleo.io/oauth/token').catch((e: unknown) => e);
    expect(transportFailure(error)).toBe('tls');
    const sent = await send(network.fetch as typeof fetch);
    expect((sent as AppFailure).appError.code).toBe('TLS_ERROR');
  });

  it('proxy, DNS and refused-connection errors keep their meaning', async () => {
    const { network, ses } = setup();
    const cases: Array<[string, RegExp]> = [
      ['net::ERR_TUNNEL_CONNECTION_FAILED', /proxy refused/],
      ['net::ERR_PROXY_CONNECTION_FAILED', /proxy could not be reached/],
      ['net::ERR_NAME_NOT_RESOLVED', /DNS/],
      ['net::ERR_CONNECTION_REFUSED', /connection refused/],
    ];
    for (const [chromium, message] of cases) {
      ses.fetchImpl = async () => {
        throw new Error(chromium);
      };
      const sent = await send(network.fetch as typeof fetch);
      expect(sent).toBeInstanceOf(AppFailure);
      expect((sent as AppFailure).appError.code).toBe('NETWORK_ERROR');
      expect((sent as AppFailure).appError.message).toMatch(message);
    }
    ses.fetchImpl = async () => {
      throw new Error('net::ERR_TUNNEL_CONNECTION_FAILED');
    };
    expect(await probeHost(network.fetch, 'https://auth.staging.pleo.io/', { timeoutMs: 1000, now: Date.now })).toMatchObject({
      ok: false,
      failure: 'proxy-refused',
    });
  });

  it('a redirect net.fetch cancelled under redirect: manual comes back as a refused 3xx, never followed', async () => {
    const { network, ses } = setup();
    ses.fetchImpl = async () => {
      throw new Error('Redirect was cancelled');
    };
    const sent = await send(network.fetch as typeof fetch);
    expect(sent).not.toBeInstanceOf(Error);
    expect((sent as { status: number }).status).toBe(302);
    expect(ses.fetchCalls).toHaveLength(1);
  });

  it('an abort or timeout stays an abort (the caller decides what it means)', async () => {
    const { network, ses } = setup();
    ses.fetchImpl = async () => {
      throw new DOMException('The operation was aborted.', 'TimeoutError');
    };
    const error = await network.fetch('https://auth.staging.pleo.io/').catch((e: unknown) => e);
    expect(transportFailure(error)).toBe('timeout');
  });

  it('reads the proxy Chromium would use from session.resolveProxy (system settings or PAC)', async () => {
    const { network, ses } = setup();
    ses.proxyList = 'PROXY proxy.corp.example:8080; DIRECT';
    expect(await network.describeProxy('https://auth.staging.pleo.io/')).toEqual({
      kind: 'proxy',
      proxy: 'http://proxy.corp.example:8080',
      source: 'system',
    });
    expect(parseProxyList('DIRECT')).toEqual({ kind: 'direct', source: 'system' });
    expect(parseProxyList('HTTPS secure-proxy.example:443')).toMatchObject({ proxy: 'https://secure-proxy.example:443' });
    expect(parseProxyList('SOCKS5 socks.example:1080')).toMatchObject({ proxy: 'socks5://socks.example:1080' });
  });
});
