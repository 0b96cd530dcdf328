/**
 * The IPC handlers of the sign-in channels (src/shared/contract/auth-channels.ts). Payloads
 * arrive already validated by the contract schemas; handlers answer with summaries and statuses only: never a secret, a token,
 * the verifier, state or a code.
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { ChannelParsedRequest } from '../../shared/contract/index.js';
import type { EnvironmentRegistry } from '../environments/environment-registry.js';
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
  restoreDefaults(environmentId: string): Promise<EnvironmentSummary>;
  addCustomEnvironment(input: ChannelParsedRequest<'environments.addCustom'>): Promise<EnvironmentSummary>;
  removeEnvironment(environmentId: string): Promise<void>;
  setClientSecret(environmentId: string, secret: string): Promise<EnvironmentSummary>;
  clearCredentials(environmentId: string): Promise<EnvironmentSummary>;
}

export function createAuthHandlers(engine: AuthEngineInternals): PartialHandlerTable {
  const { api } = engine;
  const table: PartialHandlerTable = {
    'environments.list': async () => {
      // The simulator is the default: start it lazily when the UI first looks at it, so its
      // endpoints and pre-filled client are there with zero typing.
      await engine.environments.resolveOrCurrent(engine.registry.activeId());
      return engine.environments.list();
    },
    'environments.select': ({ environmentId }) => engine.selectEnvironment(environmentId),
    'environments.update': (request) => engine.updateEnvironment(request),
    'environments.restoreDefaults': ({ environmentId }) => engine.restoreDefaults(environmentId),
    'environments.addCustom': (input) => engine.addCustomEnvironment(input),
    'environments.remove': async ({ environmentId }) => {
      await engine.removeEnvironment(environmentId);
      return { removed: true as const };
    },
    'credentials.setClientSecret': ({ environmentId, clientSecret }) => engine.setClientSecret(environmentId, clientSecret),
    'credentials.clear': ({ environmentId }) => engine.clearCredentials(environmentId),
    'credentials.check': ({ environmentId }) => api.checkCredentials(environmentId),
    'auth.signIn': ({ environmentId, forceLogin }) => api.signIn({ environmentId, ...(forceLogin !== undefined ? { forceLogin } : {}) }),
    'auth.cancel': () => api.cancelSignIn(),
    'auth.progress': () => {
      const progress = api.signInProgress();
      return progress ? { progress } : {};
    },
    'auth.reopen': () => api.reopenSignIn(),
    'auth.pasteCallback': ({ url }) => api.pasteCallback(url),
    'auth.status': ({ environmentId }) => api.status(environmentId),
    'auth.refresh': ({ environmentId }) => api.refresh(environmentId),
    'auth.signOut': ({ environmentId, disconnectInstallation }) =>
      api.signOut({
        ...(environmentId ? { environmentId } : {}),
        ...(disconnectInstallation !== undefined ? { disconnectInstallation } : {}),
      }),
  };
  // Every handler waits for the start-up keychain probe (bounded by the keychain timeout).
  return Object.fromEntries(
    Object.entries(table).map(([channel, handler]) => [
      channel,
      async (request: never) => {
        await engine.ready;
        return (handler as (request: never) => unknown)(request);
      },
    ]),
  ) as PartialHandlerTable;
}
