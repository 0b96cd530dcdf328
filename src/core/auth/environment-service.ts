/**
 * Environments as the rest of the engine uses them: the registry plus the Client Secret
 * (keychain, or the simulator's pre-provisioned one), the lazily started simulator, and the
 * renderer-safe summaries (a secret fingerprint, never the secret). This is the one place that
 * owns the simulator's lifetime: everything else asks `resolve` (must run) or
 * `resolveOrCurrent` (run if it can) and never starts it itself (issue 12).
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import { failure, type AppError } from '../../shared/result.js';
import { environmentNotFound, type EnvironmentConfig, type EnvironmentRegistry } from '../environments/environment-registry.js';
import { checkEndpointUrl, checkIssuer } from '../environments/url-policy.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../logging/redact.js';
import type { SimulatorLauncher } from '../ports.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { fingerprint, secretAccount } from '../secrets/secret-accounts.js';
import { SIMULATOR_ID } from '../environments/builtin-environments.js';

const MAX_SECRET_LENGTH = 1000;

export interface EnvironmentService {
  registry: EnvironmentRegistry;
  summary(env: EnvironmentConfig): EnvironmentSummary;
  list(): { environments: EnvironmentSummary[]; activeId: string };
  emitChanged(): void;
  /** The environment, with the simulator started when it is the one asked for. */
  resolve(environmentId?: string): Promise<EnvironmentConfig>;
  /**
   * Like resolve, but a simulator that cannot start is returned as it stands (not running),
   * for reads, sign-out and credential edits that must work without it.
   */
  resolveOrCurrent(environmentId?: string): Promise<EnvironmentConfig>;
  /** Throws a catalogued error unless the environment can be used for a sign-in. */
  assertUsable(env: EnvironmentConfig): void;
  clientSecret(env: Pick<EnvironmentConfig, 'id' | 'clientId'>): Promise<string | undefined>;
  setClientSecret(env: EnvironmentConfig, secret: string): Promise<void>;
  clearClientSecret(env: Pick<EnvironmentConfig, 'id' | 'clientId'>): Promise<void>;
  /** Re-reads whether a secret is stored for the environment's current client. */
  loadSecretInfo(env: Pick<EnvironmentConfig, 'id' | 'clientId'>): Promise<void>;
}

