/**
 * The sign-in engine as a core feature (issue 4): it composes the environments (and the
 * simulator's lifetime, owned by environment-service), the guarded keychain, the token
 * manager, the one pending sign-in and the IPC handlers. The parts live in their own files:
 * keychain-notices (what the user is told when the keychain fails), session-records
 * (timeline, subject, prompt=login), auth-evidence (facts for onboarding), auth-status (the
 * renderer-safe status), sign-out, and environment-editing. Everything here runs in plain
 * Node; main only supplies ports (browser launcher, keychain adapter, simulator) and the
 * deep-link intake.
 */
import type { CredentialCheck } from '../../shared/environments.js';
import { failure, type AppError } from '../../shared/result.js';
import type { CoreServices } from '../core-services.js';
import { createEnvironmentRegistry, environmentNotFound, type EnvironmentConfig } from '../environments/environment-registry.js';
import type { Feature } from '../feature/feature.js';
import { refreshGrant } from '../oauth/code-exchange.js';
import { probeCredentials } from '../oauth/credential-probe.js';
import { findCallbackUrlInArgv } from '../oauth/deep-link.js';
import { introspectSubject } from '../oauth/introspection.js';
import { oauthContext } from '../oauth/oauth-context.js';
import { classifyTokenFailure, type ClientCredentialsUsed } from '../oauth/oauth-errors.js';
import { revokeToken } from '../oauth/revocation.js';
import { createTokenManager, type SlotRef, type TokenEvent } from '../oauth/token-manager.js';
import { createGuardedSecretStore } from '../secrets/guarded-secret-store.js';
import { CALLBACK_SCHEME } from '../../shared/csp.js';
import type { AuthFeatureApi, CallbackOutcome } from './auth-api.js';
import { createEvidenceHub } from './auth-evidence.js';
import { createAuthHandlers, type AuthEngineInternals } from './auth-handlers.js';
import { createStatusReader } from './auth-status.js';
import { createEnvironmentEditing } from './environment-editing.js';
import { createEnvironmentService } from './environment-service.js';
import { sessionOnlyNotice, type Notice } from './keychain-notices.js';
import { createSessionRecords, slotKey } from './session-records.js';
import { createSignInEngine } from './sign-in-engine.js';
import { createSignOut } from './sign-out.js';
import { lookupCompanyName } from './company-name.js';

/** Knobs for tests and benchmarks; the app uses the defaults. */
export interface AuthTuning {
  flowTimeoutMs?: number;
  keychainTimeoutMs?: number;
  tokenRequestTimeoutMs?: number;
  maxTokenResponseBytes?: number;
  signOutTimeoutMs?: number;
  proactiveRefresh?: boolean;
  maxRefreshMarginMs?: number;
  minProactiveIntervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  loopbackGraceMs?: number;
}

export type AuthFeature = Feature<AuthFeatureApi> & { sessionOnly(): boolean };

