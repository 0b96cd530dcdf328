import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEvidence } from '../../../src/core/auth/auth-api.js';
import type { AuthStatus, CredentialCheck, EnvironmentSummary } from '../../../src/shared/environments.js';
import { startHarness, type Harness, type HarnessOptions } from '../../fixtures/auth/harness.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
async function harness(options: HarnessOptions = {}) {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}
const tokensAccount = (h: Harness) => `simulator/${encodeURIComponent(h.fake.info.clients[0]!.clientId)}/tokens`;

describe('credential check (checklist)', () => {
  it('tells invalid_client (wrong Client ID / Secret) from invalid_grant (credentials accepted) with a dummy code', async () => {
    const h = await harness();
    const evidence: AuthEvidence[] = [];
    h.api.onEvidence((e) => evidence.push(e));
    const good = await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' });
    expect(good.outcome).toBe('accepted');
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: 'wrong-secret-123' });
    const bad = await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' });
    expect(bad.outcome).toBe('rejected');
    expect(bad.detail).toMatch(/rejected the Client ID or Client Secret/);
    expect(evidence.filter((e) => e.kind === 'credentials-checked').map((e) => e.details.credentialCheck?.outcome)).toEqual([
      'accepted',
      'rejected',
    ]);
    expect(evidence.some((e) => e.kind === 'credentials-stored')).toBe(true);
    // The probe never created anything at the AS.
    expect(h.fake.activeTokens()).toBe(0);
  });

  it('reports an unreachable or strange token endpoint plainly', async () => {
    const h = await harness({ tuning: { tokenRequestTimeoutMs: 300 } });
    h.fake.tokenFaults.push({ status: 503, body: '' });
    expect((await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' })).outcome).toBe('unreachable');
    h.fake.tokenFaults.push({ hang: true });
    expect((await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' })).outcome).toBe('unreachable');
    h.fake.tokenFaults.push({ status: 200, body: { access_token: 'CANARY-AT-x', token_type: 'Bearer' } });
    expect((await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' })).outcome).toBe('unexpected');
    h.fake.tokenFaults.push({ status: 400, body: { error: 'invalid_request' } });
    expect((await h.call<CredentialCheck>('credentials.check', { environmentId: 'simulator' })).outcome).toBe('unexpected');
  });

  it('IPC-11 the secret is write-only: no result ever contains it, only a fingerprint', async () => {
    const h = await harness();
    const summary = await h.call<EnvironmentSummary>('credentials.setClientSecret', {
      environmentId: 'simulator',
      clientSecret: 'write-only-secret-42',
    });
    expect(summary.clientSecretFingerprint).toMatch(/^…[0-9a-f]{4}$/);
    expect(JSON.stringify(h.results)).not.toContain('write-only-secret-42');
    const cleared = await h.call<EnvironmentSummary>('credentials.clear', { environmentId: 'pleo-staging' });
    expect(cleared.hasClientSecret).toBe(false);
  });

  it('credentials.clear forgets the secret and the tokens of that client', async () => {
    const h = await harness();
    await h.call('credentials.setClientSecret', { environmentId: 'simulator', clientSecret: h.fake.info.clients[0]!.clientSecret });
    expect((await h.signIn()).phase).toBe('signed-in');
    await h.call('credentials.clear', { environmentId: 'simulator' });
    expect(await h.secretStore.get(tokensAccount(h))).toBeNull();
    expect((await h.call<AuthStatus>('auth.status', {})).signedIn).toBe(false);
  });
});

describe('sign-out', () => {
  it('revokes refresh and access token at the revocation endpoint, wipes the keychain, keeps the credentials', async () => {
    const h = await harness();
    expect((await h.signIn()).phase).toBe('signed-in');
    const tokens = JSON.parse((await h.secretStore.get(tokensAccount(h)))!);
    const out = await h.call<AuthStatus>('auth.signOut', {});
    expect(out.signedIn).toBe(false);
    expect(out.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['issued', 'revoked', 'signed-out']));
    expect(h.fake.isActive(tokens.refreshToken)).toBe(false);
    expect(h.fake.isActive(tokens.accessToken)).toBe(false);
    expect(await h.secretStore.get(tokensAccount(h))).toBeNull();
    const list = await h.call<{ environments: EnvironmentSummary[] }>('environments.list');
    expect(list.environments.find((e) => e.id === 'simulator')!.hasClientSecret).toBe(true);
    // The next sign-in asks for a fresh login.
    const { authorizeUrl } = await h.startSignIn();
    expect(new URL(authorizeUrl).searchParams.get('prompt')).toBe('login');
  });

  it('disconnectInstallation: true deletes the Pleo installation with the bearer token (explicit action only)', async () => {
    const h = await harness();
    expect((await h.signIn()).phase).toBe('signed-in');
    await h.call('auth.signOut', {});
    expect(h.fake.stats.disconnects).toBe(0);
    expect((await h.signIn()).phase).toBe('signed-in');
    await h.call('auth.signOut', { disconnectInstallation: true });
    expect(h.fake.stats.disconnects).toBe(1);
    const deletion = h.fake.log.find((e) => e.method === 'DELETE' && e.path === '/v1/installations/me')!;
    expect(deletion.authorization).toMatch(/^Bearer CANARY-AT-/);
  });

  it('sign-out still wipes locally when the server cannot be told; the user gets REVOCATION_FAILED', async () => {
    const h = await harness({ tuning: { signOutTimeoutMs: 300 } });
    expect((await h.signIn()).phase).toBe('signed-in');
    const revokeDown = http.createServer((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    await new Promise<void>((r) => revokeDown.listen(0, '127.0.0.1', r));
    try {
      const custom = await h.call<EnvironmentSummary>('environments.addCustom', {
        name: 'revocation down',
        authorizationEndpoint: `${h.fake.origin}/authorize`,
        tokenEndpoint: `${h.fake.origin}/token`,
        revocationEndpoint: `http://127.0.0.1:${(revokeDown.address() as AddressInfo).port}/revoke`,
        issuer: h.fake.issuer,
        apiBase: h.fake.origin,
      });
      const client = h.fake.info.clients[0]!;
      await h.call('environments.update', { environmentId: custom.id, clientId: client.clientId });
      await h.call('credentials.setClientSecret', { environmentId: custom.id, clientSecret: client.clientSecret });
      const { progress, authorizeUrl } = await h.startSignIn({ environmentId: custom.id });
      await h.deliver(await h.fake.approve(authorizeUrl), 'private');
      expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
      const out = await h.call<AuthStatus>('auth.signOut', { environmentId: custom.id, disconnectInstallation: true });
      expect(out.signedIn).toBe(false);
      expect(await h.secretStore.get(`${custom.id}/${encodeURIComponent(client.clientId)}/tokens`)).toBeNull();
      const notice = h.events
        .filter((e) => e.event === 'app.notice')
        .map((e) => e.payload as { code: string; message: string })
        .find((n) => n.code === 'REVOCATION_FAILED')!;
      expect(notice.message).toMatch(/signed out on this computer/);
      expect(notice.message).toMatch(/no installation to disconnect/);
      // The simulator session is untouched by the custom environment's sign-out.
      expect((await h.call<AuthStatus>('auth.status', { environmentId: 'simulator' })).signedIn).toBe(true);
    } finally {
      revokeDown.close();
    }
  });

  it('sign-out cancels a pending sign-in of that environment', async () => {
    const h = await harness();
    const { progress } = await h.startSignIn();
    await h.call('auth.signOut', {});
    expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('cancelled');
  });
});
