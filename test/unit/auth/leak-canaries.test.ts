/**
 * Canary scans (security-test-plan §6.7, §7.10 LK-01..LK-03) over a run that exercises every
 * path: three ways back, a denial, a forged callback, a token-endpoint failure, a credential
 * check, refreshes, sign-out. The fake AS issues CANARY-AT-/CANARY-RT-/CANARY-CODE- values and
 * the client secret is CANARY-SECRET-<uuid>; verifiers and states are read from the AS's log.
 * Nothing of it may appear in a log record, the settings file, any IPC result, any event, or
 * any callback outcome; and at the AS each secret may appear only where it belongs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFakeAs } from '../../fixtures/auth/fake-as.js';
import { allStrings, startHarness } from '../../fixtures/auth/harness.js';

describe('leakage (LK)', () => {
  it('LK-01 LK-02 LK-03 ST-12 no secret in logs, settings, IPC results, events or messages; each secret only where it belongs at the AS', async () => {
    const secret = `CANARY-SECRET-${randomUUID()}`;
    const clientId = 'canary-client';
    const fake = await startFakeAs({
      clients: [
        {
          clientId,
          clientSecret: secret,
          redirectUris: ['io.pleo.partnerdesktop:/oauth/callback', 'http://127.0.0.1/oauth/callback', 'https://oauth.pstmn.io/v1/callback'],
        },
      ],
    });
    const h = await startHarness({ fake, tuning: { tokenRequestTimeoutMs: 500 } });
    const outcomes: unknown[] = [];
    try {
      await h.call('environments.list');
      await h.call('environments.update', { environmentId: 'simulator', clientId });
      await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: secret });
      await h.call('credentials.check', { environmentId: 'simulator' });
      for (const kind of ['private', 'loopback', 'paste'] as const) {
        await h.call('environments.update', {
          environmentId: 'simulator',
          redirectUri: {
            private: 'io.pleo.partnerdesktop:/oauth/callback',
            loopback: 'http://127.0.0.1/oauth/callback',
            paste: 'https://oauth.pstmn.io/v1/callback',
          }[kind],
        });
        const { progress, authorizeUrl } = await h.startSignIn();
        outcomes.push(await h.deliver(await fake.approve(authorizeUrl), kind));
        expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
        await h.call('auth.refresh', {});
        const token = await h.api.getAccessToken();
        await fetch(`${fake.origin}/v2/employees`, { headers: { authorization: `Bearer ${token}` } });
      }
      await h.call('environments.update', { environmentId: 'simulator', redirectUri: 'io.pleo.partnerdesktop:/oauth/callback' });
      // Failures: denial, forged state, token endpoint down, replay.
      fake.authorizeBehaviour.push({ error: 'access_denied', errorDescription: 'nope' });
      let p = await h.startSignIn();
      outcomes.push(await h.deliver(await fake.approve(p.authorizeUrl), 'private'));
      fake.authorizeBehaviour.push({ state: 'forged-state-0123456789' });
      p = await h.startSignIn();
      outcomes.push(await h.deliver(await fake.approve(p.authorizeUrl), 'private'));
      fake.tokenFaults.push({ status: 503, body: '' });
      p = await h.startSignIn();
      const location = await fake.approve(p.authorizeUrl);
      outcomes.push(await h.deliver(location, 'private'));
      outcomes.push(await h.deliver(location, 'private'));
      outcomes.push(await h.handle('auth.pasteCallback', { url: location }));
      await h.call('auth.signOut', {});
      outcomes.push(await h.handle('auth.refresh', {}));

      const canaries = new Set<string>([secret]);
      for (const entry of fake.log) {
        const form = new URLSearchParams(entry.body);
        for (const key of ['code', 'code_verifier', 'refresh_token', 'token']) {
          const v = form.get(key);
          if (v) canaries.add(v);
        }
        const q = new URLSearchParams(entry.query);
        const state = q.get('state');
        if (state) canaries.add(state);
      }
      expect([...canaries].filter((c) => c.startsWith('CANARY-AT-')).length).toBeGreaterThan(3);
      expect([...canaries].filter((c) => c.startsWith('CANARY-RT-')).length).toBeGreaterThan(3);
      expect([...canaries].some((c) => /^[A-Za-z0-9_-]{43}$/.test(c))).toBe(true); // verifiers

      // LK-01 / LK-02: the app side.
      const appSide: Array<[string, string]> = [
        ['log records', JSON.stringify(h.logs)],
        ['settings file', readFileSync(h.settings.path, 'utf8')],
        ['IPC results', allStrings(h.results).join('\n')],
        ['events (to the renderer)', allStrings(h.events).join('\n')],
        ['callback outcomes and messages', allStrings(outcomes).join('\n')],
      ];
      for (const [where, text] of appSide) {
        expect(text, where).not.toContain('CANARY-');
        for (const canary of canaries) expect(text.includes(canary), `${where} leaks a secret`).toBe(false);
      }
      expect(h.logs.length).toBeGreaterThan(0);

      // LK-03: where each secret went at the AS.
      const decodeBasic = (header: string) => {
        const text = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
        const colon = text.indexOf(':');
        const form = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
        return [form(text.slice(0, colon)), form(text.slice(colon + 1))];
      };
      for (const entry of fake.log) {
        const where = `${entry.method} ${entry.path}`;
        expect(entry.query.includes('CANARY-'), `${where}: a token in a URL`).toBe(false);
        expect(entry.body.includes(secret) || entry.query.includes(secret), `${where}: secret outside the Basic header`).toBe(false);
        if (entry.authorization?.startsWith('Basic ')) {
          expect(['/token', '/revoke', '/introspect']).toContain(entry.path);
          expect(decodeBasic(entry.authorization)).toEqual([clientId, secret]);
        }
        if (entry.path === '/authorize') expect(entry.authorization).toBeUndefined();
        if (entry.body.includes('CANARY-RT-')) expect(['/token', '/revoke']).toContain(entry.path);
        if (entry.authorization?.startsWith('Bearer ')) expect(['/v2/employees', '/v1/installations/me']).toContain(entry.path);
      }
    } finally {
      await h.close();
      await fake.close();
    }
  });
});
