/**
 * The doctor through the IPC contract of a real createCore, and the network seam under the
 * sign-in engine: "Pleo Staging" is played by an https server on 127.0.0.1 behind a real
 * CONNECT proxy that resolves auth.staging.pleo.io and external.staging.pleo.io to it, with a
 * certificate from a throwaway company root (TLS inspection).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/create-core.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { createNodeNetwork } from '../../../src/core/net/node-network.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import type { DoctorReport } from '../../../src/shared/contract/diagnostics-channels.js';
import { createThrowawayPki, type ThrowawayPki } from '../../fixtures/net/throwaway-ca.js';
import { startTlsServer, type TlsTestServer } from '../../fixtures/net/tls-server.js';
import { startConnectProxy, type TestProxy } from '../../fixtures/net/connect-proxy.js';

let pki: ThrowawayPki;
let server: TlsTestServer;
let proxy: TestProxy;
let core: Core;
let dir: string;
const clipboard: string[] = [];
const SECRET = 'CANARY-SECRET-doctor-7f3a';

beforeAll(async () => {
  pki = await createThrowawayPki('Contoso TLS Inspection Root');
  server = await startTlsServer(pki, { status: 400 });
  proxy = await startConnectProxy({
    hosts: { 'auth.staging.pleo.io:443': `127.0.0.1:${server.port}`, 'external.staging.pleo.io:443': `127.0.0.1:${server.port}` },
  });
  dir = mkdtempSync(path.join(tmpdir(), 'ppd-doctor-'));
  core = createCore({
    host: 'test-host',
    appVersion: '0.0.0-test',
    userDataDir: dir,
    settings: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as unknown as KeyValueBackend,
    ports: {
      browserLauncher: { open: async () => undefined },
      externalOpener: { openExternal: async () => undefined },
      clipboard: { writeText: async (t) => void clipboard.push(t) },
      fileSaver: { save: async () => ({ saved: false }) },
      secretStore: createMemorySecretStore(),
      network: createNodeNetwork({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [pki.caPem] }),
      callbackScheme: { isRegistered: async (scheme) => scheme === 'io.pleo.partnerdesktop' },
      // The user says yes to the staging redirect URI change in main's dialog (issue 11).
      confirm: { confirm: async () => true },
    },
  });
  await core.handle('environments.update', {
    environmentId: 'pleo-staging',
    clientId: 'client-doctor-1',
    redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
  });
  await core.handle('credentials.setClientSecret', { environmentId: 'pleo-staging', clientSecret: SECRET });
});
afterAll(async () => {
  await core?.dispose();
  await core?.services.network.close?.();
  await Promise.all([server?.close(), proxy?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('doctor feature over IPC', () => {
  it('asks to run before the first sign-in on a real environment, never on the simulator', async () => {
    expect(await core.handle('diagnostics.last', { environmentId: 'pleo-staging' })).toEqual({ ok: true, value: { needsRun: true } });
    const sim = await core.handle('diagnostics.last', { environmentId: 'simulator' });
    expect(sim).toMatchObject({ ok: true, value: { needsRun: false } });
  });

  it('runs every check through the proxy, explains TLS inspection, and copies a report for IT without secrets', async () => {
    const events: unknown[] = [];
    const off = core.events.subscribe((event, payload) => event === 'diagnostics.finished' && events.push(payload));
    const result = await core.handle('diagnostics.run', { environmentId: 'pleo-staging' });
    off();
    expect(result.ok).toBe(true);
    const report = (result as { value: DoctorReport }).value;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({
      proxy: 'pass',
      'tls-auth': 'warn',
      'tls-api': 'warn',
      clock: 'pass',
      keychain: 'pass',
      'redirect-uri': 'pass',
      'callback-scheme': 'pass',
      'loopback-port': 'skip',
    });
    expect(report.overall).toBe('warn');
    expect(proxy.connects).toEqual(expect.arrayContaining(['auth.staging.pleo.io:443', 'external.staging.pleo.io:443']));
    expect(events).toHaveLength(1);
    expect(await core.handle('diagnostics.last', { environmentId: 'pleo-staging' })).toMatchObject({
      ok: true,
      value: { needsRun: false, report: { ranAt: report.ranAt } },
    });

    expect(await core.handle('diagnostics.copy', { environmentId: 'pleo-staging' })).toEqual({ ok: true, value: { copied: true } });
    const text = clipboard.at(-1)!;
    expect(text).toContain('Pleo Staging (auth.staging.pleo.io, external.staging.pleo.io)');
    expect(text).toContain('[WARNING] Secure connection to the sign-in server');
    expect(text).toContain('Contoso TLS Inspection Root');
    expect(text).toContain(`through ${proxy.url}`);
    expect(text).not.toContain(SECRET);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('copy before any run is a clear error, not an empty clipboard', async () => {
    const r = await core.handle('diagnostics.copy', { environmentId: 'simulator' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });
});

describe('network seam under the sign-in engine', () => {
  it('the credential probe (a token-endpoint call) goes through the proxy and the configured trust store', async () => {
    const before = server.requests.length;
    const result = await core.handle('credentials.check', { environmentId: 'pleo-staging' });
    expect(result.ok).toBe(true);
    const tokenCalls = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/oauth/token');
    expect(tokenCalls).toHaveLength(1);
    expect(proxy.connects).toContain('auth.staging.pleo.io:443');
  });

  it('the same call fails as a TLS error when the company root is not trusted (no weakened check)', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'ppd-doctor2-'));
    const strict = createCore({
      host: 'test-host',
      appVersion: '0',
      userDataDir: d,
      settings: new Conf<Record<string, unknown>>({ cwd: d, configName: 'settings' }) as unknown as KeyValueBackend,
      ports: {
        browserLauncher: { open: async () => undefined },
        externalOpener: { openExternal: async () => undefined },
        clipboard: { writeText: async () => undefined },
        fileSaver: { save: async () => ({ saved: false }) },
        secretStore: createMemorySecretStore(),
        network: createNodeNetwork({ env: { HTTPS_PROXY: proxy.url } }),
      },
    });
    try {
      await strict.handle('environments.update', { environmentId: 'pleo-staging', clientId: 'client-doctor-1' });
      await strict.handle('credentials.setClientSecret', { environmentId: 'pleo-staging', clientSecret: SECRET });
      const before = server.requests.length;
      const result = await strict.handle('credentials.check', { environmentId: 'pleo-staging' });
      expect(result).toMatchObject({
        ok: true,
        value: { outcome: 'unreachable', detail: expect.stringMatching(/secure connection .* could not be verified/) },
      });
      expect(server.requests.length).toBe(before);
    } finally {
      await strict.dispose();
      await strict.services.network.close?.();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
