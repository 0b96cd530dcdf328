import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../src/simulator/index.js';
import { authorizeUrl, basic, browse, defaultClient, pkcePair, start } from './helpers.js';

/** Pleo: PKCE is required, S256 only (`plain` is rejected); the verifier follows RFC 7636. */
describe('authorization server: PKCE', () => {
  let sim: Simulator;
  const redirectUri = 'io.pleo.partnerdesktop:/oauth/callback';
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  async function authorizeRedirect(extra: { codeChallenge?: string; codeChallengeMethod?: string }): Promise<URL> {
    const client = defaultClient(sim);
    const response = await fetch(authorizeUrl(sim, { clientId: client.clientId, redirectUri, scope: 'test:test', state: 's1', ...extra }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location') as string);
  }

  it('rejects an authorization request without PKCE', async () => {
    const location = await authorizeRedirect({});
    expect(location.href.startsWith(redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('iss')).toBe(sim.info.issuer);
  });

  it('rejects code_challenge_method=plain', async () => {
    const { verifier } = pkcePair();
    const location = await authorizeRedirect({ codeChallenge: verifier, codeChallengeMethod: 'plain' });
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/code_challenge_method/);
  });

  it('rejects a challenge without a method', async () => {
    const { challenge } = pkcePair();
    const location = await authorizeRedirect({ codeChallenge: challenge });
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('accepts S256 and checks the verifier at the token endpoint', async () => {
    const client = defaultClient(sim);
    const { verifier, challenge } = pkcePair();
    const { callback } = await browse(
      sim,
      authorizeUrl(sim, {
        clientId: client.clientId,
        redirectUri,
        scope: 'test:test',
        state: 'ok',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
    );
    const code = callback?.searchParams.get('code');
    expect(code).toBeTruthy();
    const exchange = (codeVerifier: string) =>
      fetch(sim.info.tokenEndpoint, {
        method: 'POST',
        headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: code as string,
          redirect_uri: redirectUri,
          code_verifier: codeVerifier,
        }),
      });

    const wrong = await exchange(pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toBe('invalid_grant');

    // RFC 7636: 43 to 128 characters.
    const tooShort = await exchange('a'.repeat(42));
    expect(tooShort.status).toBe(400);
    expect((await tooShort.json()).error).toBe('invalid_request');

    const right = await exchange(verifier);
    expect(right.status).toBe(200);
    expect((await right.json()).access_token).toBeTruthy();

    // Codes are single use.
    const again = await exchange(verifier);
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
  });
});
