/**
 * Test doubles for the onboarding unit tests: an in-memory settings backend, a scripted
 * sign-in engine (AuthFeatureApi) and the minimal CoreServices the feature uses.
 */
import { plainNetwork } from '../../../src/core/net/network-port.js';
import type { AuthEvidence, AuthFeatureApi } from '../../../src/core/auth/auth-api.js';
import type { ExplorerCallRecord, ExplorerFeatureApi } from '../../../src/core/explorer/explorer-feature.js';
import type { CoreServices } from '../../../src/core/core-services.js';
import { createEventBus } from '../../../src/core/events/event-bus.js';
import { silentLogger } from '../../../src/core/logging/logger.js';
import { createRedactor } from '../../../src/core/logging/redact.js';
import { createPreferences } from '../../../src/core/app/preferences.js';
import type { KeyValueBackend, SaveFileRequest } from '../../../src/core/ports.js';
import type { AuthStatus, CredentialCheck, EnvironmentSummary } from '../../../src/shared/environments.js';

export function memoryBackend(): KeyValueBackend {
  const store: Record<string, unknown> = {};
  return {
    get: (k) => structuredClone(store[k]),
    set: (k, v) => void (store[k] = structuredClone(v)),
    delete: (k) => void delete store[k],
    clear: () => Object.keys(store).forEach((k) => delete store[k]),
    path: ':memory:',
    store,
  };
}

export function simulatorEnv(patch: Partial<EnvironmentSummary> = {}): EnvironmentSummary {
  return {
    id: 'simulator',
    kind: 'simulator',
    name: 'Built-in simulator',
    bannerLabel: 'SIMULATOR',
    authorizationEndpoint: 'http://127.0.0.1:9/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:9/oauth/token',
    issuer: 'http://127.0.0.1:9',
    apiBase: 'http://127.0.0.1:9',
    clientId: 'sim-client-0001',
    redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
    callbackMode: 'private-scheme',
    scopes: ['users:read', 'export-items:read'],
    hasClientSecret: false,
    ...patch,
  };
}

export function fakeAuth(envs: EnvironmentSummary[]) {
  const listeners = new Set<(e: AuthEvidence) => void>();
  let status: Partial<AuthStatus> = { signedIn: false, grantedScopes: [] };
  let token = 'access-token-canary-123456';
  let tokenError: Error | undefined;
  const calls: Array<{ env?: string; forceRefresh?: boolean }> = [];
  let credentialOutcome: CredentialCheck['outcome'] = 'accepted';
  const emit = (e: Omit<AuthEvidence, 'at'> & { at?: number }) => listeners.forEach((l) => l({ at: Date.now(), ...e }));
  const api: Pick<
    AuthFeatureApi,
    | 'activeEnvironment'
    | 'getEnvironment'
    | 'resolveEnvironment'
    | 'checkCredentials'
    | 'refresh'
    | 'status'
    | 'getAccessToken'
    | 'onEvidence'
  > = {
    activeEnvironment: () => envs[0]!,
    getEnvironment: (id) => envs.find((e) => e.id === id),
    resolveEnvironment: async (id) => envs.find((e) => e.id === (id ?? envs[0]!.id))!,
    checkCredentials: async (id) => {
      const env = envs.find((e) => e.id === (id ?? envs[0]!.id))!;
      const check = { outcome: credentialOutcome, checkedAt: Date.now(), detail: '' };
      emit({
        environmentId: env.id,
        clientId: env.clientId,
        kind: 'credentials-checked',
        summary: '',
        details: { credentialCheck: check },
      });
      return check;
    },
    refresh: async (id) => {
      calls.push({ ...(id ? { env: id } : {}), forceRefresh: true });
      if (tokenError) throw tokenError;
      return api.status(id);
    },
    status: async (id) => ({
      environmentId: id ?? envs[0]!.id,
      signedIn: false,
      hasRefreshToken: false,
      requestedScopes: [],
      grantedScopes: [],
      timeline: [],
      sessionOnly: false,
      ...status,
    }),
    getAccessToken: async (env, options) => {
      calls.push({ ...(env ? { env } : {}), ...(options?.forceRefresh ? { forceRefresh: true } : {}) });
      if (tokenError) throw tokenError;
      return token;
    },
    onEvidence: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    /** Typed as the engine's API; onboarding uses only the members above. */
    api: api as unknown as AuthFeatureApi,
    calls,
    emit,
    setCredentialOutcome: (o: CredentialCheck['outcome']) => (credentialOutcome = o),
    setStatus: (s: Partial<AuthStatus>) => (status = s),
    setToken: (t: string) => (token = t),
    failToken: (e: Error | undefined) => (tokenError = e),
    listenerCount: () => listeners.size,
  };
}

export function fakeServices(settings = memoryBackend(), extra: { pdf?: boolean; now?: () => number } = {}) {
  const saved: SaveFileRequest[] = [];
  const clipboard: string[] = [];
  const events = createEventBus();
  const emitted: Array<{ event: string; payload: unknown }> = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  let t = extra.now ? 0 : 1_750_000_000_000;
  const notices: Array<{ code?: string; withdrawn?: boolean }> = [];
  const services = {
    options: { appVersion: '1.2.3-test' },
    ports: {
      clipboard: { writeText: async (text: string) => void clipboard.push(text) },
      fileSaver: {
        save: async (r: SaveFileRequest) => {
          saved.push(r);
          return { saved: true, path: `/tmp/${r.suggestedName}` };
        },
      },
      ...(extra.pdf ? { pdfRenderer: { htmlToPdf: async (html: string) => new TextEncoder().encode(`%PDF-fake ${html.length}`) } } : {}),
    },
    events,
    logger: silentLogger,
    redactor: createRedactor(),
    clock: { now: extra.now ?? (() => (t += 1000)) },
    settings,
    preferences: createPreferences(settings),
    network: plainNetwork(),
    appInfo: () => ({ name: 'x', version: '1.2.3-test', host: 'test-host' as const, platform: 'linux', sessionOnlySecrets: false }),
    notify: (notice: { code?: string; withdrawn?: boolean }) => void notices.push(notice),
    notices: () => [],
  } as unknown as CoreServices;
  return { services, saved, clipboard, emitted, settings, notices };
}

/** Only onCall matters to onboarding; the rest is never called. */
export function fakeExplorer() {
  const listeners = new Set<(r: ExplorerCallRecord) => void>();
  const unused = () => {
    throw new Error('not used by onboarding');
  };
  const api: ExplorerFeatureApi = {
    send: unused,
    catalog: unused,
    history: unused,
    onCall: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { api, emit: (r: ExplorerCallRecord) => listeners.forEach((l) => l(r)), listenerCount: () => listeners.size };
}
