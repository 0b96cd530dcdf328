/**
 * The Node network seam (issue 15) with real parts: a CONNECT proxy (`proxy` from npm) in
 * front of an https server on 127.0.0.1 whose certificate comes from a throwaway root CA made
 * in the test. Proves that requests go through the proxy named by HTTPS_PROXY, that the CA is
 * trusted only when it is in the configured store, that a refusing proxy gets its own error,
 * and that loopback never goes through a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeNetwork, bypassesProxy } from '../../../src/core/net/node-network.js';
import { transportFailure } from '../../../src/core/oauth/http-policy.js';
import { httpSend } from '../../../src/core/explorer/http-send.js';
import { AppFailure } from '../../../src/shared/result.js';
import { createThrowawayPki, type ThrowawayPki } from '../../fixtures/net/throwaway-ca.js';
import { startTlsServer, type TlsTestServer } from '../../fixtures/net/tls-server.js';
import { startConnectProxy, type TestProxy } from '../../fixtures/net/connect-proxy.js';

let pki: ThrowawayPki;
let server: TlsTestServer;
let proxy: TestProxy;
let refusing: TestProxy;

beforeAll(async () => {
  pki = await createThrowawayPki();
  server = await startTlsServer(pki);
  const hosts = { 'auth.pleo.test:443': `127.0.0.1:${server.port}`, 'api.pleo.test:443': `127.0.0.1:${server.port}` };
  proxy = await startConnectProxy({ hosts });
  refusing = await startConnectProxy({ refuse: true, hosts });
});
afterAll(async () => {
  await Promise.all([server?.close(), proxy?.close(), refusing?.close()]);
});

const timeout = () => AbortSignal.timeout(10_000);

describe('Node network seam (undici + proxy variables + extra CA)', () => {
  it('sends an https request through the CONNECT proxy named by HTTPS_PROXY, trusting the configured CA', async () => {
    const net = createNodeNetwork({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [pki.caPem] });
    const before = server.requests.length;
    const res = await net.fetch('https://auth.pleo.test/oauth/token', { redirect: 'manual', signal: timeout() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(proxy.connects).toContain('auth.pleo.test:443');
    expect(server.requests.length).toBe(before + 1);
    expect(await net.describeProxy('https://auth.pleo.test/')).toEqual({ kind: 'proxy', proxy: proxy.url, source: 'environment' });
    await net.close?.();
  });

  it('refuses the throwaway CA when it is not in the configured store (through the proxy and direct)', async () => {
    const net = createNodeNetwork({ env: { HTTPS_PROXY: proxy.url } });
    const viaProxy = await net.fetch('https://api.pleo.test/v2/employees', { signal: timeout() }).catch((e: unknown) => e);
    expect(transportFailure(viaProxy)).toBe('tls');
    const direct = await net.fetch(`${server.url}/`, { signal: timeout() }).catch((e: unknown) => e);
    expect(transportFailure(direct)).toBe('tls');
    // The explorer's sender says so in its own words.
    const sent = await httpSend({
      url: new URL(`${server.url}/v2/employees`),
      method: 'GET',
      headers: {},
      signal: timeout(),
      maxBytes: 1024,
      now: Date.now,
      fetchImpl: net.fetch as typeof fetch,
    }).catch((e: unknown) => e);
    expect(sent).toBeInstanceOf(AppFailure);
    expect((sent as AppFailure).appError.code).toBe('TLS_ERROR');
    await net.close?.();
  });

  it('trusts the CA on a direct (loopback) connection only when it is configured', async () => {
    const net = createNodeNetwork({ env: {}, extraCaCertificates: [pki.caPem] });
    const res = await net.fetch(`${server.url}/x`, { signal: timeout() });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    await net.close?.();
  });

  it('never sends loopback (the simulator) through the proxy, whatever the variables say', async () => {
    const net = createNodeNetwork({ env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }, extraCaCertificates: [pki.caPem] });
    const before = proxy.connects.length;
    const res = await net.fetch(`https://127.0.0.1:${server.port}/`, { signal: timeout() });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(proxy.connects.length).toBe(before);
    expect(await net.describeProxy(`http://127.0.0.1:${server.port}/`)).toEqual({ kind: 'direct', source: 'loopback' });
    await net.close?.();
  });

  it('names a proxy that refuses the tunnel (EPROXY_REFUSED), which both senders report as a network problem', async () => {
    const net = createNodeNetwork({ env: { HTTPS_PROXY: refusing.url }, extraCaCertificates: [pki.caPem] });
    const before = server.requests.length;
    const error = await net.fetch('https://auth.pleo.test/oauth/token', { signal: timeout() }).catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('EPROXY_REFUSED');
    expect(transportFailure(error)).toBe('network');
    expect(refusing.connects).toContain('auth.pleo.test:443');
    expect(server.requests.length).toBe(before);
    const sent = await httpSend({
      url: new URL('https://api.pleo.test/v2/employees'),
      method: 'GET',
      headers: {},
      signal: timeout(),
      maxBytes: 1024,
      now: Date.now,
      fetchImpl: net.fetch as typeof fetch,
    }).catch((e: unknown) => e);
    expect((sent as AppFailure).appError.code).toBe('NETWORK_ERROR');
    expect((sent as AppFailure).appError.message).toMatch(/proxy refused/i);
    await net.close?.();
  });

  it('reads the certificate chain and tells a private (inspection) root from a public one', async () => {
    const net = createNodeNetwork({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [pki.caPem] });
    const peer = await net.inspectTls!('https://auth.pleo.test/', { signal: timeout() });
    expect(peer).toMatchObject({ verified: true, subject: 'localhost', issuer: pki.caName, root: pki.caName, privateRoot: true });
    const untrusted = await createNodeNetwork({ env: { HTTPS_PROXY: proxy.url } }).inspectTls!('https://auth.pleo.test/', {
      signal: timeout(),
    });
    expect(untrusted.verified).toBe(false);
    expect(untrusted.errorCode).toMatch(/CERT|SELF_SIGNED|UNABLE/);
    await net.close?.();
  });

  it('reads NO_PROXY like curl: exact host, domain suffix, port, and "*"', () => {
    const u = new URL('https://api.pleo.test/');
    expect(bypassesProxy(u, 'pleo.test')).toBe(true);
    expect(bypassesProxy(u, '.pleo.test')).toBe(true);
    expect(bypassesProxy(u, 'api.pleo.test:8443')).toBe(false);
    expect(bypassesProxy(u, 'api.pleo.test:443')).toBe(true);
    expect(bypassesProxy(u, 'example.com, other.test')).toBe(false);
    expect(bypassesProxy(u, '*')).toBe(true);
  });
});
