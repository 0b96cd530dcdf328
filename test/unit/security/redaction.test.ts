import { rmSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { createExplorerFeature } from '../../../src/core/explorer/explorer-feature.js';
import { createCore } from '../../../src/core/create-core.js';
import { createLogger, memorySink } from '../../../src/core/logging/logger.js';
import { createRedactor } from '../../../src/core/logging/redact.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';
import type { CredentialCheck } from '../../../src/shared/environments.js';
import { startHarness, type Harness } from '../../fixtures/auth/harness.js';
import { memoryBackend } from '../explorer/fakes.js';

/**
 * Security issue 11 points 3, 4 and 6 (explorer bodies), and issue 12 (one redactor per core).
 * Real auth feature, real fake authorization server on 127.0.0.1, real settings file.
 */
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close().catch(() => undefined);
});

/** An API that echoes the bearer token it was sent, as a badly behaved server might. */
const echoingApi = (async (_url: string | URL | Request, init?: RequestInit) => {
  const auth = new Headers(init?.headers).get('authorization') ?? '';
  const token = auth.replace(/^Bearer /, '');
  return new Response(JSON.stringify({ data: { youSent: token, note: `token=${token}` } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}) as typeof fetch;

const corePorts = () => ({
  browserLauncher: { open: async () => undefined },
  externalOpener: { openExternal: async () => undefined },
  clipboard: { writeText: async () => undefined },
  fileSaver: { save: async () => ({ saved: false }) },
  secretStore: createMemorySecretStore(),
});

describe('redaction of every secret the process knows', () => {
  it('TOKENS-FROM-KEYCHAIN (issue 11 point 3): after a restart, an API answer echoing the bearer token is not stored in settings.json', async () => {
    const secretStore = createMemorySecretStore();
    const first = await startHarness({ secretStore });
    expect((await first.signIn()).phase).toBe('signed-in');
    const settingsDir = first.settingsDir;
    await first.close({ keepFake: true, keepSettings: true });

    // The restart: a new process (new redactor) whose tokens come only from the keychain.
    const second = await startHarness({ secretStore, settingsDir, fake: first.fake });
    try {
      const explorer = createExplorerFeature(second.services, { auth: second.api, fetchImpl: echoingApi });
      const response = await explorer.api.send({ method: 'GET', path: '/v2/employees', query: [] });
      const token = await second.api.getAccessToken();
      expect((JSON.parse(response.body) as { data: { youSent: string } }).data.youSent).toBe(token); // the echo really happened

      const onDisk = JSON.stringify(second.settings.store);
      expect(onDisk).toContain('explorerHistory');
      expect(onDisk).not.toContain(token);
      expect(explorer.api.history()[0]!.responseBody).toContain('[redacted]');
      await explorer.dispose();
    } finally {
      await second.close({ keepSettings: true });
      rmSync(settingsDir, { recursive: true, force: true });
      await first.fake.close();
    }
  });

  it('REDACTOR-FORGETS (issue 12): tokens are masked while held, forgotten when rotated away or signed out', async () => {
    const h = await startHarness();
    harnesses.push(h);
    await h.signIn();
    const { redactor } = h.services;
    const before = await h.api.getAccessToken();
    expect(redactor.contains(`x ${before} y`)).toBe(true);
    await h.call('auth.refresh', { environmentId: 'simulator' });
    const after = await h.api.getAccessToken();
    expect(after).not.toBe(before);
    expect(redactor.contains(before)).toBe(false);
    expect(redactor.text(`GET with ${after}`)).toBe('GET with [redacted]');
    await h.call('auth.signOut', { environmentId: 'simulator' });
    expect(redactor.contains(after)).toBe(false);
  });

  it('REDACTOR-PER-CORE (issue 12): two cores in one process do not share their secrets', async () => {
    const make = () =>
      createCore({ host: 'test-host', appVersion: '0', userDataDir: '/tmp/none', settings: memoryBackend(), ports: corePorts() });
    const a = make();
    const b = make();
    try {
      a.services.redactor.remember('only-core-a-knows-this');
      expect(a.services.redactor.contains('only-core-a-knows-this')).toBe(true);
      expect(b.services.redactor.contains('only-core-a-knows-this')).toBe(false);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('REDACTOR-INJECTED (issue 12): the core masks its live secrets in whatever logger it is given', async () => {
    const memory = memorySink();
    const redactor = createRedactor();
    const core = createCore({
      host: 'test-host',
      appVersion: '0',
      userDataDir: '/tmp/none',
      settings: memoryBackend(),
      logger: createLogger([memory.sink]),
      redactor,
      ports: corePorts(),
    });
    redactor.remember('live-secret-value-42');
    core.services.logger.warn('saw live-secret-value-42 in an answer', { echoed: 'live-secret-value-42' });
    expect(memory.records).toHaveLength(1);
    expect(JSON.stringify(memory.records)).not.toContain('live-secret-value-42');
    await core.dispose();
  });

  it('RENDERER-SCRUB (issue 11 points 4 and 6): nothing core answers or emits to the renderer carries a live secret', async () => {
    const redactor = createRedactor();
    const core = createCore({
      host: 'test-host',
      appVersion: '0',
      userDataDir: '/tmp/none',
      settings: memoryBackend(),
      redactor,
      ports: corePorts(),
    });
    try {
      redactor.remember('echoed-secret-CANARY-77');
      const sent: unknown[] = [];
      core.onRendererEvent((event, payload) => sent.push({ event, payload }));
      core.events.emit('app.notice', { level: 'info', code: 'X', message: 'server said echoed-secret-CANARY-77' });
      expect(sent).toEqual([{ event: 'app.notice', payload: { level: 'info', code: 'X', message: 'server said [redacted]' } }]);
      const prefs = await core.handle('app.setPreferences', { presenterMode: false });
      expect(prefs.ok).toBe(true);
      core.services.notify({ level: 'warning', message: 'echoed-secret-CANARY-77 was in a body' });
      expect(JSON.stringify(await core.handle('app.notices', {}))).not.toContain('echoed-secret-CANARY-77');
    } finally {
      await core.dispose();
    }
  });

  it('SERVER-SAID (issue 11 point 4): an AS echoing the Client Secret in error_description does not put it on screen', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const secret = 'typed-secret-CANARY-5150';
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: secret });
    h.fake.tokenFaults.push({
      status: 401,
      body: { error: 'invalid_client', error_description: `client authentication failed for secret ${secret}` },
    });
    const check = await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' });
    expect(check.outcome).toBe('rejected');
    expect(check.detail).toContain('Server said');
    expect(check.detail).not.toContain(secret);
    expect(JSON.stringify(h.results)).not.toContain(secret);
    expect(JSON.stringify(h.events)).not.toContain(secret);
  });
});
