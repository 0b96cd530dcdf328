/**
 * Test doubles for the explorer: an in-memory settings backend, an auth fake with token
 * generations (to observe refreshes) and CoreServices with recording ports.
 */
import { plainNetwork } from '../../../src/core/net/network-port.js';
import type { AuthFeatureApi } from '../../../src/core/auth/auth-api.js';
import type { CoreServices } from '../../../src/core/core-services.js';
import { createEventBus } from '../../../src/core/events/event-bus.js';
import { createPreferences } from '../../../src/core/app/preferences.js';
import { createLogger, memorySink } from '../../../src/core/logging/logger.js';
import { createRedactor } from '../../../src/core/logging/redact.js';
import type { ConfirmRequest, KeyValueBackend, SaveFileRequest } from '../../../src/core/ports.js';
import type { EnvironmentSummary } from '../../../src/shared/environments.js';
import { failure } from '../../../src/shared/result.js';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store.js';

export function memoryBackend(): KeyValueBackend & { writes: number } {
  let store: Record<string, unknown> = {};
  const b = {
    writes: 0,
    get: (k: string) => (Object.prototype.hasOwnProperty.call(store, k) ? structuredClone(store[k]) : undefined),
    set: (k: string, v: unknown) => {
      b.writes++;
      // Round-trip through JSON, as electron-store does on disk.
      Object.defineProperty(store, k, { value: JSON.parse(JSON.stringify(v)), enumerable: true, writable: true, configurable: true });
    },
    delete: (k: string) => void delete store[k],
    clear: () => void (store = {}),
    path: '/memory/settings.json',
    get store() {
      return store;
    },
  };
  return b;
}

export function testEnv(apiBase: string, over: Partial<EnvironmentSummary> = {}): EnvironmentSummary {
  return {
    id: 'simulator',
    kind: 'simulator',
    name: 'Simulator',
    bannerLabel: 'SIMULATOR',
    authorizationEndpoint: `${apiBase}/oauth/authorize`,
    tokenEndpoint: `${apiBase}/oauth/token`,
    issuer: apiBase,
    apiBase,
    clientId: 'client-1',
    redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
    callbackMode: 'private-scheme',
    scopes: ['users:read'],
    hasClientSecret: true,
    ...over,
  };
}

export const TOKEN_PREFIX = 'canary-access-token-';

/** Auth fake: tokens are "canary-access-token-<generation>"; a forced refresh bumps the generation. */
export function fakeAuth(env: EnvironmentSummary, opts: { granted?: string[]; refreshFails?: boolean; signedIn?: boolean } = {}) {
  const state = { generation: 1, refreshes: 0, calls: 0 };
  const subset: Pick<
    AuthFeatureApi,
    'activeEnvironment' | 'getEnvironment' | 'resolveEnvironment' | 'status' | 'getAccessToken' | 'onEvidence'
  > = {
    activeEnvironment: () => env,
    getEnvironment: (id) => (id === env.id ? env : undefined),
    resolveEnvironment: async (id) => {
      if (id && id !== env.id) throw failure('ENVIRONMENT_NOT_FOUND', 'No such environment.');
      return env;
    },
    status: async () => ({
      environmentId: env.id,
      signedIn: opts.signedIn ?? true,
      hasRefreshToken: true,
      requestedScopes: env.scopes,
      grantedScopes: opts.granted ?? env.scopes,
      accessTokenExpiresAt: 1_900_000_000_000,
      timeline: [],
      sessionOnly: false,
    }),
    getAccessToken: async (_id, o) => {
      state.calls++;
      if (opts.signedIn === false) throw failure('NOT_SIGNED_IN', 'Sign in first.');
      // Like the real engine: a rejected token that is already stale gets the current one, no refresh.
      if (o?.forceRefresh && o.rejectedAccessToken && o.rejectedAccessToken !== `${TOKEN_PREFIX}${state.generation}`) {
        return `${TOKEN_PREFIX}${state.generation}`;
      }
      if (o?.forceRefresh) {
        if (opts.refreshFails) throw failure('SESSION_ENDED', 'Your session ended; sign in again.');
        state.refreshes++;
        state.generation++;
      }
      return `${TOKEN_PREFIX}${state.generation}`;
    },
    onEvidence: () => () => undefined,
  };
  // The explorer uses only this subset; the rest of the engine is not needed here.
  const api = subset as AuthFeatureApi;
  return { api, state, bump: () => void state.generation++ };
}

export function fakeServices(settings: KeyValueBackend = memoryBackend(), now: () => number = () => Date.now()) {
  const clipboard: string[] = [];
  const saved: SaveFileRequest[] = [];
  const events: Array<{ event: string; payload: unknown }> = [];
  /** Questions main asked the user (ConfirmPort); `answer` is the user's reply (default yes). */
  const confirmations: ConfirmRequest[] = [];
  const confirm = { answer: true };
  const logs = memorySink();
  const bus = createEventBus();
  bus.subscribe((event, payload) => events.push({ event, payload }));
  const preferences = createPreferences(settings);
  const redactor = createRedactor();
  const services: CoreServices = {
    options: {
      host: 'test-host',
      appVersion: '0.0.0-test',
      userDataDir: '/tmp/none',
      settings,
      ports: {} as never,
    },
    ports: {
      browserLauncher: { open: async () => undefined },
      externalOpener: { openExternal: async () => undefined },
      clipboard: { writeText: async (t) => void clipboard.push(t) },
      fileSaver: {
        save: async (r) => {
          saved.push(r);
          return { saved: true, path: `/saved/${r.suggestedName}` };
        },
      },
      confirm: { confirm: async (r) => (confirmations.push(r), confirm.answer) },
      secretStore: createMemorySecretStore(),
    },
    events: bus,
    logger: createLogger([logs.sink], undefined, redactor),
    redactor,
    clock: { now },
    settings,
    preferences,
    network: plainNetwork(),
    appInfo: () => ({ name: 'x', version: '0', host: 'test-host', platform: 'linux', sessionOnlySecrets: false }),
    notify: () => undefined,
    notices: () => [],
  } as CoreServices;
  return { services, clipboard, saved, events, logs: logs.records, confirmations, confirm };
}
