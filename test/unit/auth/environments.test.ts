import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { PLEO_STAGING } from '../../../src/core/environments/builtin-environments.js';
import { createEnvironmentRegistry, SETTINGS_KEY } from '../../../src/core/environments/environment-registry.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { openSettings } from '../../../src/core/settings/open-settings.js';
import type { EnvironmentSummary } from '../../../src/shared/environments.js';
import { startHarness, type Harness } from '../../fixtures/auth/harness.js';

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function settingsWith(content: unknown): { backend: KeyValueBackend; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-env-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(content));
  const { backend } = openSettings((o) => new Conf<Record<string, unknown>>(o) as unknown as KeyValueBackend, { cwd: dir });
  return { backend, dir };
}

describe('environments', () => {
  it('built-ins: simulator by default, Pleo Staging pinned to the documented endpoints', () => {
    const { backend } = settingsWith({});
    const registry = createEnvironmentRegistry(backend);
    expect(registry.activeId()).toBe('simulator');
    const staging = registry.get('pleo-staging')!;
    expect(staging.authorizationEndpoint).toBe('https://auth.staging.pleo.io/oauth/authorize');
    expect(staging.tokenEndpoint).toBe('https://auth.staging.pleo.io/oauth/token');
    expect(staging.introspectionEndpoint).toBe('https://auth.staging.pleo.io/oauth/token/introspect');
    expect(staging.apiBase).toBe('https://external.staging.pleo.io');
    expect(staging.requireIssuer).toBe(false);
    expect(staging.issuerEditable).toBe(true);
    expect(staging.revocationEndpoint).toBeUndefined();
  });

  it('the simulator defaults to its loopback redirect URI where the private-use scheme is not registered (dev runs on macOS/Linux)', () => {
    const info = {
      issuer: 'http://127.0.0.1:9',
      authorizationEndpoint: 'http://127.0.0.1:9/oauth/authorize',
      tokenEndpoint: 'http://127.0.0.1:9/oauth/token',
      introspectionEndpoint: 'http://127.0.0.1:9/oauth/token/introspect',
      revocationEndpoint: 'http://127.0.0.1:9/oauth/token/revoke',
      apiBase: 'http://127.0.0.1:9',
      clients: [
        {
          clientId: 'c',
          clientSecret: 's',
          redirectUris: ['io.pleo.partnerdesktop:/oauth/callback', 'http://127.0.0.1/oauth/callback'],
          scopes: ['users:read'],
        },
      ],
      users: [],
    };
    const registered = createEnvironmentRegistry(settingsWith({}).backend);
    registered.setSimulator(info, 'running');
    expect(registered.get('simulator')!.redirectUri).toBe('io.pleo.partnerdesktop:/oauth/callback');
    const unregistered = createEnvironmentRegistry(settingsWith({}).backend, { privateSchemeRegistered: false });
    unregistered.setSimulator(info, 'running');
    expect(unregistered.get('simulator')!.redirectUri).toBe('http://127.0.0.1/oauth/callback');
  });

  it('AR-03 a tampered settings file cannot point Pleo Staging elsewhere; the bad field is dropped with a notice', () => {
    const { backend, dir } = settingsWith({
      [SETTINGS_KEY]: {
        activeEnvironmentId: 'pleo-staging',
        environments: {
          'pleo-staging': {
            clientId: 'keep-me',
            authorizationEndpoint: 'http://127.0.0.1:9/authorize',
            tokenEndpoint: 'https://evil.example/token',
          },
        },
      },
    });
    const registry = createEnvironmentRegistry(backend);
    const staging = registry.get('pleo-staging')!;
    expect(staging.authorizationEndpoint).toBe(PLEO_STAGING.authorizationEndpoint);
    expect(staging.tokenEndpoint).toBe(PLEO_STAGING.tokenEndpoint);
    expect(staging.clientId).toBe('keep-me');
    expect(registry.loadNotices().map((n) => n.code)).toContain('ENVIRONMENT_INVALID');
    // The cleaned settings were written back: the evil address is gone from the file.
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).not.toContain('evil.example');
  });

  it('AR-03 ST-08 a custom environment whose stored endpoints fail validation is removed with a notice', () => {
    const { backend } = settingsWith({
      [SETTINGS_KEY]: {
        activeEnvironmentId: 'custom-1',
        environments: {
          'custom-1': {
            kind: 'custom',
            name: 'Evil',
            authorizationEndpoint: 'http://evil.example/authorize',
            tokenEndpoint: 'https://evil.example/token',
            issuer: 'x',
            apiBase: 'https://evil.example',
            clientId: 'c',
            redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
            scopes: [],
          },
          'custom-2': {
            kind: 'custom',
            name: 'Mock',
            authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
            tokenEndpoint: 'http://127.0.0.1:4000/token',
            issuer: 'http://127.0.0.1:4000',
            apiBase: 'http://127.0.0.1:4000/',
            clientId: 'c',
            redirectUri: 'http://127.0.0.1/cb',
            scopes: ['users:read'],
          },
        },
      },
    });
    const registry = createEnvironmentRegistry(backend);
    expect(registry.get('custom-1')).toBeUndefined();
    expect(registry.get('custom-2')?.apiBase).toBe('http://127.0.0.1:4000');
    expect(registry.activeId()).toBe('simulator');
    expect(registry.loadNotices().some((n) => n.message.includes('Evil'))).toBe(true);
  });

  it('ST-08 wrong types, prototype keys and unknown ids are dropped without pollution', () => {
    const raw = `{"${SETTINGS_KEY}":{"activeEnvironmentId":42,"environments":{"__proto__":{"polluted":true},"pleo-staging":{"scopes":"yes","issuer":"http://evil.example"},"bad id!":{}}}}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'ppd-env-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'config.json'), raw);
    const { backend } = openSettings((o) => new Conf<Record<string, unknown>>(o) as unknown as KeyValueBackend, { cwd: dir });
    const registry = createEnvironmentRegistry(backend);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(registry.get('pleo-staging')!.scopes).toEqual(PLEO_STAGING.scopes);
    expect(registry.get('pleo-staging')!.issuer).toBe(PLEO_STAGING.issuer);
    expect(registry.activeId()).toBe('simulator');
    expect(registry.loadNotices().length).toBeGreaterThan(0);
  });

  it('IPC-12 the renderer cannot set insecure or foreign endpoints, and the contract refuses unknown fields', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const insecure = await h.handle('environments.addCustom', {
      name: 'x',
      authorizationEndpoint: 'http://evil.example/a',
      tokenEndpoint: 'https://e.example/t',
      issuer: 'https://e.example',
      apiBase: 'https://e.example',
    });
    expect(!insecure.ok && insecure.error.code).toBe('INSECURE_URL');
    const extra = await h.handle('environments.update', { environmentId: 'pleo-staging', tokenEndpoint: 'https://evil.example/token' });
    expect(!extra.ok && extra.error.code).toBe('INVALID_PAYLOAD');
    const issuer = await h.handle('environments.update', { environmentId: 'pleo-staging', issuer: 'http://evil.example' });
    expect(!issuer.ok && issuer.error.code).toBe('INSECURE_URL');
    const simIssuer = await h.handle('environments.update', { environmentId: 'simulator', issuer: 'https://other.example' });
    expect(simIssuer.ok).toBe(false);
    const redirect = await h.handle('environments.update', { environmentId: 'pleo-staging', redirectUri: 'http://evil.example/cb' });
    expect(!redirect.ok && redirect.error.code).toBe('INSECURE_URL');
    const ok = await h.call<EnvironmentSummary>('environments.update', {
      environmentId: 'pleo-staging',
      clientId: ' abc ',
      issuer: 'pleo.staging',
      scopes: ['users:read', 'users:read', 'test:test'],
    });
    expect(ok.clientId).toBe('abc');
    expect(ok.issuer).toBe('pleo.staging');
    expect(ok.scopes).toEqual(['users:read', 'test:test']);
    expect(ok.callbackMode).toBe('paste-back');
  });

  it('custom environments: add (https or loopback), select, remove; secrets of a removed one are wiped', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const env = await h.call<EnvironmentSummary>('environments.addCustom', {
      name: 'Partner mock',
      authorizationEndpoint: `${h.fake.origin}/authorize`,
      tokenEndpoint: `${h.fake.origin}/token`,
      revocationEndpoint: `${h.fake.origin}/revoke`,
      issuer: h.fake.issuer,
      apiBase: `${h.fake.origin}/`,
    });
    expect(env.kind).toBe('custom');
    expect(env.apiBase).toBe(h.fake.origin);
    expect(env.capabilities?.revocation).toBe(true);
    await h.call('environments.update', {
      environmentId: env.id,
      clientId: 'fake-client',
      redirectUri: 'http://127.0.0.1/oauth/callback',
      scopes: ['users:read'],
    });
    await h.call('credentials.setClientSecret', { environmentId: env.id, clientSecret: 'fake-secret-0123456789' });
    const selected = await h.call<EnvironmentSummary>('environments.select', { environmentId: env.id });
    expect(selected.hasClientSecret).toBe(true);
    const { progress, authorizeUrl } = await h.startSignIn({ environmentId: env.id });
    const location = await h.fake.approve(authorizeUrl);
    await h.deliver(location, 'loopback');
    expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
    expect(await h.secretStore.get(`${env.id}/fake-client/tokens`)).not.toBeNull();
    await h.call('environments.remove', { environmentId: env.id });
    expect(await h.secretStore.get(`${env.id}/fake-client/tokens`)).toBeNull();
    expect(await h.secretStore.get(`${env.id}/fake-client/client-secret`)).toBeNull();
    const list = await h.call<{ activeId: string; environments: EnvironmentSummary[] }>('environments.list');
    expect(list.activeId).toBe('simulator');
    expect(list.environments.some((e) => e.id === env.id)).toBe(false);
  });

  it('tokens are kept per environment + client: another Client ID does not see them', async () => {
    const h = await startHarness({ redirect: 'loopback' });
    harnesses.push(h);
    expect((await h.signIn()).phase).toBe('signed-in');
    h.fake.addClient({ clientId: 'second-client', clientSecret: 'second-secret-xyz', redirectUris: ['http://127.0.0.1/oauth/callback'] });
    await h.call('environments.update', { environmentId: 'simulator', clientId: 'second-client' });
    expect((await h.call<{ signedIn: boolean }>('auth.status', {})).signedIn).toBe(false);
    const check = await h.handle('auth.signIn', { environmentId: 'simulator' });
    expect(!check.ok && check.error.code).toBe('CREDENTIALS_MISSING');
    await h.call('environments.update', { environmentId: 'simulator', clientId: h.fake.info.clients[0]!.clientId });
    expect((await h.call<{ signedIn: boolean }>('auth.status', {})).signedIn).toBe(true);
  });

  it('SIMULATOR_UNAVAILABLE when the simulator cannot start; the list still answers', async () => {
    const h = await startHarness({
      simulator: { start: async () => Promise.reject(new Error('port in use')), stop: async () => undefined },
    });
    harnesses.push(h);
    const list = await h.call<{ environments: EnvironmentSummary[] }>('environments.list');
    expect(list.environments.find((e) => e.id === 'simulator')?.simulatorState).toBe('unavailable');
    const signIn = await h.handle('auth.signIn', { environmentId: 'simulator' });
    expect(!signIn.ok && signIn.error.code).toBe('SIMULATOR_UNAVAILABLE');
    expect(h.events.some((e) => e.event === 'app.notice' && (e.payload as { code?: string }).code === 'SIMULATOR_UNAVAILABLE')).toBe(true);
  });
});