export function createEnvironmentService(deps: {
  registry: EnvironmentRegistry;
  secrets: SecretStore;
  simulator?: SimulatorLauncher;
  events: EventBus;
  notify: (notice: AppError & { level: 'info' | 'warning' | 'error' }) => void;
  logger?: Logger;
  /** The core's redactor: a Client Secret read or entered is masked from then on. */
  redactor: Pick<Redactor, 'remember' | 'forget'>;
}): EnvironmentService {
  const { registry, secrets } = deps;
  /** account -> fingerprint of the stored secret (undefined = none stored). */
  const secretInfo = new Map<string, string | undefined>();
  let simulatorStart: Promise<void> | undefined;

  const usableSecret = (value: string | null): string | undefined =>
    // A damaged keychain value (ST-05: megabytes, wrong type) counts as missing.
    typeof value === 'string' && value.length > 0 && value.length <= MAX_SECRET_LENGTH ? value : undefined;

  const builtIn = (env: Pick<EnvironmentConfig, 'id' | 'clientId'>) => registry.builtInSecret(env.id, env.clientId);

  const summary = (env: EnvironmentConfig): EnvironmentSummary => {
    const account = secretAccount(env.id, env.clientId, 'client-secret');
    const stored = secretInfo.get(account);
    const preset = builtIn(env);
    const shown = stored ?? (preset ? fingerprint(preset) : undefined);
    return {
      id: env.id,
      kind: env.kind,
      name: env.name,
      bannerLabel: env.bannerLabel,
      authorizationEndpoint: env.authorizationEndpoint,
      tokenEndpoint: env.tokenEndpoint,
      ...(env.introspectionEndpoint ? { introspectionEndpoint: env.introspectionEndpoint } : {}),
      ...(env.revocationEndpoint ? { revocationEndpoint: env.revocationEndpoint } : {}),
      issuer: env.issuer,
      apiBase: env.apiBase,
      clientId: env.clientId,
      redirectUri: env.redirectUri,
      callbackMode: callbackModeOf(env.redirectUri),
      scopes: [...env.scopes],
      clientAuth: env.clientAuth,
      hasClientSecret: shown !== undefined,
      ...(shown ? { clientSecretFingerprint: shown } : {}),
      ...(env.simulatorState ? { simulatorState: env.simulatorState } : {}),
      capabilities: {
        revocation: Boolean(env.revocationEndpoint),
        disconnectInstallation: env.disconnectInstallation,
        issuerEditable: env.issuerEditable,
        endpointsEditable: env.endpointsEditable,
        clientAuthEditable: env.clientAuthEditable,
      },
    };
  };

  const list = () => ({ environments: registry.all().map(summary), activeId: registry.activeId() });

  const loadSecretInfo = async (env: Pick<EnvironmentConfig, 'id' | 'clientId'>) => {
    if (!env.clientId) return;
    const account = secretAccount(env.id, env.clientId, 'client-secret');
    const value = usableSecret(await secrets.get(account));
    secretInfo.set(account, value ? fingerprint(value) : undefined);
  };

  const startSimulator = (): Promise<void> => {
    simulatorStart ??= (async () => {
      if (!deps.simulator) throw new Error('no simulator port');
      const info = await deps.simulator.start();
      for (const [label, url] of [
        ['authorization endpoint', info.authorizationEndpoint],
        ['token endpoint', info.tokenEndpoint],
        ['API base', info.apiBase],
      ] as const) {
        const checked = checkEndpointUrl(url, { label, allowLoopbackHttp: true });
        if (!checked.ok) throw new Error(`simulator ${label} refused`);
      }
      registry.setSimulator(info, 'running');
      await loadSecretInfo(registry.get(SIMULATOR_ID)!);
      deps.events.emit('environments.changed', list());
    })().catch((error: unknown) => {
      deps.logger?.warn('simulator: could not start', { reason: error instanceof Error ? error.message.slice(0, 200) : typeof error });
      simulatorStart = undefined;
      registry.setSimulator(undefined, 'unavailable');
      deps.notify({
        level: 'warning',
        code: 'SIMULATOR_UNAVAILABLE',
        message: 'The built-in simulator could not be started.',
        hint: 'Restart the app, or switch to Pleo Staging.',
      });
      throw failure('SIMULATOR_UNAVAILABLE', 'The built-in simulator could not be started.', {
        hint: 'Restart the app, or switch to Pleo Staging.',
      });
    });
    return simulatorStart;
  };

  return {
    registry,
    summary,
    list,
    emitChanged: () => deps.events.emit('environments.changed', list()),
    async resolve(environmentId) {
      const id = environmentId ?? registry.activeId();
      if (!registry.get(id)) throw environmentNotFound();
      if (id === SIMULATOR_ID) await startSimulator();
      return registry.get(id)!;
    },
    async resolveOrCurrent(environmentId) {
      const id = environmentId ?? registry.activeId();
      if (!registry.get(id)) throw environmentNotFound();
      if (id === SIMULATOR_ID) await startSimulator().catch(() => undefined);
      return registry.get(id)!;
    },
    assertUsable(env) {
      for (const [label, url, required] of [
        ['authorization endpoint', env.authorizationEndpoint, true],
        ['token endpoint', env.tokenEndpoint, true],
        ['introspection endpoint', env.introspectionEndpoint, false],
        ['revocation endpoint', env.revocationEndpoint, false],
        ['API base', env.apiBase, true],
      ] as const) {
        if (!url && !required) continue;
        const checked = checkEndpointUrl(url ?? '', { label, allowLoopbackHttp: env.allowLoopbackHttp });
        if (!checked.ok)
          throw failure(checked.code, `This environment cannot be used: ${checked.reason}`, {
            hint: 'Fix the environment settings first.',
          });
      }
      const issuer = checkIssuer(env.issuer);
      if (!issuer.ok)
        throw failure(issuer.code, `This environment cannot be used: ${issuer.reason}`, {
          hint: 'Fix the issuer in the environment settings.',
        });
      if (!env.clientId)
        throw failure('CREDENTIALS_MISSING', 'No Client ID is set for this environment.', {
          hint: 'Enter the Client ID Pleo gave you.',
          step: 'client-id',
        });
    },
    async clientSecret(env) {
      if (!env.clientId) return undefined;
      const stored = usableSecret(await secrets.get(secretAccount(env.id, env.clientId, 'client-secret')));
      const value = stored ?? builtIn(env);
      deps.redactor.remember(value);
      return value;
    },
    async setClientSecret(env, secret) {
      if (!env.clientId)
        throw failure('CREDENTIALS_MISSING', 'Enter the Client ID before the Client Secret.', {
          hint: 'The secret is stored for one Client ID.',
        });
      if (secret.length > MAX_SECRET_LENGTH || /[\u0000-\u001f\u007f]/.test(secret)) {
        throw failure('INVALID_PAYLOAD', 'That does not look like a Client Secret (it has line breaks or control characters).', {
          hint: 'Copy the secret again, without extra spaces or line breaks.',
        });
      }
      deps.redactor.remember(secret);
      const account = secretAccount(env.id, env.clientId, 'client-secret');
      await secrets.set(account, secret);
      secretInfo.set(account, fingerprint(secret));
    },
    async clearClientSecret(env) {
      if (!env.clientId) return;
      const account = secretAccount(env.id, env.clientId, 'client-secret');
      deps.redactor.forget(usableSecret(await secrets.get(account).catch(() => null)));
      await secrets.delete(account);
      secretInfo.set(account, undefined);
    },
    loadSecretInfo,
  };
}

export function callbackModeOf(redirectUri: string): EnvironmentSummary['callbackMode'] {
  if (/^https:/i.test(redirectUri)) return 'paste-back';
  if (/^http:/i.test(redirectUri)) return 'loopback';
  return 'private-scheme';
}
