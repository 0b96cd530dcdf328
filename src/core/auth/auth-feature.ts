/**
 * The sign-in engine as a core feature (issue 4): environments, credentials in the keychain
 * (or memory in session-only mode), the one pending sign-in, tokens and their lifecycle,
 * sign-out, and the IPC handlers for all of it. Everything here runs in plain Node; main only
 * supplies ports (browser launcher, keychain adapter, simulator) and the deep-link intake.
 */
import type { AuthStatus, CredentialCheck, TokenTimelineEntry, TokenTimelineKind } from '../../shared/environments.js';
import { failure, type AppError } from '../../shared/result.js';
import type { CoreServices } from '../core-services.js';
import { SIMULATOR_ID } from '../environments/builtin-environments.js';
import { createEnvironmentRegistry, environmentNotFound, type EnvironmentConfig } from '../environments/environment-registry.js';
import { classifyRedirectUri } from '../environments/url-policy.js';
import type { Feature } from '../feature/feature.js';
import { registerSecretForRedaction } from '../logging/redact.js';
import { refreshGrant } from '../oauth/code-exchange.js';
import { probeCredentials } from '../oauth/credential-probe.js';
import { findCallbackUrlInArgv } from '../oauth/deep-link.js';
import { introspectSubject } from '../oauth/introspection.js';
import { oauthContext } from '../oauth/oauth-context.js';
import { classifyTokenFailure } from '../oauth/oauth-errors.js';
import { disconnectInstallation, revokeToken } from '../oauth/revocation.js';
import { createTokenManager, type SlotRef, type TokenEvent } from '../oauth/token-manager.js';
import { createGuardedSecretStore } from '../secrets/guarded-secret-store.js';
import { fingerprint } from '../secrets/secret-accounts.js';
import { CALLBACK_SCHEME } from '../../shared/csp.js';
import type { AuthEvidence, AuthFeatureApi, CallbackOutcome } from './auth-api.js';
import { createAuthHandlers, type AuthEngineInternals } from './auth-handlers.js';
import { createEnvironmentService } from './environment-service.js';
import { createSignInEngine } from './sign-in-engine.js';

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
  maxStrayLoopbackRequests?: number;
  loopbackGraceMs?: number;
}

export type AuthFeature = Feature<AuthFeatureApi> & { sessionOnly(): boolean };

type Notice = AppError & { level: 'info' | 'warning' | 'error' };

const TIMELINE_LIMIT = 50;

