/**
 * The IPC handlers of the sign-in channels (src/shared/contract/auth-channels.ts). Payloads
 * arrive already validated by the contract schemas; handlers answer with summaries and statuses only: never a secret, a token,
 * the verifier, state or a code.
 */
import type { EnvironmentSummary, FlowProgress } from '../../shared/environments.js';
import type { ChannelParsedRequest } from '../../shared/contract/index.js';
import type { EnvironmentConfig, EnvironmentRegistry } from '../environments/environment-registry.js';
import type { PartialHandlerTable } from '../ipc/handler-types.js';
import type { AuthFeatureApi } from './auth-api.js';
import type { EnvironmentService } from './environment-service.js';

export interface AuthEngineInternals {
  api: AuthFeatureApi;
  environments: EnvironmentService;
  registry: EnvironmentRegistry;
  ready: Promise<void>;
  selectEnvironment(environmentId: string): Promise<EnvironmentSummary>;
  updateEnvironment(request: ChannelParsedRequest<'environments.update'>): Promise<EnvironmentSummary>;
  addCustomEnvironment(input: ChannelParsedRequest<'environments.addCustom'>): Promise<EnvironmentSummary>;
  removeEnvironment(environmentId: string): Promise<void>;
  setClientSecret(environmentId: string, secret: string): Promise<EnvironmentSummary>;
  clearCredentials(environmentId: string): Promise<EnvironmentSummary>;
  signInProgress(request: { environmentId?: string; forceLogin?: boolean }): Promise<FlowProgress>;
}

export function createAuthHandlers(engine: AuthEngineInternals): PartialHandlerTable {
  const { api } = engine;
  // Every handler waits for the start-up keychain probe (bounded by the keychain timeout).
  const gate = () => engine.ready;
  return {
    'environments.list': async () => {
      await gate();
      // The simulator is the default: start it lazily when the UI first looks at it, so its
      // endpoints and pre-filled client are there with zero typing.
      const active = engine.registry.get(engine.registry.activeId()) as EnvironmentConfig;
      if (active.kind === 'simulator') await engine.environments.resolve(active.id).catch(() => undefined);
      return engine.environments.list();
    },
    'environments.select': async ({ environmentId }) => {
      await gate();
      return engine.selectEnvironment(environmentId);
    },
    'environments.update': async (request) => {
      await gate();
      return engine.updateEnvironment(request);
    },
    'environments.addCustom': async (input) => {
      await gate();
      return engine.addCustomEnvironment(input);
    },
    'environments.remove': async ({ environmentId }) => {
      await gate();
      await engine.removeEnvironment(environmentId);
      return { removed: true as const };
    },
    'credentials.setClientSecret': async ({ environmentId, clientSecret }) => {
      await gate();
      return engine.setClientSecret(environmentId, clientSecret);
    },
    'credentials.clear': async ({ environmentId }) => {
      await gate();
      return engine.clearCredentials(environmentId);
    },
    'credentials.check': async ({ environmentId }) => {
      await gate();
      return api.checkCredentials(environmentId);
    },
    'auth.signIn': async ({ environmentId, forceLogin }) => {
      await gate();
      return engine.signInProgress({ environmentId, ...(forceLogin !== undefined ? { forceLogin } : {}) });
    },
    'auth.cancel': async () => {
      await gate();
      return api.cancelSignIn();
    },
    'auth.pasteCallback': async ({ url }) => {
      await gate();
      return api.pasteCallback(url);
    },
    'auth.status': async ({ environmentId }) => {
      await gate();
      return api.status(environmentId);
    },
    'auth.refresh': async ({ environmentId }) => {
      await gate();
      return api.refresh(environmentId);
    },
    'auth.signOut': async ({ environmentId, disconnectInstallation }) => {
      await gate();
      return api.signOut({ ...(environmentId ? { environmentId } : {}), ...(disconnectInstallation !== undefined ? { disconnectInstallation } : {}) });
    },
  };
}
