import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAuthorizationRequest } from '../../../src/core/oauth/authorization-request.js';
import { sanitizeServerText } from '../../../src/core/oauth/server-text.js';
import { startHarness } from '../../fixtures/auth/harness.js';

const ctx = {
  as: {
    issuer: 'https://auth.staging.pleo.io',
    authorization_endpoint: 'https://auth.staging.pleo.io/oauth/authorize',
    token_endpoint: 'https://auth.staging.pleo.io/oauth/token',
  },
  client: { client_id: '12a3b456-78c9-0d12-93f4-f567ab8cde9f' },
};

describe('authorization request (AR)', () => {
  it('AR-01 1,000 requests: code + S256, challenge = b64url(SHA-256(verifier)), verifiers and states distinct and strong, exact redirect_uri, no secret', async () => {
    const verifiers = new Set<string>();
    const states = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const request = await buildAuthorizationRequest(ctx, {
        redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
        scopes: ['users:read', 'test:test'],
      });
      const url = new URL(request.url);
      const q = url.searchParams;
      expect(url.origin + url.pathname).toBe('https://auth.staging.pleo.io/oauth/authorize');
      expect(q.get('response_type')).toBe('code');
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('client_id')).toBe(ctx.client.client_id);
      expect(q.get('redirect_uri')).toBe('io.pleo.partnerdesktop:/oauth/callback');
      expect(q.get('scope')).toBe('users:read test:test');
      expect(q.get('state')).toBe(request.state);
      expect(request.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(q.get('code_challenge')).toBe(createHash('sha256').update(request.codeVerifier, 'ascii').digest('base64url'));
      expect(q.get('code_challenge')).not.toContain('=');
      // >= 128 bits: 22+ base64url characters.
      expect(request.state.length).toBeGreaterThanOrEqual(22);
      expect(q.has('client_secret')).toBe(false);
      expect(q.has('code_verifier')).toBe(false);
      expect(q.has('prompt')).toBe(false);
      verifiers.add(request.codeVerifier);
      states.add(request.state);
    }
    expect(verifiers.size).toBe(1000);
    expect(states.size).toBe(1000);
  });

  it('AR-01 forceLogin adds prompt=login', async () => {
    const request = await buildAuthorizationRequest(ctx, {
      redirectUri: 'https://oauth.pstmn.io/v1/callback',
      scopes: [],
      forceLogin: true,
    });
    expect(new URL(request.url).searchParams.get('prompt')).toBe('login');
    expect(new URL(request.url).searchParams.has('scope')).toBe(false);
  });

  it('AR-02 the renderer cannot choose the URL opened in the browser: extra arguments are refused by the contract', async () => {
    const h = await startHarness();
    try {
      for (const extra of [
        { authorizeUrl: 'https://evil.example' },
        { redirectUri: 'https://evil.example/cb' },
        { url: 'https://evil.example' },
      ]) {
        const result = await h.handle('auth.signIn', { environmentId: 'simulator', ...extra });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('INVALID_PAYLOAD');
      }
      expect(h.opened).toEqual([]);
      await h.call('auth.signIn', { environmentId: 'simulator' });
      expect(new URL(h.opened[0]!).origin).toBe(h.fake.origin);
    } finally {
      await h.close();
    }
  });

  it('AR-04 (logic; the webContents check needs Electron) the engine hands the authorize URL only to the BrowserLauncher port, never anything else', async () => {
    const h = await startHarness();
    try {
      const { authorizeUrl } = await h.startSignIn();
      expect(h.opened).toEqual([authorizeUrl]);
      const failing = await startHarness({ onOpen: () => Promise.reject(new Error('no default browser')) });
      try {
        const result = await failing.handle('auth.signIn', { environmentId: 'simulator' });
        expect(!result.ok && result.error.code).toBe('BROWSER_OPEN_FAILED');
        expect(failing.api.sessionOnly()).toBe(false);
      } finally {
        await failing.close();
      }
    } finally {
      await h.close();
    }
  });
});

describe('server text (CB-10, L-3)', () => {
  it('CB-10 keeps markup as plain text (escaped where rendered), strips bidi and control characters, keeps emoji, truncates a 100 KB text to 300 characters', () => {
    const text = sanitizeServerText(`<img src=x onerror=alert(1)>\u202Eevil\u2066x\u0000\u0007 😀\n${'A'.repeat(100 * 1024)}`)!;
    expect(text.startsWith('<img src=x onerror=alert(1)>evilx 😀 AAA')).toBe(true);
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u001f]/);
    expect(Array.from(text).length).toBeLessThanOrEqual(300);
    expect(text.endsWith('…')).toBe(true);
    expect(sanitizeServerText('\ud800lone')).toBe('\ufffdlone');
    expect(sanitizeServerText('   ')).toBeUndefined();
    expect(sanitizeServerText(42)).toBeUndefined();
  });
});