export function createAuthFeature(services: CoreServices, tuning: AuthTuning = {}): AuthFeature {
  const { clock, logger, events } = services;
  const limits = { timeoutMs: tuning.tokenRequestTimeoutMs ?? 30_000, maxBodyBytes: tuning.maxTokenResponseBytes ?? 64 * 1024 };
  const signOutTimeoutMs = tuning.signOutTimeoutMs ?? 10_000;

  // services.notify keeps notices for a window that opens later (app.notices) and emits them.
  const notify = (notice: Notice) =>
    services.notify({ level: notice.level, ...(notice.code ? { code: notice.code } : {}), message: notice.hint ? `${notice.message} ${notice.hint}` : notice.message });

  const secrets = createGuardedSecretStore(services.ports.secretStore, {
    timeoutMs: tuning.keychainTimeoutMs ?? 4000,
    onSessionOnly(problem, { keychainReadable }) {
      logger.warn('keychain: switching to session-only mode', { problem, keychainReadable });
      notify(
        keychainReadable
          ? {
              level: 'warning',
              code: problem,
              message: 'The OS keychain could not save your latest sign-in, so new secrets and tokens are kept only until you quit.',
              hint: 'You may need to sign in again after restarting. Nothing is written to disk in plain text.',
            }
          : problem === 'KEYCHAIN_LOCKED'
          ? {
              level: 'warning',
              code: 'KEYCHAIN_LOCKED',
              message: 'The OS keychain is locked or did not answer in time, so your Client Secret and sign-in are kept only until you quit.',
              hint: 'Unlock the keychain and restart the app to save them. Nothing is written to disk in plain text.',
            }
          : {
              level: 'warning',
              code: 'KEYCHAIN_UNAVAILABLE',
              message: 'No OS keychain was found, so your Client Secret and sign-in are kept only until you quit.',
              hint: 'Install or start a keyring (e.g. GNOME Keyring) to save them. Nothing is written to disk in plain text.',
            },
      );
      void emitStatus(registry.activeId());
    },
  });

  const registry = createEnvironmentRegistry(services.settings, { privateSchemeRegistered: services.options.privateSchemeRegistered !== false });
  for (const problem of registry.loadNotices()) notify({ level: 'warning', ...problem });
  const environments = createEnvironmentService({ registry, secrets, ...(services.ports.simulator ? { simulator: services.ports.simulator } : {}), events, notify, logger });

  const evidenceListeners = new Set<(e: AuthEvidence) => void>();
  const evidence = (e: Omit<AuthEvidence, 'at'>) => {
    const full: AuthEvidence = { ...e, at: clock.now() };
    for (const listener of [...evidenceListeners]) {
      try {
        listener(full);
      } catch {
        // one broken listener must not hide evidence from the others
      }
    }
  };

  const slotKey = (ref: SlotRef) => `${ref.environmentId}\n${ref.clientId}`;
  const timelines = new Map<string, TokenTimelineEntry[]>();
  const subjects = new Map<string, string>();
  const promptLogin = new Set<string>();
  const timeline = (ref: SlotRef, kind: TokenTimelineKind, detail?: string) => {
    const list = timelines.get(slotKey(ref)) ?? [];
    list.push({ kind, at: clock.now(), ...(detail ? { detail } : {}) });
    if (list.length > TIMELINE_LIMIT) list.splice(0, list.length - TIMELINE_LIMIT);
    timelines.set(slotKey(ref), list);
  };

  const envFor = (ref: SlotRef): EnvironmentConfig => {
    const env = registry.get(ref.environmentId);
    if (!env) throw environmentNotFound();
    return { ...env, clientId: ref.clientId };
  };

  const tokens = createTokenManager({
    store: secrets,
    clock,
    proactive: tuning.proactiveRefresh ?? true,
    ...(tuning.maxRefreshMarginMs !== undefined ? { maxMarginMs: tuning.maxRefreshMarginMs } : {}),
    ...(tuning.minProactiveIntervalMs !== undefined ? { minProactiveIntervalMs: tuning.minProactiveIntervalMs } : {}),
    ...(tuning.baseBackoffMs !== undefined ? { baseBackoffMs: tuning.baseBackoffMs } : {}),
    ...(tuning.maxBackoffMs !== undefined ? { maxBackoffMs: tuning.maxBackoffMs } : {}),
    async refresh(ref, refreshToken) {
      if (ref.environmentId === SIMULATOR_ID) await environments.resolve(SIMULATOR_ID);
      const env = envFor(ref);
      const secret = await environments.clientSecret(env);
      if (!secret) throw failure('CREDENTIALS_MISSING', 'The Client Secret for this environment is missing, so the session cannot be renewed.', { hint: 'Enter the Client Secret again.', step: 'client-secret' });
      const next = await refreshGrant(oauthContext(env, limits), secret, refreshToken, () => clock.now());
      registerSecretForRedaction(next.accessToken);
      registerSecretForRedaction(next.refreshToken);
      return next;
    },
    classify: (error, ref) => classifyTokenFailure(error, 'refresh', oauthContext(envFor(ref), limits).service),
    onEvent: (event) => void onTokenEvent(event),
  });

  const onTokenEvent = async (event: TokenEvent) => {
    const { ref } = event;
    if (event.kind === 'refreshed') {
      timeline(ref, event.rotated ? 'rotated' : 'refreshed', event.rotated ? 'New access token; the refresh token was rotated and saved.' : 'New access token.');
      evidence({ kind: 'refreshed', environmentId: ref.environmentId, clientId: ref.clientId, summary: event.rotated ? 'Token refreshed; the refresh token was rotated and the new one saved.' : 'Token refreshed.', details: { rotated: event.rotated } });
    } else if (event.kind === 'session-ended') {
      timeline(ref, 'expired', 'The session ended; sign in again.');
      notify({ level: 'warning', ...event.error });
      evidence({ kind: 'refresh-failed', environmentId: ref.environmentId, clientId: ref.clientId, summary: event.error.message, details: { errorCode: event.error.code } });
    } else if (event.kind === 'refresh-failed') {
      timeline(ref, 'refresh-failed', event.error.message);
      if (event.error.code === 'CLIENT_SECRET_REJECTED' || event.error.code === 'CREDENTIALS_MISSING') notify({ level: 'warning', ...event.error });
      evidence({ kind: 'refresh-failed', environmentId: ref.environmentId, clientId: ref.clientId, summary: event.error.message, details: { errorCode: event.error.code } });
    } else if (event.kind === 'discarded') {
      // A refresh that outlived sign-out or a newer sign-in: its tokens are never used, and a
      // rotated refresh token is revoked where that is possible, so it does not linger.
      await revokeQuietly(ref, event.tokens.rotated ? event.tokens.refreshToken : undefined);
      return;
    } else if (event.kind === 'installed') {
      return;
    }
    await emitStatus(ref.environmentId);
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

  const status = async (environmentId?: string): Promise<AuthStatus> => {
    const id = environmentId ?? registry.activeId();
    let env = registry.get(id);
    if (!env) throw environmentNotFound();
    if (id === SIMULATOR_ID) env = await environments.resolve(id).catch(() => env!);
    const ref = { environmentId: id, clientId: env.clientId };
    const view = await tokens.view(ref);
    const t = view.tokens;
    const now = clock.now();
    const subject = subjects.get(slotKey(ref));
    return {
      environmentId: id,
      signedIn: t !== undefined && (t.refreshToken !== undefined || t.expiresAt === undefined || t.expiresAt > now),
      ...(t?.expiresAt !== undefined ? { accessTokenExpiresAt: t.expiresAt } : {}),
      hasRefreshToken: t?.refreshToken !== undefined,
      requestedScopes: [...env.scopes],
      grantedScopes: t ? (t.scope !== undefined ? t.scope.split(' ').filter(Boolean) : [...env.scopes]) : [],
      ...(subject && t ? { subject } : {}),
      ...(t ? { accessTokenFingerprint: fingerprint(t.accessToken) } : {}),
      ...(t?.refreshToken ? { refreshTokenFingerprint: fingerprint(t.refreshToken) } : {}),
      timeline: [...(timelines.get(slotKey(ref)) ?? [])],
      sessionOnly: secrets.sessionOnly(),
    };
  };

  const emitStatus = async (environmentId: string) => {
    try {
      events.emit('auth.statusChanged', await status(environmentId));
    } catch {
      // the environment may have been removed meanwhile
    }
  };

  const engine = createSignInEngine({
    environments,
    browser: services.ports.browserLauncher,
    clock,
    logger,
    limits,
    flowTimeoutMs: tuning.flowTimeoutMs ?? services.options.flowTimeoutMs ?? 10 * 60_000,
    maxStrayLoopbackRequests: tuning.maxStrayLoopbackRequests ?? 10,
    loopbackGraceMs: tuning.loopbackGraceMs ?? 2000,
    emitProgress: (progress) => events.emit('auth.flowProgress', progress),
    notify,
    promptLogin: (environmentId) => promptLogin.has(environmentId),
    async install(flow, set) {
      const ref = { environmentId: flow.environmentId, clientId: flow.clientId };
      await tokens.install(ref, set);
      promptLogin.delete(flow.environmentId);
      subjects.delete(slotKey(ref));
      const granted = set.scope !== undefined ? set.scope.split(' ').filter(Boolean) : [...flow.env.scopes];
      timeline(ref, 'issued', `Signed in; scopes granted: ${granted.join(' ') || '(none listed)'}.`);
      // The sign-in is complete once the tokens are stored; the checklist evidence, the status
      // event and the subject lookup follow a tick later, off the sign-in's critical path (B7).
      setImmediate(() => {
        evidence({
          kind: 'signed-in',
          environmentId: ref.environmentId,
          clientId: ref.clientId,
          summary: `Code exchanged for tokens; scopes granted: ${granted.join(' ') || '(none listed)'}.`,
          details: { grantedScopes: granted, callbackMode: flow.mode },
        });
        void emitStatus(ref.environmentId);
        void (async () => {
          const secret = await environments.clientSecret(flow.env);
          const subject = secret ? await introspectSubject(flow.ctx, secret, set.accessToken) : undefined;
          if (subject) {
            subjects.set(slotKey(ref), subject);
            await emitStatus(ref.environmentId);
          }
        })().catch(() => undefined);
      });
    },
    onFailed(flow, error) {
      evidence({ kind: 'sign-in-failed', environmentId: flow.environmentId, clientId: flow.clientId, summary: error.message, details: { errorCode: error.code, callbackMode: flow.mode } });
    },
  });

  // Probe the keychain once at start, so a missing or locked one shows its banner right away
  // instead of in the middle of the first sign-in.
  const ready: Promise<void> = (async () => {
    await Promise.all(registry.all().map((env) => environments.loadSecretInfo(env)));
  })().catch((error: unknown) => {
    logger.warn('auth: start-up keychain probe failed', { error: error instanceof Error ? error.name : typeof error });
  });

  const resolveSummary = async (environmentId?: string) => environments.summary(await environments.resolve(environmentId));

  const signOut = async (request: { environmentId?: string; disconnectInstallation?: boolean } = {}): Promise<AuthStatus> => {
    const env = await environments.resolve(request.environmentId).catch(() => registry.get(request.environmentId ?? registry.activeId()));
    if (!env) throw environmentNotFound();
    const ref = { environmentId: env.id, clientId: env.clientId };
    engine.cancelFor(env.id);
    const problems: string[] = [];
    if (request.disconnectInstallation) {
      if (!env.disconnectInstallation) problems.push('this environment has no installation to disconnect');
      else {
        try {
          const accessToken = await tokens.getAccessToken(ref);
          const result = await disconnectInstallation(env.apiBase, accessToken, { timeoutMs: signOutTimeoutMs, allowInsecure: env.allowLoopbackHttp });
          if (result.ok) timeline(ref, 'revoked', 'The installation was disconnected; every token of the client was revoked.');
          else problems.push(`the installation could not be disconnected (${result.detail})`);
        } catch {
          problems.push('the installation could not be disconnected (not signed in)');
        }
      }
    }
    // Local first: whatever the server says later, this computer holds no tokens any more.
    const held = await tokens.clear(ref);
    subjects.delete(slotKey(ref));
    promptLogin.add(env.id);
    if (held && env.revocationEndpoint) {
      const secret = await environments.clientSecret(env);
      const ctx = oauthContext(env, { ...limits, timeoutMs: signOutTimeoutMs });
      if (secret) {
        const results = await Promise.all([
          held.refreshToken ? revokeToken(ctx, secret, held.refreshToken, 'refresh_token') : Promise.resolve({ ok: true as const }),
          revokeToken(ctx, secret, held.accessToken, 'access_token'),
        ]);
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) problems.push(`the server could not revoke the tokens (${failed.detail})`);
        else timeline(ref, 'revoked', 'The tokens were revoked on the server.');
      }
    }
    timeline(ref, 'signed-out', 'Signed out; the tokens were removed from this computer.');
    if (problems.length) {
      notify({
        level: 'warning',
        code: 'REVOCATION_FAILED',
        message: `You are signed out on this computer, but ${problems.join('; ')}.`,
        hint: 'The tokens stop working when they expire.',
      });
    }
    evidence({ kind: 'signed-out', environmentId: ref.environmentId, clientId: ref.clientId, summary: 'Signed out.', details: problems.length ? { errorCode: 'REVOCATION_FAILED' } : {} });
    await emitStatus(env.id);
    return status(env.id);
  };

  const checkCredentials = async (environmentId?: string): Promise<CredentialCheck> => {
    const env = await environments.resolve(environmentId);
    environments.assertUsable(env);
    const secret = await environments.clientSecret(env);
    if (!secret) throw failure('CREDENTIALS_MISSING', 'No Client Secret is stored for this environment.', { hint: 'Enter the Client Secret first.', step: 'client-secret' });
    const check = await probeCredentials(oauthContext(env, limits), secret, env.redirectUri, () => clock.now());
    evidence({ kind: 'credentials-checked', environmentId: env.id, clientId: env.clientId, summary: check.detail, details: { credentialCheck: check } });
    return check;
  };

  const api: AuthFeatureApi = {
    activeEnvironment: () => environments.summary(registry.get(registry.activeId())!),
    getEnvironment: (id) => {
      const env = registry.get(id);
      return env ? environments.summary(env) : undefined;
    },
    resolveEnvironment: resolveSummary,
    status,
    async getAccessToken(environmentId, options) {
      await ready;
      const id = environmentId ?? registry.activeId();
      const env = id === SIMULATOR_ID ? await environments.resolve(id) : registry.get(id);
      if (!env) throw environmentNotFound();
      return tokens.getAccessToken({ environmentId: env.id, clientId: env.clientId }, options);
    },
    onEvidence(listener) {
      evidenceListeners.add(listener);
      return () => evidenceListeners.delete(listener);
    },
    async signIn(request = {}) {
      await ready;
      return engine.start(request);
    },
    waitForSignIn: (flowId) => engine.wait(flowId),
    cancelSignIn: async () => engine.cancel(),
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
    callbackSchemes() {
      const schemes = new Set([CALLBACK_SCHEME]);
      for (const env of registry.all()) {
        const classified = classifyRedirectUri(env.redirectUri);
        if (classified.ok && classified.value.scheme) schemes.add(classified.value.scheme);
      }
      return [...schemes];
    },
    checkCredentials: async (environmentId) => {
      await ready;
      return checkCredentials(environmentId);
    },
    async refresh(environmentId) {
      await ready;
      const env = await environments.resolve(environmentId);
      await tokens.refreshNow({ environmentId: env.id, clientId: env.clientId });
      return status(env.id);
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
    async selectEnvironment(environmentId) {
      const current = engine.pending();
      if (current && current.environmentId !== environmentId) engine.cancelFor(current.environmentId);
      registry.setActive(environmentId);
      const summary = await resolveSummary(environmentId).catch(() => environments.summary(registry.get(environmentId)!));
      environments.emitChanged();
      return summary;
    },
    async updateEnvironment(request) {
      const { environmentId, ...patch } = request;
      // Changing where or as whom we sign in mid-flow would mix two servers' answers (B-4).
      engine.cancelFor(environmentId);
      const env = registry.update(environmentId, patch);
      await environments.loadSecretInfo(env);
      environments.emitChanged();
      return environments.summary(registry.get(environmentId)!);
    },
    async addCustomEnvironment(input) {
      const env = registry.addCustom(input);
      environments.emitChanged();
      return environments.summary(env);
    },
    async removeEnvironment(environmentId) {
      const env = registry.get(environmentId);
      if (!env || env.kind !== 'custom') throw failure('ENVIRONMENT_NOT_FOUND', 'Only custom environments can be removed.', { hint: 'The built-in ones always stay.' });
      engine.cancelFor(environmentId);
      await tokens.clear({ environmentId, clientId: env.clientId });
      await environments.clearClientSecret(env);
      registry.remove(environmentId);
      environments.emitChanged();
    },
    async setClientSecret(environmentId, secret) {
      const env = await environments.resolve(environmentId).catch(() => registry.get(environmentId));
      if (!env) throw environmentNotFound();
      await environments.setClientSecret(env, secret);
      tokens.credentialsChanged({ environmentId: env.id, clientId: env.clientId });
      evidence({ kind: 'credentials-stored', environmentId: env.id, clientId: env.clientId, summary: secrets.sessionOnly() ? 'Client Secret kept in memory until quit (no keychain).' : 'Client Secret saved in the OS keychain.', details: {} });
      environments.emitChanged();
      return environments.summary(env);
    },
    async clearCredentials(environmentId) {
      const env = await environments.resolve(environmentId).catch(() => registry.get(environmentId));
      if (!env) throw environmentNotFound();
      engine.cancelFor(env.id);
      await tokens.clear({ environmentId: env.id, clientId: env.clientId });
      await environments.clearClientSecret(env);
      timeline({ environmentId: env.id, clientId: env.clientId }, 'signed-out', 'Client Secret and tokens removed from this computer.');
      environments.emitChanged();
      await emitStatus(env.id);
      return environments.summary(env);
    },
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

