import { afterEach, describe, expect, it } from 'vitest';
import { startNodeOAuthServer } from './servers/node-oauth-server.js';
import { startMockServer } from './servers/mock-server.js';
import { REDIRECTS } from '../fixtures/auth/harness.js';
import { startDriver, type Driver } from './engine-driver.js';

const UUID = '12a3b456-78c9-4d0e-9f12-3456789abcde';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe('smoke', () => {
  it('node-oauth', async () => {
    const s = await startNodeOAuthServer({ clientId: UUID, clientSecret: 'secret-1', redirectUris: Object.values(REDIRECTS) });
    closers.push(s.close);
    const d: Driver = await startDriver({ name: 'node', authorizationEndpoint: s.authorizationEndpoint, tokenEndpoint: s.tokenEndpoint, issuer: s.origin }, { clientId: UUID, clientSecret: 'secret-1', scopes: ['read'] });
    closers.push(d.close);
    const end = await d.signIn();
    console.log(end, s.script.log);
    expect(end.phase).toBe('signed-in');
  });
  it('mock', async () => {
    const s = await startMockServer();
    closers.push(s.close);
    const d: Driver = await startDriver({ name: 'mock', authorizationEndpoint: s.authorizationEndpoint, tokenEndpoint: s.tokenEndpoint, issuer: s.issuer }, { clientId: UUID, clientSecret: 'secret-1', scopes: ['read'], redirect: 'loopback' });
    closers.push(d.close);
    const end = await d.signIn();
    console.log(end, s.log);
    expect(end.phase).toBe('signed-in');
  });
});
