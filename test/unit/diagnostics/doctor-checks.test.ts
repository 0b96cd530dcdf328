/**
 * The doctor's checks (issue 15), each for pass and for fail, with real parts where they run
 * here: a CONNECT proxy (`proxy` from npm), an https server on 127.0.0.1 with a throwaway
 * root CA, a server whose clock is 10 minutes off, real port binding, real DNS for a name
 * that cannot exist. Seams only where the real thing cannot be had on this machine: a keychain
 * that is locked (a SecretStore that never answers, or answers "locked"), the OS scheme
 * registration, a public-CA certificate (no internet), and successful DNS of a public name.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentSummary } from '../../../src/shared/environments.js';
import type { DoctorCheck } from '../../../src/shared/contract/diagnostics-channels.js';
import { createNodeNetwork } from '../../../src/core/net/node-network.js';
import type { NetworkPort } from '../../../src/core/net/network-port.js';
import { createMemorySecretStore, type SecretStore } from '../../../src/core/secrets/secret-store.js';
import { runChecks } from '../../../src/core/diagnostics/doctor-feature.js';
import type { DoctorContext } from '../../../src/core/diagnostics/doctor-context.js';
import { createThrowawayPki, type ThrowawayPki } from '../../fixtures/net/throwaway-ca.js';
import { startTlsServer, type TlsTestServer } from '../../fixtures/net/tls-server.js';
import { startConnectProxy, type TestProxy } from '../../fixtures/net/connect-proxy.js';

let pki: ThrowawayPki;
let server: TlsTestServer;
let skewed: TlsTestServer;
let proxy: TestProxy;
let refusing: TestProxy;
let skewProxy: TestProxy;
const networks: NetworkPort[] = [];

const STAGING = { auth: 'auth.staging.pleo.io:443', api: 'external.staging.pleo.io:443' };

beforeAll(async () => {
  pki = await createThrowawayPki('Contoso TLS Inspection Root');
  server = await startTlsServer(pki);
  skewed = await startTlsServer(pki, { clockSkewMs: -10 * 60_000 });
  const to = (s: TlsTestServer) => ({ [STAGING.auth]: `127.0.0.1:${s.port}`, [STAGING.api]: `127.0.0.1:${s.port}` });
  proxy = await startConnectProxy({ hosts: to(server) });
  refusing = await startConnectProxy({ refuse: true, hosts: to(server) });
  skewProxy = await startConnectProxy({ hosts: to(skewed) });
});
afterAll(async () => {
  for (const n of networks) await n.close?.();
  await Promise.all([server?.close(), skewed?.close(), proxy?.close(), refusing?.close(), skewProxy?.close()]);
});

function stagingEnv(over: Partial<EnvironmentSummary> = {}): EnvironmentSummary {
  return {
    id: 'pleo-staging',
    kind: 'pleo-staging',
    name: 'Pleo Staging',
    bannerLabel: 'PLEO STAGING',
    authorizationEndpoint: 'https://auth.staging.pleo.io/oauth/authorize',
    tokenEndpoint: 'https://auth.staging.pleo.io/oauth/token',
    issuer: 'https://auth.staging.pleo.io',
    apiBase: 'https://external.staging.pleo.io',
    clientId: 'client-1',
    redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
    callbackMode: 'private-scheme',
    scopes: ['users:read'],
    hasClientSecret: false,
    ...over,
  };
}

function nodeNet(proxyUrl: string, trustCa: boolean): NetworkPort {
  const n = createNodeNetwork({ env: { HTTPS_PROXY: proxyUrl }, ...(trustCa ? { extraCaCertificates: [pki.caPem] } : {}) });
  networks.push(n);
  return n;
}

/** DNS as on a corporate laptop behind an explicit proxy: public names do not resolve locally. */
const noLocalDns: DoctorContext['lookup'] = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

