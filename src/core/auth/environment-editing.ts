/**
 * The user's edits to environments and credentials: choosing the active one, editing Client
 * ID / redirect URI / scopes / issuer / client authentication, custom environments, and the
 * Client Secret. Any edit to where or as whom we sign in cancels a pending sign-in of that
 * environment first (B-4).
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import { failure } from '../../shared/result.js';
import { checkCustomEnvironment, checkEnvironmentPatch, environmentNotFound } from '../environments/environment-registry.js';
import type { TokenManager } from '../oauth/token-manager.js';
import type { ConfirmPort } from '../ports.js';
import { confirmEnvironmentChange, confirmNewEnvironment } from './confirm-origins.js';
import type { EvidenceHub } from './auth-evidence.js';
import type { AuthEngineInternals } from './auth-handlers.js';
import type { StatusReader } from './auth-status.js';
import type { EnvironmentService } from './environment-service.js';
import type { SessionRecords } from './session-records.js';

export type EnvironmentEditing = Omit<AuthEngineInternals, 'api' | 'environments' | 'registry' | 'ready'>;

export function createEnvironmentEditing(deps: {
  environments: EnvironmentService;
  tokens: TokenManager;
  records: SessionRecords;
  evidence: EvidenceHub;
  /** Asks the user in main before a new origin takes effect (issue 11 point 2). */
  confirm: () => ConfirmPort | undefined;
  statuses: StatusReader;
  sessionOnly: () => boolean;
  /** The pending sign-in, if any, and a way to cancel it for one environment. */
  pendingFlow: () => { environmentId: string } | undefined;
  cancelFlowFor: (environmentId: string) => void;
}): EnvironmentEditing {
  const { environments, tokens } = deps;
  const registry = environments.registry;
  return {
    async selectEnvironment(environmentId): Promise<EnvironmentSummary> {
      const current = deps.pendingFlow();
      if (current && current.environmentId !== environmentId) deps.cancelFlowFor(current.environmentId);
      registry.setActive(environmentId);
      const summary = environments.summary(await environments.resolveOrCurrent(environmentId));
      environments.emitChanged();
      return summary;
    },
    async updateEnvironment(request) {
      const { environmentId, ...patch } = request;
      const current = registry.get(environmentId);
      if (!current) throw environmentNotFound();
      // New places to send the code or trust answers from: the user confirms them in main.
      await confirmEnvironmentChange(deps.confirm(), current, checkEnvironmentPatch(current, patch));
      // Changing where or as whom we sign in mid-flow would mix two servers' answers (B-4).
      deps.cancelFlowFor(environmentId);
      const env = registry.update(environmentId, patch);
      await environments.loadSecretInfo(env);
      environments.emitChanged();
      return environments.summary(registry.get(environmentId)!);
    },
    async restoreDefaults(environmentId) {
      deps.cancelFlowFor(environmentId);
      const env = registry.restoreDefaults(environmentId);
      await environments.loadSecretInfo(env);
      environments.emitChanged();
      return environments.summary(registry.get(environmentId)!);
    },
    async addCustomEnvironment(input) {
      await confirmNewEnvironment(deps.confirm(), { ...input, ...checkCustomEnvironment(input) });
      const env = registry.addCustom(input);
      environments.emitChanged();
      return environments.summary(env);
    },
    async removeEnvironment(environmentId) {
      const env = registry.get(environmentId);
      if (!env || env.kind !== 'custom')
        throw failure('ENVIRONMENT_NOT_FOUND', 'Only custom environments can be removed.', { hint: 'The built-in ones always stay.' });
      deps.cancelFlowFor(environmentId);
      await tokens.clear({ environmentId, clientId: env.clientId });
      await environments.clearClientSecret(env);
      registry.remove(environmentId);
      environments.emitChanged();
    },
    async setClientSecret(environmentId, secret) {
      const env = await environments.resolveOrCurrent(environmentId);
      await environments.setClientSecret(env, secret);
      tokens.credentialsChanged({ environmentId: env.id, clientId: env.clientId });
      deps.evidence.emit({
        kind: 'credentials-stored',
        environmentId: env.id,
        clientId: env.clientId,
        summary: deps.sessionOnly() ? 'Client Secret kept in memory until quit (no keychain).' : 'Client Secret saved in the OS keychain.',
        details: {},
      });
      environments.emitChanged();
      return environments.summary(env);
    },
    async clearCredentials(environmentId) {
      const env = await environments.resolveOrCurrent(environmentId);
      deps.cancelFlowFor(env.id);
      await tokens.clear({ environmentId: env.id, clientId: env.clientId });
      await environments.clearClientSecret(env);
      deps.records.timeline(
        { environmentId: env.id, clientId: env.clientId },
        'signed-out',
        'Client Secret and tokens removed from this computer.',
      );
      environments.emitChanged();
      await deps.statuses.emitStatus(env.id);
      return environments.summary(env);
    },
  };
}
