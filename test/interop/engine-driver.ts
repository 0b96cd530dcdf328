/**
 * Drives the REAL sign-in engine (auth feature + IPC dispatch, from test/fixtures/auth/harness)
 * against a server we did not write: a custom environment is created, configured and used
 * exactly as a partner would through the app's channels. The "browser" follows the server's
 * authorize redirect without rendering anything and hands the callback to the chosen receiver:
 * the OS deep link (private-use scheme), the loopback listener, or paste-back.
 */
import type { ClientAuthMethod, AuthStatus, EnvironmentSummary, FlowProgress } from '../../src/shared/environments.js';
import type { Result } from '../../src/shared/result.js';
import type { AuthTuning } from '../../src/core/auth/auth-feature.js';
import type { Clock } from '../../src/core/ports.js';
import { REDIRECTS, startHarness, type Harness, type RedirectKind } from '../fixtures/auth/harness.js';

export interface ServerUnderTest {
  name: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  issuer: string;
}

export interface DriverOptions {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  redirect?: RedirectKind;
  clientAuth?: ClientAuthMethod;
  tuning?: AuthTuning;
  clock?: Clock;
}

export interface Driver {
  h: Harness;
  envId: string;
  /** Start, follow the authorize redirect, deliver the callback, wait for the end of the flow. */
  signIn(kind?: RedirectKind): Promise<FlowProgress>;
  /** The address the server redirected the browser to (for tests that tamper with it). */
  authorize(): Promise<{ flowId: string; callback: string }>;
  deliver(callback: string, kind?: RedirectKind): Promise<unknown>;
  refresh(): Promise<Result<unknown>>;
  status(): Promise<AuthStatus>;
  update(patch: Record<string, unknown>): Promise<EnvironmentSummary>;
  close(): Promise<void>;
}

export async function startDriver(server: ServerUnderTest, options: DriverOptions): Promise<Driver> {
  const redirect = options.redirect ?? 'private';
  const h = await startHarness({
    simulator: null,
    ...(options.clock ? { clock: options.clock } : {}),
    tuning: { tokenRequestTimeoutMs: 5000, ...options.tuning },
  });
  const env = await h.call<EnvironmentSummary>('environments.addCustom', {
    name: server.name,
    authorizationEndpoint: server.authorizationEndpoint,
    tokenEndpoint: server.tokenEndpoint,
    issuer: server.issuer,
    apiBase: new URL(server.tokenEndpoint).origin,
    ...(options.clientAuth ? { clientAuth: options.clientAuth } : {}),
  });
  const envId = env.id;
  await h.call('environments.update', {
    environmentId: envId,
    clientId: options.clientId,
    redirectUri: REDIRECTS[redirect],
    scopes: options.scopes,
  });
  await h.call('credentials.setClientSecret', { environmentId: envId, clientSecret: options.clientSecret });
  await h.call('environments.select', { environmentId: envId });

  const driver: Driver = {
    h,
    envId,
    async authorize() {
      const before = h.opened.length;
      const progress = await h.call<FlowProgress>('auth.signIn', { environmentId: envId });
      const url = h.opened[before];
      if (!url) throw new Error('the browser launcher was not called');
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      const callback = response.headers.get('location');
      if (!callback) throw new Error(`${server.name} did not redirect (HTTP ${response.status})`);
      return { flowId: progress.flowId, callback };
    },
    deliver: (callback, kind = redirect) => h.deliver(callback, kind),
    async signIn(kind = redirect) {
      const { flowId, callback } = await driver.authorize();
      await h.deliver(callback, kind);
      return h.api.waitForSignIn(flowId);
    },
    refresh: () => h.handle('auth.refresh', { environmentId: envId }),
    status: () => h.call<AuthStatus>('auth.status', { environmentId: envId }),
    update: (patch) => h.call<EnvironmentSummary>('environments.update', { environmentId: envId, ...patch }),
    close: () => h.close(),
  };
  return driver;
}

/** The client ID as the Basic header carried it, undecoded. */
export function basicUser(authorization: string | undefined): string | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined;
  const text = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  return text.slice(0, text.indexOf(':'));
}