function ctx(over: Partial<DoctorContext> = {}): DoctorContext {
  return {
    env: stagingEnv(),
    network: nodeNet(proxy.url, true),
    secretStore: createMemorySecretStore(),
    now: () => Date.now(),
    lookup: noLocalDns,
    schemeRegistered: async () => true,
    appScheme: 'io.pleo.partnerdesktop',
    timeoutMs: 8000,
    ...over,
  };
}

async function check(id: DoctorCheck['id'], over: Partial<DoctorContext> = {}): Promise<DoctorCheck> {
  const checks = await runChecks(ctx(over));
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('doctor: proxy', () => {
  it('pass: names the proxy in use (without credentials) when it lets the app through', async () => {
    const withCreds = createNodeNetwork({
      env: { HTTPS_PROXY: proxy.url.replace('http://', 'http://ituser:itpass@') },
      extraCaCertificates: [pki.caPem],
    });
    networks.push(withCreds);
    const c = await check('proxy', { network: withCreds });
    expect(c.status).toBe('pass');
    expect(c.summary).toContain(proxy.url);
    expect(JSON.stringify(c)).not.toMatch(/ituser|itpass/);
  });
  it('fail: a proxy that refuses the tunnel is named, with what to ask IT', async () => {
    const c = await check('proxy', { network: nodeNet(refusing.url, true) });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/proxy refused/i);
    expect(c.action).toMatch(/IT team/);
    expect(refusing.connects).toContain(STAGING.auth);
  });
});

describe('doctor: DNS', () => {
  it('pass: the host name is found', async () => {
    const c = await check('dns-auth', { lookup: async () => [{ address: '203.0.113.7', family: 4 }] });
    expect(c).toMatchObject({ status: 'pass', facts: [{ label: 'Addresses', value: '203.0.113.7' }] });
  });
  it('pass behind a proxy that reached the host: the proxy looks names up for the app', async () => {
    const c = await check('dns-auth');
    expect(c.status).toBe('pass');
    expect(c.summary).toContain(proxy.url);
  });
  it('warn (not fail) behind a proxy that could not reach the host', async () => {
    const c = await check('dns-auth', { network: nodeNet(refusing.url, true) });
    expect(c.status).toBe('warn');
  });
  it('fail: a name that cannot exist, looked up for real, without a proxy', async () => {
    const env = stagingEnv({ authorizationEndpoint: 'https://no-such-host.invalid/oauth/authorize' });
    const { lookup } = await import('node:dns/promises');
    const c = await check('dns-auth', { env, network: createNodeNetwork({ env: {} }), lookup: (h) => lookup(h, { all: true }) });
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('no-such-host.invalid');
  });
});

describe('doctor: TLS', () => {
  it('warn: trusted through a company root is detected and explained as TLS inspection, issuer shown', async () => {
    const c = await check('tls-auth');
    expect(c.status).toBe('warn');
    expect(c.summary).toMatch(/TLS inspection/);
    expect(c.facts).toEqual(expect.arrayContaining([{ label: 'Certificate issued by', value: 'Contoso TLS Inspection Root' }]));
  });
  it('fail: the company root is not in the trust store the app uses', async () => {
    const c = await check('tls-api', { network: nodeNet(proxy.url, false) });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/not trusted/);
    expect(c.action).toMatch(/root certificate/);
  });
  it('pass: a certificate from a public CA (seam: no internet here, so the peer is described by a double)', async () => {
    const real = nodeNet(proxy.url, true);
    const publicPeer: NetworkPort = {
      ...real,
      inspectTls: async () => ({
        verified: true,
        subject: 'auth.staging.pleo.io',
        issuer: 'Amazon RSA 2048 M02',
        root: 'Amazon Root CA 1',
        privateRoot: false,
      }),
    };
    const c = await check('tls-auth', { network: publicPeer });
    expect(c.status).toBe('pass');
    expect(c.summary).toContain('Amazon RSA 2048 M02');
  });
  it('fail: nothing listens (connection refused), direct', async () => {
    const port = await freePort();
    const env = stagingEnv({ authorizationEndpoint: `https://localhost:${port}/oauth/authorize`, apiBase: `https://localhost:${port}` });
    const c = await check('tls-auth', { env, network: createNodeNetwork({ env: {} }) });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/refused the connection/);
  });
});