export function createAuthFeature(services: CoreServices, tuning: AuthTuning = {}): AuthFeature {
  const { clock, logger, events } = services;
  // Token, introspection and revocation calls go through the network seam (system proxy and
  // trust store in the app).
  const limits = {
    timeoutMs: tuning.tokenRequestTimeoutMs ?? 30_000,
    maxBodyBytes: tuning.maxTokenResponseBytes ?? 64 * 1024,
    fetch: services.network.fetch as typeof fetch,
  };
  const signOutTimeoutMs = tuning.signOutTimeoutMs ?? 10_000;

  // services.notify keeps notices for a window that opens later (app.notices) and emits them.
  const notify = (notice: Notice) =>
    services.notify({
      level: notice.level,
      ...(notice.code ? { code: notice.code } : {}),
      message: notice.hint ? `${notice.message} ${notice.hint}` : notice.message,
    });

  const secrets = createGuardedSecretStore(services.ports.secretStore, {
    timeoutMs: tuning.keychainTimeoutMs ?? 4000,
    onSessionOnly(problem, { keychainReadable }) {
      logger.warn('keychain: switching to session-only mode', { problem, keychainReadable });
      notify(sessionOnlyNotice(problem, keychainReadable));
      void statuses.emitStatus(registry.activeId());
    },
  });

  const registry = createEnvironmentRegistry(services.settings, {
    privateSchemeRegistered: services.options.privateSchemeRegistered !== false,
  });
  for (const problem of registry.loadNotices()) notify({ level: 'warning', ...problem });
  const environments = createEnvironmentService({
    registry,
    secrets,
    ...(services.ports.simulator ? { simulator: services.ports.simulator } : {}),
    events,
    notify,
    logger,
    redactor: services.redactor,
  });
  const evidence = createEvidenceHub(clock, services.redactor);
  const records = createSessionRecords(clock);

  const envFor = (ref: SlotRef): EnvironmentConfig => {
    const env = registry.get(ref.environmentId);
    if (!env) throw environmentNotFound();
    return { ...env, clientId: ref.clientId };
  };

  const refreshCredentials = new Map<string, ClientCredentialsUsed>();
  const tokens = createTokenManager({
    store: secrets,
    clock,
    proactive: tuning.proactiveRefresh ?? true,
    ...(tuning.maxRefreshMarginMs !== undefined ? { maxMarginMs: tuning.maxRefreshMarginMs } : {}),
    ...(tuning.minProactiveIntervalMs !== undefined ? { minProactiveIntervalMs: tuning.minProactiveIntervalMs } : {}),
    ...(tuning.baseBackoffMs !== undefined ? { baseBackoffMs: tuning.baseBackoffMs } : {}),
    ...(tuning.maxBackoffMs !== undefined ? { maxBackoffMs: tuning.maxBackoffMs } : {}),
    async refresh(ref, refreshToken, current) {
      await environments.resolve(ref.environmentId);
      const env = envFor(ref);
      const secret = await environments.clientSecret(env);
      if (!secret)
        throw failure('CREDENTIALS_MISSING', 'The Client Secret for this environment is missing, so the session cannot be renewed.', {
          hint: 'Enter the Client Secret again.',
          step: 'client-secret',
        });
      // classify() is synchronous; it needs what was sent to tell an encoding mismatch apart.
      refreshCredentials.set(slotKey(ref), {
        clientId: ref.clientId,
        clientSecret: secret,
        method: env.clientAuth,
        editable: env.clientAuthEditable,
      });
      const next = await refreshGrant(oauthContext(env, limits), secret, refreshToken, () => clock.now(), current.scope);
      return next;
    },
    classify: (error, ref) => {
      const failed = classifyTokenFailure(
        error,
        'refresh',
        oauthContext(envFor(ref), limits).service,
        refreshCredentials.get(slotKey(ref)),
      );
      refreshCredentials.delete(slotKey(ref));
      logger.warn('tokens: refresh failed', {
        errorCode: failed.error.code,
        kind: failed.kind,
        ...(failed.status !== undefined ? { status: failed.status } : {}),
        ...(failed.check ? { check: failed.check } : {}),
      });
      return failed;
    },
    onEvent: (event) => void onTokenEvent(event),
  });
  const statuses = createStatusReader({ environments, tokens, records, clock, events, sessionOnly: () => secrets.sessionOnly() });
  // Every token the manager holds is masked, however it got there (sign-in, refresh, or read
  // back from the keychain after a restart), and only while it is held: rotated-away and
  // signed-out tokens are forgotten (issue 11 point 3, issue 12).
  services.redactor.addSource(() => tokens.liveSecrets());

  const refreshFailedEvidence = (ref: SlotRef, error: AppError) =>
    evidence.emit({
      kind: 'refresh-failed',
      environmentId: ref.environmentId,
      clientId: ref.clientId,
      summary: error.message,
      details: { errorCode: error.code },
    });

  const onTokenEvent = async (event: TokenEvent) => {
    const { ref } = event;
    if (event.kind === 'refreshed') {
      records.timeline(
        ref,
        event.rotated ? 'rotated' : 'refreshed',
        event.rotated ? 'New access token; the refresh token was rotated and saved.' : 'New access token.',
      );
      evidence.emit({
        kind: 'refreshed',
        environmentId: ref.environmentId,
        clientId: ref.clientId,
        summary: event.rotated ? 'Token refreshed; the refresh token was rotated and the new one saved.' : 'Token refreshed.',
        details: { rotated: event.rotated },
      });
    } else if (event.kind === 'session-ended') {
      records.timeline(ref, 'expired', 'The session ended; sign in again.');
      notify({ level: 'warning', ...event.error });
      refreshFailedEvidence(ref, event.error);
    } else if (event.kind === 'refresh-failed') {
      records.timeline(ref, 'refresh-failed', event.error.message);
      // Told once: a rejected client and a permanent refusal both stop the retries.
      if (event.permanent || event.error.code === 'CLIENT_SECRET_REJECTED' || event.error.code === 'CREDENTIALS_MISSING')
        notify({ level: 'warning', ...event.error });
      refreshFailedEvidence(ref, event.error);
    } else if (event.kind === 'discarded') {
      // A refresh that outlived sign-out or a newer sign-in: its tokens are never used, and a
      // rotated refresh token is revoked where that is possible, so it does not linger.
      await revokeQuietly(ref, event.tokens.rotated ? event.tokens.refreshToken : undefined);
      return;
    } else if (event.kind === 'installed') {
      return;
    }
    await statuses.emitStatus(ref.environmentId);
  };

  const revokeQuietly = async (ref: SlotRef, token: string | undefined) => {
    if (!token) return;
    try {
      const env = envFor(ref);
      if (!env.revocationEndpoint) return;
      const secret = await environments.clientSecret(env);
      if (secret) await revokeToken(oauthContext(env, { ...limits, timeoutMs: signOutTimeoutMs }), secret, token, 'refresh_token');
    } catch {
      // best effort only
    }
  };

  const engine = createSignInEngine({
    environments,
    browser: services.ports.browserLauncher,
    clock,
    logger,
    redactor: services.redactor,
    limits,
    flowTimeoutMs: tuning.flowTimeoutMs ?? services.options.flowTimeoutMs ?? 10 * 60_000,
    loopbackGraceMs: tuning.loopbackGraceMs ?? 2000,
    emitProgress: (progress) => events.emit('auth.flowProgress', progress),
    notify,
    promptLogin: (environmentId) => records.promptLogin.has(environmentId),
    async install(flow, set) {
      const ref = { environmentId: flow.environmentId, clientId: flow.clientId };
      await tokens.install(ref, set);
      records.promptLogin.delete(flow.environmentId);
      records.forgetSubject(ref);
      const granted = (set.scope ?? '').split(' ').filter(Boolean);
      records.timeline(ref, 'issued', `Signed in; scopes granted: ${granted.join(' ') || '(none listed)'}.`);
      // The sign-in is complete once the tokens are stored; the checklist evidence, the status
      // event and the subject lookup follow a tick later, off the sign-in's critical path (B7).
      setImmediate(() => {
        evidence.emit({
          kind: 'signed-in',
          environmentId: ref.environmentId,
          clientId: ref.clientId,
          summary: `Code exchanged for tokens; scopes granted: ${granted.join(' ') || '(none listed)'}.`,
          details: { grantedScopes: granted, callbackMode: flow.mode },
        });
        void statuses.emitStatus(ref.environmentId);
        void (async () => {
          const secret = await environments.clientSecret(flow.env);
          const subject = secret ? await introspectSubject(flow.ctx, secret, set.accessToken) : undefined;
          if (subject) {
            records.setSubject(ref, subject);
            const name = await lookupCompanyName(flow.env.apiBase, subject, set.accessToken, services.network.fetch);
            if (name) records.setCompanyName(ref, name);
            await statuses.emitStatus(ref.environmentId);
          }
        })().catch(() => undefined);
      });
    },
    onFailed(flow, error) {
      evidence.emit({
        kind: 'sign-in-failed',
        environmentId: flow.environmentId,
        clientId: flow.clientId,
        summary: error.message,
        details: { errorCode: error.code, callbackMode: flow.mode },
      });
    },
  });

  // Probe the keychain once at start, so a missing or locked one shows its banner right away
  // instead of in the middle of the first sign-in.
  const ready: Promise<void> = (async () => {
    await Promise.all(registry.all().map((env) => environments.loadSecretInfo(env)));
  })().catch((error: unknown) => {
    logger.warn('auth: start-up keychain probe failed', { error: error instanceof Error ? error.name : typeof error });
  });

  const signOut = createSignOut({
    environments,
    tokens,
    records,
    evidence,
    statuses,
    notify,
    cancelFlowFor: (id) => engine.cancelFor(id),
    limits,
    signOutTimeoutMs,
  });

  const checkCredentials = async (environmentId?: string): Promise<CredentialCheck> => {
    const env = await environments.resolve(environmentId);
    environments.assertUsable(env);
    const secret = await environments.clientSecret(env);
    if (!secret)
      throw failure('CREDENTIALS_MISSING', 'No Client Secret is stored for this environment.', {
        hint: 'Enter the Client Secret first.',
        step: 'client-secret',
      });
    const check = await probeCredentials(oauthContext(env, limits), secret, env.redirectUri, () => clock.now());
    evidence.emit({
      kind: 'credentials-checked',
      environmentId: env.id,
      clientId: env.clientId,
      summary: check.detail,
      details: { credentialCheck: check },
    });
    return check;
  };

  const api: AuthFeatureApi = {
    activeEnvironment: () => environments.summary(registry.get(registry.activeId())!),
    getEnvironment: (id) => {
      const env = registry.get(id);
      return env ? environments.summary(env) : undefined;
    },
    resolveEnvironment: async (environmentId) => environments.summary(await environments.resolve(environmentId)),
    status: statuses.status,
    async getAccessToken(environmentId, options) {
      await ready;
      const env = await environments.resolve(environmentId);
      return tokens.getAccessToken({ environmentId: env.id, clientId: env.clientId }, options);
    },
    onEvidence: (listener) => evidence.listen(listener),
    async signIn(request = {}) {
      await ready;
      return engine.start(request);
    },
    waitForSignIn: (flowId) => engine.wait(flowId),
    cancelSignIn: async () => engine.cancel(),
    signInProgress: () => engine.progress(),
    reopenSignIn: async () => ({ reopened: await engine.reopen() }),
    async pasteCallback(url) {
      await ready;
      return engine.paste(url);
    },
    async handleDeepLink(url): Promise<CallbackOutcome> {
      try {
        return await engine.deepLink(url);
      } catch {
        return { status: 'ignored' };
      }
    },
    async handleArgv(argv) {
      const url = findCallbackUrlInArgv(argv, api.callbackSchemes());
      return url ? api.handleDeepLink(url) : undefined;
    },
    // The only private-use scheme url-policy accepts is the one the OS routes to the app.
    callbackSchemes: () => [CALLBACK_SCHEME],
    checkCredentials: async (environmentId) => {
      await ready;
      return checkCredentials(environmentId);
    },
    async refresh(environmentId) {
      await ready;
      const env = await environments.resolve(environmentId);
      await tokens.refreshNow({ environmentId: env.id, clientId: env.clientId });
      return statuses.status(env.id);
    },
    async signOut(request) {
      await ready;
      return signOut(request);
    },
    sessionOnly: () => secrets.sessionOnly(),
  };

  const internals: AuthEngineInternals = {
    api,
    environments,
    registry,
    ready,
    ...createEnvironmentEditing({
      environments,
      tokens,
      records,
      evidence,
      confirm: () => services.ports.confirm,
      statuses,
      sessionOnly: () => secrets.sessionOnly(),
      pendingFlow: () => engine.pending(),
      cancelFlowFor: (id) => engine.cancelFor(id),
    }),
  };

  return {
    api,
    handlers: createAuthHandlers(internals),
    sessionOnly: () => secrets.sessionOnly(),
    async dispose() {
      engine.dispose();
      await engine.idle();
      tokens.dispose();
      await tokens.flush();
    },
  };
}
