import { createHash, randomBytes } from 'node:crypto';

import * as oidc from 'openid-client';

import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

/**
 * Shared helpers for the simulator conformance tests: start/stop, a minimal cookie jar, and a
 * plain-fetch "browser" that walks the simulator's login and consent pages.
 */

export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ quiet: true, mode: 'test', entries: 1000, ...options });
}

export function defaultClient(sim: Simulator) {
  const client = sim.info.clients[0];
  if (!client) throw new Error('no default client');
  return client;
}

export function narrowClient(sim: Simulator) {
  const client = sim.info.clients[1];
  if (!client) throw new Error('no narrow client');
  return client;
}

export function basic(clientId: string, secret: string): string {
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Just enough of a cookie jar for oidc-provider's session and interaction cookies. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq < 0) continue;
      const name = (pair as string).slice(0, eq).trim();
      const value = (pair as string).slice(eq + 1).trim();
      const expired =
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=').slice(1).join('=')) < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(sim: Simulator, params: AuthorizeParams): string {
  const url = new URL(sim.info.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', params.scope);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  if (params.codeChallenge !== undefined) url.searchParams.set('code_challenge', params.codeChallenge);
  if (params.codeChallengeMethod !== undefined) url.searchParams.set('code_challenge_method', params.codeChallengeMethod);
  for (const [k, v] of Object.entries(params.extra ?? {})) url.searchParams.set(k, v);
  return url.href;
}

export interface BrowserOptions {
  email?: string;
  password?: string;
  /** What to click on the consent page. */
  decision?: 'allow' | 'deny';
  jar?: CookieJar;
}

/**
 * Follows the authorization flow like a browser: redirects, the login form, the consent form.
 * Returns the final redirect to the client (a URL outside the simulator) or the page it got
 * stuck on.
 */
export async function browse(
  sim: Simulator,
  startUrl: string,
  options: BrowserOptions = {},
): Promise<{ callback?: URL; page?: { status: number; html: string; url: string } }> {
  const jar = options.jar ?? new CookieJar();
  const user = sim.info.users[0];
  const email = options.email ?? user?.email ?? '';
  const password = options.password ?? user?.password ?? '';
  const origin = new URL(sim.info.apiBase).origin;

  let next: { url: string; method: 'GET' | 'POST'; body?: string } = { url: startUrl, method: 'GET' };
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await fetch(next.url, {
      method: next.method,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(next.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(next.body !== undefined ? { body: next.body } : {}),
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, next.url);
      await response.body?.cancel();
      if (target.origin !== origin || target.protocol !== 'http:') return { callback: target };
      next = { url: target.href, method: 'GET' };
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+\/(login|confirm|abort))"/g;
    const forms = [...html.matchAll(action)].map((m) => ({ url: new URL(m[1] as string, next.url).href, kind: m[2] as string }));
    const login = forms.find((f) => f.kind === 'login');
    if (login && !html.includes('role="alert"')) {
      next = { url: login.url, method: 'POST', body: new URLSearchParams({ login: email, password }).toString() };
      continue;
    }
    const consent = forms.find((f) => f.kind === ((options.decision ?? 'allow') === 'allow' ? 'confirm' : 'abort'));
    if (consent) {
      next = { url: consent.url, method: 'POST', body: '' };
      continue;
    }
    return { page: { status: response.status, html, url: next.url } };
  }
  throw new Error('too many redirects');
}

/** openid-client configuration with manual metadata, as the app uses it. */
export function oidcConfig(sim: Simulator, client = defaultClient(sim)): oidc.Configuration {
  const config = new oidc.Configuration(
    {
      issuer: sim.info.issuer,
      authorization_endpoint: sim.info.authorizationEndpoint,
      token_endpoint: sim.info.tokenEndpoint,
      introspection_endpoint: sim.info.introspectionEndpoint,
      revocation_endpoint: sim.info.revocationEndpoint,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    },
    client.clientId,
    client.clientSecret,
    oidc.ClientSecretBasic(client.clientSecret),
  );
  oidc.allowInsecureRequests(config);
  return config;
}

export interface SignedIn {
  config: oidc.Configuration;
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
}

/** A complete sign-in with openid-client plus the plain-fetch browser. */
export async function signIn(
  sim: Simulator,
  options: { client?: ReturnType<typeof defaultClient>; scope?: string; redirectUri?: string; user?: number } = {},
): Promise<SignedIn> {
  const client = options.client ?? defaultClient(sim);
  const config = oidcConfig(sim, client);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const redirectUri = options.redirectUri ?? 'io.pleo.partnerdesktop:/oauth/callback';
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: options.scope ?? client.scopes.join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const user = sim.info.users[options.user ?? 0];
  const result = await browse(sim, url.href, user ? { email: user.email, password: user.password } : {});
  if (!result.callback) throw new Error(`sign-in did not reach the client: ${result.page?.status} ${result.page?.html.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(config, result.callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens };
}

/** GET/POST an API path with a bearer token. */
export async function api(sim: Simulator, token: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${sim.info.apiBase}${path}`, { ...init, headers });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