describe('doctor: clock', () => {
  it('pass: the server clock agrees', async () => {
    const c = await check('clock');
    expect(c.status).toBe('pass');
  });
  it('fail: a server whose clock is 10 minutes off', async () => {
    const c = await check('clock', { network: nodeNet(skewProxy.url, true) });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/about 10 minutes ahead of the server/);
    expect(c.action).toMatch(/automatic date and time/);
  });
});

describe('doctor: keychain', () => {
  it('pass: writes, reads back and deletes a test entry, leaving nothing behind', async () => {
    const store = createMemorySecretStore();
    const c = await check('keychain', { secretStore: store });
    expect(c.status).toBe('pass');
    expect(store.size()).toBe(0);
  });
  it('fail: a locked keychain that never answers (timeout)', async () => {
    const never = new Promise<never>(() => undefined);
    const locked: SecretStore = { get: () => never, set: () => never, delete: () => never };
    const c = await check('keychain', { secretStore: locked, timeoutMs: 50 });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/locked/);
    expect(c.action).toMatch(/Unlock/);
  });
  it('fail: a keychain that says it is locked', async () => {
    const refuse = async () => {
      throw new Error('Cannot create an item in a locked collection');
    };
    const c = await check('keychain', { secretStore: { get: refuse, set: refuse, delete: refuse } });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/locked/);
  });
  it('fail: no secret service at all', async () => {
    const missing = async () => {
      throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
    };
    const c = await check('keychain', { secretStore: { get: missing, set: missing, delete: missing } });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/No working keychain/);
  });
});

describe('doctor: callback scheme', () => {
  it('pass: the OS opens the scheme with this app', async () => {
    expect((await check('callback-scheme')).status).toBe('pass');
  });
  it('fail: the OS does not', async () => {
    const c = await check('callback-scheme', { schemeRegistered: async () => false });
    expect(c.status).toBe('fail');
    expect(c.action).toMatch(/pasting the address/);
  });
  it('not needed for a loopback redirect URI', async () => {
    const c = await check('callback-scheme', {
      env: stagingEnv({ redirectUri: 'http://127.0.0.1/oauth/callback', callbackMode: 'loopback' }),
    });
    expect(c.status).toBe('skip');
  });
});

describe('doctor: redirect URI', () => {
  it('pass: the app scheme with a callback path', async () => {
    expect((await check('redirect-uri')).status).toBe('pass');
  });
  it('fail: a link scheme this app does not receive', async () => {
    const c = await check('redirect-uri', { env: stagingEnv({ redirectUri: 'com.example.otherapp:/oauth/callback' }) });
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('com.example.otherapp');
  });
  it('fail: an http redirect URI off this computer', async () => {
    const c = await check('redirect-uri', { env: stagingEnv({ redirectUri: 'http://partner.example/cb' }) });
    expect(c.status).toBe('fail');
  });
});

describe('doctor: loopback port', () => {
  it('pass: the fixed port is free (bound and released for real)', async () => {
    const port = await freePort();
    const c = await check('loopback-port', {
      env: stagingEnv({ redirectUri: `http://127.0.0.1:${port}/oauth/callback`, callbackMode: 'loopback' }),
    });
    expect(c.status).toBe('pass');
    expect(c.summary).toContain(String(port));
  });
  it('fail: another program holds the port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const c = await check('loopback-port', {
        env: stagingEnv({ redirectUri: `http://127.0.0.1:${port}/oauth/callback`, callbackMode: 'loopback' }),
      });
      expect(c.status).toBe('fail');
      expect(c.summary).toMatch(/already used by another program/);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
