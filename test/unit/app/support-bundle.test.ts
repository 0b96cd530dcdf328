/**
 * "Save a support bundle" (#13): recent log and settings, redacted, in one file through the
 * file-saver port. Canary secrets go everywhere a careless bundle could pick them up: a real
 * sign-in against the scriptable fake AS (code, state, verifier, tokens), the client secret,
 * log lines with bearer headers and OAuth query strings, a secret logged before it was known
 * to be one, and settings keys that look secret. None may reach the saved file.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSupportBundle, SUPPORT_BUNDLE_FORMAT, SUPPORT_BUNDLE_LOG_LIMIT } from '../../../src/core/app/support-bundle.js';
import { createRedactor } from '../../../src/core/logging/redact.js';
import type { SaveFileRequest } from '../../../src/core/ports.js';
import { startFakeAs } from '../../fixtures/auth/fake-as.js';
import { startHarness } from '../../fixtures/auth/harness.js';

describe('support bundle', () => {
  it('contains the recent log and settings but no secret (canaries from a real sign-in, the client secret and hostile log lines)', async () => {
    const secret = `CANARY-SECRET-${randomUUID()}`;
    const clientId = 'bundle-client';
    const fake = await startFakeAs({
      clients: [{ clientId, clientSecret: secret, redirectUris: ['io.pleo.partnerdesktop:/oauth/callback'] }],
    });
    const h = await startHarness({ fake });
    const saved: SaveFileRequest[] = [];
    h.services.ports.fileSaver = { save: async (request) => (saved.push(request), { saved: true, path: '/home/anna/bundle.json' }) };
    h.services.options.recentLog = () => h.logs;
    try {
      await h.call('environments.update', { environmentId: 'simulator', clientId });
      await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: secret });
      const { progress, authorizeUrl } = await h.startSignIn();
      await h.deliver(await fake.approve(authorizeUrl), 'private');
      expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
      await h.call('auth.refresh', {});

      // Hostile log lines: a bearer header, a callback URL, and a value logged before it was
      // known to be a secret (registered afterwards: the bundle masks it at save time).
      const lateSecret = `CANARY-LATE-${randomUUID()}`;
      h.services.logger.warn(`debug dump Authorization: Bearer CANARY-BEARER-${randomUUID()}`);
      h.services.logger.info(`callback io.pleo.partnerdesktop:/oauth/callback?code=CANARY-CODE-x1&state=CANARY-STATE-x2`);
      h.services.logger.info(`pasted value ${lateSecret}`);
      h.services.redactor.remember(lateSecret);
      // Settings keys that look secret (never written by the app, masked anyway).
      h.settings.set('support-test', {
        clientSecret: `CANARY-S1-${randomUUID()}`,
        nested: { refresh_token: `CANARY-S2-${randomUUID()}`, note: 'kept' },
      });

      const result = await h.call<{ saved: boolean; path: string; bytes: number }>('app.saveSupportBundle', {});
      expect(result).toMatchObject({ saved: true, path: '/home/anna/bundle.json' });
      expect(saved).toHaveLength(1);
      const text = String(saved[0]!.content);
      expect(result.bytes).toBe(Buffer.byteLength(text));
      expect(saved[0]!.suggestedName).toMatch(/^pleo-partner-desktop-support-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);

      const canaries = new Set<string>([secret, lateSecret]);
      for (const entry of fake.log) {
        const form = new URLSearchParams(entry.body);
        for (const key of ['code', 'code_verifier', 'refresh_token', 'token']) {
          const v = form.get(key);
          if (v) canaries.add(v);
        }
        const state = new URLSearchParams(entry.query).get('state');
        if (state) canaries.add(state);
      }
      expect(canaries.size).toBeGreaterThan(4);
      for (const canary of canaries) expect(text.includes(canary), `the bundle leaks ${canary.slice(0, 14)}…`).toBe(false);
      expect(text).not.toContain('CANARY-');

      // ...and it is still useful: valid JSON with the log, the settings and where data is kept.
      const bundle = JSON.parse(text) as {
        format: string;
        settings: Record<string, unknown>;
        log: Array<{ message: string }>;
        app: { version: string; dataLocations: { settingsFile: string } };
      };
      expect(bundle.format).toBe(SUPPORT_BUNDLE_FORMAT);
      expect(bundle.app.version).toBe(h.services.appInfo().version);
      expect(bundle.app.dataLocations.settingsFile).toBe(h.settings.path);
      expect(bundle.log.some((r) => r.message.startsWith('pasted value'))).toBe(true);
      expect(JSON.stringify(bundle.settings)).toContain(clientId);
      expect(bundle.settings['support-test']).toMatchObject({
        clientSecret: '[redacted]',
        nested: { refresh_token: '[redacted]', note: 'kept' },
      });
    } finally {
      await h.close();
      await fake.close();
    }
  });

  it('a cancelled save dialog saves nothing and says so', async () => {
    const h = await startHarness();
    try {
      h.services.ports.fileSaver = { save: async () => ({ saved: false }) };
      expect(await h.call('app.saveSupportBundle', {})).toEqual({ saved: false });
    } finally {
      await h.close();
    }
  });

  it('keeps only the most recent log records', () => {
    const log = Array.from({ length: SUPPORT_BUNDLE_LOG_LIMIT + 10 }, (_, i) => ({
      level: 'info' as const,
      message: `line ${i}`,
      at: new Date(0).toISOString(),
    }));
    const about = {
      name: 'n',
      version: 'v',
      host: 'test-host' as const,
      platform: 'linux',
      runtime: {},
      dataLocations: { settingsFile: '/s', keychain: 'k', log: 'l' },
    };
    const bundle = JSON.parse(buildSupportBundle({ about, settings: {}, log, createdAt: new Date(0), redactor: createRedactor() })) as {
      log: Array<{ message: string }>;
    };
    expect(bundle.log).toHaveLength(SUPPORT_BUNDLE_LOG_LIMIT);
    expect(bundle.log[0]!.message).toBe('line 10');
    expect(bundle.log.at(-1)!.message).toBe(`line ${SUPPORT_BUNDLE_LOG_LIMIT + 9}`);
  });
});
