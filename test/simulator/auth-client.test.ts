import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { authorizeUrl, basic, browse, defaultClient, pkcePair, signIn, start } from './helpers.js';

/** Pleo: only client_secret_basic; redirect URIs match exactly; `iss` in authorization responses. */
describe('authorization server: clients and redirects', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  async function codeFor(redirectUri: string): Promise<{ code: string; verifier: string; callback: URL }> {
    const client = defaultClient(sim);
    const { verifier, challenge } = pkcePair();
    const { callback } = await browse(
      sim,
      authorizeUrl(sim, {
        clientId: client.clientId,
        redirectUri,
        scope: 'test:test',
        state: 'x',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
    );
    if (!callback) throw new Error('no callback');
    return { code: callback.searchParams.get('code') as string, verifier, callback };
  }

  function tokenRequest(headers: Record<string, string>, body: Record<string, string>): Promise<Response> {
    return fetch(sim.info.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body),
    });
  }

  it('accepts client_secret_basic (openid-client end to end)', async () => {
    const { tokens } = await signIn(sim);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('rejects client credentials in the body (client_secret_post)', async () => {
    const client = defaultClient(sim);
    const redirectUri = 'io.pleo.partnerdesktop:/oauth/callback';
    const { code, verifier } = await codeFor(redirectUri);
    const response = await tokenRequest(
      {},
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('invalid_client');
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    const client = defaultClient(sim);
    const redirectUri = 'io.pleo.partnerdesktop:/oauth/callback';
    const { code, verifier } = await codeFor(redirectUri);
    const response = await tokenRequest(
      { authorization: basic(client.clientId, 'wrong-secret') },
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('invalid_client');
  });

  it('rejects grant types other than authorization_code and refresh_token', async () => {
    const client = defaultClient(sim);
    const response = await tokenRequest(
      { authorization: basic(client.clientId, client.clientSecret) },
      { grant_type: 'client_credentials' },
    );
    expect(response.status).toBe(400);
    expect(['unsupported_grant_type', 'unauthorized_client']).toContain((await response.json()).error);
  });

  it.each([
    'io.pleo.partnerdesktop:/oauth/callback/extra',
    'io.pleo.partnerdesktop://oauth/callback',
    'http://127.0.0.1:8080/oauth/other',
    'http://localhost:8080/oauth/callback',
    'https://oauth.pstmn.io/v1/browser-callback',
    'https://evil.example/oauth/callback',
  ])('refuses the unregistered redirect URI %s without redirecting', async (redirectUri) => {
    const client = defaultClient(sim);
    const { challenge } = pkcePair();
    const response = await fetch(
      authorizeUrl(sim, {
        clientId: client.clientId,
        redirectUri,
        scope: 'test:test',
        state: 'x',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('redirect_uri');
    expect(html).toContain('lang="en"');
  });

  it('matches loopback redirect URIs on any port (RFC 8252 §7.3)', async () => {
    const redirectUri = 'http://127.0.0.1:53682/oauth/callback';
    const { callback } = await codeFor(redirectUri);
    expect(callback.origin).toBe('http://127.0.0.1:53682');
    expect(callback.pathname).toBe('/oauth/callback');
  });

  it('accepts the Postman callback for paste-back', async () => {
    const { callback } = await codeFor('https://oauth.pstmn.io/v1/callback');
    expect(callback.href.startsWith('https://oauth.pstmn.io/v1/callback?')).toBe(true);
  });

  it('requires the same redirect_uri at the token endpoint', async () => {
    const client = defaultClient(sim);
    const { code, verifier } = await codeFor('http://127.0.0.1:40001/oauth/callback');
    const response = await tokenRequest(
      { authorization: basic(client.clientId, client.clientSecret) },
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:40002/oauth/callback',
        code_verifier: verifier,
      },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_grant');
  });

  it('puts iss (the issuer) into every authorization response', async () => {
    const { callback } = await codeFor('io.pleo.partnerdesktop:/oauth/callback');
    expect(callback.searchParams.get('iss')).toBe(sim.info.issuer);
    expect(sim.info.issuer).toBe(sim.info.apiBase);
    expect(sim.info.issuer.endsWith('/')).toBe(false);
  });

  it('uses a configured issuer, which openid-client then verifies', async () => {
    const other = await start({ issuer: 'https://auth.staging.simulator.example' });
    try {
      expect(other.info.issuer).toBe('https://auth.staging.simulator.example');
      const { tokens } = await signIn(other);
      expect(tokens.access_token).toBeTruthy();
      // The same response checked against a different expected issuer is a mix-up.
      const config = new oidc.Configuration(
        { issuer: sim.info.issuer, authorization_endpoint: other.info.authorizationEndpoint, token_endpoint: other.info.tokenEndpoint },
        defaultClient(other).clientId,
        defaultClient(other).clientSecret,
      );
      oidc.allowInsecureRequests(config);
      const verifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: 'io.pleo.partnerdesktop:/oauth/callback',
        scope: 'test:test',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: 'st',
      });
      const { callback } = await browse(other, url.href);
      const error = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: 'st' }).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: unknown },
      );
      expect(error).toBeInstanceOf(Error);
      expect(String((error?.cause as Error | undefined)?.message)).toMatch(/"iss"/);
    } finally {
      await other.close();
    }
  });
});
