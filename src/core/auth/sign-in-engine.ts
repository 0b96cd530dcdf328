/**
 * One sign-in, from the authorize URL to stored tokens (architecture.md "Sign-in"):
 * build PKCE + state (main only) -> open the system browser through the BrowserLauncher port
 * -> a receiver delivers the callback (deep link, loopback, paste-back) -> decide whether it
 * is this flow's callback -> consume the flow once -> validate -> exchange the code once ->
 * store -> report.
 *
 * Stray callbacks never change state. A callback on our address whose `state` is not ours
 * (security-test-plan CB-01, CB-11, CB-26; security issue 11 point 6) is ignored and the flow
 * keeps waiting, whatever the channel:
 * - loopback: anything on the machine can send one; it is answered 400 and counted in the log;
 * - deep link: any web page can open our scheme; it is ignored with a notice;
 * - paste-back: the user gets the error and can paste the right address;
 * - with an `error` instead of a code: unsolicited (RFC 9207 §4), ignored with a notice.
 */
import { randomUUID } from 'node:crypto';
import type { CallbackMode, FlowProgress, SignInPhase } from '../../shared/environments.js';
import { AppFailure, failure, type AppError } from '../../shared/result.js';
import type { EnvironmentConfig } from '../environments/environment-registry.js';
import { classifyRedirectUri } from '../environments/url-policy.js';
import type { Redactor } from '../logging/redact.js';
import type { Logger } from '../logging/logger.js';
import type { BrowserLauncher, Clock } from '../ports.js';
import { buildAuthorizationRequest } from '../oauth/authorization-request.js';
import {
  belongsToFlow,
  hasFragmentResponse,
  malformed,
  parseCallbackUrl,
  stateMismatch,
  validateCallback,
} from '../oauth/callback-validator.js';
import { exchangeCode } from '../oauth/code-exchange.js';
import { LoopbackBindError, startLoopbackReceiver, type LoopbackReceiver, type LoopbackVerdict } from '../oauth/loopback-receiver.js';
import { oauthContext, type OAuthContext } from '../oauth/oauth-context.js';
import { classifyTokenFailure } from '../oauth/oauth-errors.js';
import { normalisePastedAddress } from '../oauth/paste-back.js';
import { createFlowSlot, type FlowEndReason, type PendingFlow } from '../oauth/pending-flow.js';
import type { TokenSet } from '../oauth/token-response.js';
import type { CallbackOutcome } from './auth-api.js';
import type { EnvironmentService } from './environment-service.js';

export type CallbackChannel = 'deep-link' | 'loopback' | 'paste-back';

interface Flow extends PendingFlow {
  env: EnvironmentConfig;
  ctx: OAuthContext;
  /** Kept in main only, so "Reopen the sign-in page" opens the same flow again. */
  authorizationUrl: string;
}

type Intake =
  | { kind: 'accepted'; flow: Flow; completion: Promise<FlowProgress> }
  | { kind: 'rejected'; flow: Flow; error: AppError }
  | { kind: 'ignored'; error: AppError };

export interface SignInEngineDeps {
  environments: EnvironmentService;
  browser: BrowserLauncher;
  clock: Clock;
  logger: Logger;
  /** The core's redactor: state, verifier and code are masked while the flow lives. */
  redactor: Pick<Redactor, 'remember' | 'forget'>;
  limits: { timeoutMs: number; maxBodyBytes: number; fetch?: typeof fetch };
  flowTimeoutMs: number;
  loopbackGraceMs: number;
  emitProgress: (progress: FlowProgress) => void;
  notify: (notice: AppError & { level: 'info' | 'warning' | 'error' }) => void;
  /** Stores the tokens of a completed sign-in (the token manager). */
  install: (
    flow: { environmentId: string; clientId: string; mode: CallbackMode; env: EnvironmentConfig; ctx: OAuthContext },
    tokens: TokenSet,
  ) => Promise<void>;
  onFailed: (flow: { environmentId: string; clientId: string; mode: CallbackMode }, error: AppError) => void;
  /** Whether the next sign-in of this environment should ask for a fresh login (after sign-out). */
  promptLogin: (environmentId: string) => boolean;
}

export interface SignInEngine {
  start(request: { environmentId?: string; forceLogin?: boolean }): Promise<FlowProgress>;
  wait(flowId: string): Promise<FlowProgress>;
  cancel(): { cancelled: boolean };
  /** Ends the pending flow if it belongs to the environment (settings changed, env removed). */
  cancelFor(environmentId: string): void;
  deepLink(url: string): Promise<CallbackOutcome>;
  paste(text: string): Promise<FlowProgress>;
  pending(): { flowId: string; environmentId: string } | undefined;
  /** The latest progress of the pending flow (or of the last one), for a window that opens mid-flow. */
  progress(): FlowProgress | undefined;
  /** Opens the pending flow's sign-in page again (the user closed the tab). False when none is pending. */
  reopen(): Promise<boolean>;
  /** Resolves when no exchange is running (quit). */
  idle(): Promise<void>;
  dispose(): void;
}

const TERMINAL: ReadonlySet<SignInPhase> = new Set(['signed-in', 'failed', 'cancelled']);

export function createSignInEngine(deps: SignInEngineDeps): SignInEngine {
  const { clock, logger } = deps;
  let attempts = 0;
  let disposed = false;
  const latest = new Map<string, FlowProgress>();
  const waiters = new Map<string, Array<(p: FlowProgress) => void>>();
  const abortErrors = new Map<string, AppError>();
  const exchanges = new Set<Promise<unknown>>();

  const report = (flow: Pick<Flow, 'id' | 'environmentId' | 'mode' | 'expiresAt'>, phase: SignInPhase, error?: AppError): FlowProgress => {
    const progress: FlowProgress = {
      flowId: flow.id,
      environmentId: flow.environmentId,
      phase,
      callbackMode: flow.mode,
      ...(flow.mode === 'paste-back' && phase === 'waiting-for-callback' ? { awaitingPaste: true } : {}),
      ...(TERMINAL.has(phase) ? {} : { expiresAt: flow.expiresAt }),
      ...(error ? { error } : {}),
    };
    latest.set(flow.id, progress);
    while (latest.size > 20) latest.delete(latest.keys().next().value as string);
    deps.emitProgress(progress);
    if (TERMINAL.has(phase)) {
      for (const resolve of waiters.get(flow.id) ?? []) resolve(progress);
      waiters.delete(flow.id);
    }
    return progress;
  };

  const forgetFlowSecrets = (flow: Flow) => {
    deps.redactor.forget(flow.state);
    deps.redactor.forget(flow.codeVerifier);
  };

  const slot = createFlowSlot<Flow>({
    clock,
    onEnd(flow, reason: FlowEndReason) {
      if (reason === 'consumed') return;
      forgetFlowSecrets(flow);
      if (reason === 'superseded')
        report(flow, 'cancelled', {
          code: 'FLOW_SUPERSEDED',
          message: 'This sign-in was replaced by a newer one.',
          hint: 'Finish the sign-in in the newest browser tab.',
        });
      else if (reason === 'cancelled')
        report(flow, 'cancelled', {
          code: 'FLOW_CANCELLED',
          message: 'The sign-in was cancelled.',
          hint: 'Start it again when you are ready.',
        });
      else if (reason === 'expired') {
        const error: AppError = {
          code: 'FLOW_EXPIRED',
          message: 'The sign-in took too long and has expired.',
          hint: 'Start the sign-in again.',
        };
        report(flow, 'failed', error);
        deps.onFailed(flow, error);
      } else {
        const error = abortErrors.get(flow.id) ?? malformed('The sign-in was stopped.');
        abortErrors.delete(flow.id);
        report(flow, 'failed', error);
        deps.onFailed(flow, error);
      }
    },
  });

  const abort = (flow: Flow, error: AppError) => {
    abortErrors.set(flow.id, error);
    slot.end(flow.id, 'aborted');
  };

  const noFlowError = (state: string | undefined): AppError | undefined => {
    const ended = state ? slot.endedWith(state) : undefined;
    if (ended === 'consumed') return undefined; // a replay of a finished sign-in: nothing to say (CB-04)
    if (ended === 'expired')
      return { code: 'FLOW_EXPIRED', message: 'That sign-in link has expired.', hint: 'Start the sign-in again from the app.' };
    if (ended)
      return {
        code: 'FLOW_CANCELLED',
        message: 'That sign-in was cancelled or replaced by a newer one.',
        hint: 'Start the sign-in again from the app, or finish the newest one.',
      };
    return {
      code: 'NO_PENDING_FLOW',
      message: 'A sign-in response arrived, but the app was not waiting for one, so it was ignored.',
      hint: 'To sign in, start the sign-in from the app.',
    };
  };

  const intake = (raw: string, channel: CallbackChannel): Intake => {
    const parsed = parseCallbackUrl(raw);
    if (!parsed.ok) {
      logger.warn('sign-in: unusable callback ignored', { channel, length: typeof raw === 'string' ? raw.length : 0 });
      return { kind: 'ignored', error: parsed.error };
    }
    const url = parsed.url;
    const states = url.searchParams.getAll('state');
    const flow = slot.current();
    if (!flow) {
      const error = noFlowError(states.length === 1 ? states[0] : undefined);
      logger.info('sign-in: callback without a pending flow ignored', { channel, replay: error === undefined });
      if (error && channel === 'deep-link') deps.notify({ level: 'info', ...error });
      return {
        kind: 'ignored',
        error: error ?? { code: 'NO_PENDING_FLOW', message: 'That sign-in has already finished.', hint: 'Nothing else to do.' },
      };
    }
    const belonging = belongsToFlow(url, flow);
    if (belonging === 'other-address') {
      logger.info('sign-in: callback for another address ignored', { channel, scheme: url.protocol.slice(0, 40) });
      return {
        kind: 'ignored',
        error: {
          code: 'CALLBACK_URL_MISMATCH',
          message: 'That address is not the redirect URI this sign-in is waiting on.',
          hint: `Paste the full address that starts with ${flow.redirectUri.split('?')[0]}.`,
        },
      };
    }
    if (belonging === 'other-state') {
      if (states.length === 1 && slot.endedWith(states[0]!)) {
        logger.info('sign-in: callback of an earlier flow ignored', { channel });
        return { kind: 'ignored', error: noFlowError(states[0]) ?? stateMismatch() };
      }
      // A foreign state never ends the pending sign-in: anything on this machine can reach the
      // loopback port, and any web page can open our scheme, so ending the flow on their say
      // would hand every local program and page a way to cancel the user's sign-in. The state
      // check already keeps their code away from the token endpoint (CB-01, CB-26).
      const error =
        states.length === 0 && hasFragmentResponse(url)
          ? malformed('The sign-in response arrived in an unexpected form (in the "#" part of the address).')
          : stateMismatch();
      if (channel === 'loopback') {
        flow.strayCallbacks += 1;
        logger.warn('sign-in: foreign request on the loopback port', { count: flow.strayCallbacks });
        report(flow, 'waiting-for-callback', error);
        return { kind: 'ignored', error };
      }
      if (url.searchParams.has('error')) {
        const notice: AppError = {
          code: 'AUTH_STATE_MISMATCH',
          message: 'An error response arrived that did not belong to this sign-in, so it was ignored.',
          hint: 'The sign-in is still waiting; finish it in the browser or cancel it.',
        };
        deps.notify({ level: 'info', ...notice });
        return { kind: 'ignored', error: notice };
      }
      logger.warn('sign-in: callback with a foreign state ignored', { channel });
      if (channel === 'deep-link') {
        deps.notify({
          level: 'info',
          code: error.code,
          message: 'A sign-in link arrived that did not belong to this sign-in, so it was ignored.',
          hint: 'The sign-in is still waiting; finish it in the browser or cancel it.',
        });
      }
      report(flow, 'waiting-for-callback', error);
      return { kind: 'ignored', error };
    }
    const taken = slot.take(flow.id);
    if (!taken) return { kind: 'ignored', error: noFlowError(undefined)! };
    const validation = validateCallback(taken.ctx, url, taken.state);
    if (!validation.ok) {
      forgetFlowSecrets(taken);
      report(taken, 'failed', validation.error);
      deps.onFailed(taken, validation.error);
      return { kind: 'rejected', flow: taken, error: validation.error };
    }
    deps.redactor.remember(validation.code);
    const completion = complete(taken, validation.params, validation.code);
    exchanges.add(completion);
    void completion.finally(() => exchanges.delete(completion));
    return { kind: 'accepted', flow: taken, completion };
  };

  const complete = async (flow: Flow, params: URLSearchParams, code: string): Promise<FlowProgress> => {
    const verifier = flow.codeVerifier;
    flow.codeVerifier = '';
    try {
      report(flow, 'exchanging-code');
      const secret = await deps.environments.clientSecret(flow.env);
      if (!secret)
        throw failure('CREDENTIALS_MISSING', 'The Client Secret for this environment is missing.', {
          hint: 'Enter the Client Secret again, then sign in.',
          step: 'client-secret',
        });
      let tokens: TokenSet;
      try {
        tokens = await exchangeCode(flow.ctx, secret, params, flow.redirectUri, verifier, () => clock.now(), flow.env.scopes);
      } catch (error) {
        const failed = classifyTokenFailure(error, 'exchange', flow.ctx.service, {
          clientId: flow.clientId,
          clientSecret: secret,
          method: flow.env.clientAuth,
          editable: flow.env.clientAuthEditable,
        });
        // The check's words never quote a body; the logger redacts registered secrets anyway.
        logger.warn('sign-in: code exchange failed', {
          errorCode: failed.error.code,
          ...(failed.status !== undefined ? { status: failed.status } : {}),
          ...(failed.check ? { check: failed.check } : {}),
        });
        throw new AppFailure(failed.error);
      }
      if (disposed)
        throw failure('FLOW_CANCELLED', 'The app is closing; the sign-in was not saved.', { hint: 'Sign in again after restarting.' });
      report(flow, 'storing');
      // From here the token manager holds them, and its live tokens are masked (auth-feature).
      await deps.install(flow, tokens);
      return report(flow, 'signed-in');
    } catch (error) {
      const appError: AppError =
        error instanceof AppFailure
          ? error.appError
          : { code: 'INTERNAL', message: 'Something went wrong while finishing the sign-in.', hint: 'Start the sign-in again.' };
      if (!(error instanceof AppFailure))
        logger.error('sign-in: exchange failed unexpectedly', { error: error instanceof Error ? error.name : typeof error });
      deps.onFailed(flow, appError);
      return report(flow, 'failed', appError);
    } finally {
      deps.redactor.forget(code);
      forgetFlowSecrets({ ...flow, codeVerifier: verifier });
    }
  };

  const loopbackVerdict = (result: Intake): LoopbackVerdict => {
    if (result.kind === 'accepted') return { kind: 'accepted' };
    if (result.kind === 'rejected')
      return { kind: 'rejected', message: result.error.message, ...(result.error.hint ? { hint: result.error.hint } : {}) };
    return { kind: 'ignored', message: 'This was not the sign-in response the app is waiting for.' };
  };

  const superseded = () => failure('FLOW_SUPERSEDED', 'A newer sign-in was started.', { hint: 'Finish the newest sign-in.' });

  return {
    async start(request) {
      const attempt = ++attempts;
      const env = await deps.environments.resolve(request.environmentId);
      deps.environments.assertUsable(env);
      const classified = classifyRedirectUri(env.redirectUri);
      if (!classified.ok)
        throw failure(classified.code, `The redirect URI cannot be used: ${classified.reason}`, {
          hint: 'Fix the redirect URI in the environment settings.',
        });
      const secret = await deps.environments.clientSecret(env);
      if (!secret)
        throw failure('CREDENTIALS_MISSING', 'No Client Secret is stored for this environment.', {
          hint: 'Enter the Client Secret Pleo gave you.',
          step: 'client-secret',
        });
      if (attempt !== attempts || disposed) throw superseded();
      // The old flow goes first, so a fixed loopback port is free again (CC-01).
      const previous = slot.current();
      if (previous) slot.end(previous.id, 'superseded');
      const ctx = oauthContext(env, deps.limits);
      let receiver: LoopbackReceiver | undefined;
      if (classified.value.mode === 'loopback') {
        try {
          receiver = await startLoopbackReceiver({
            registered: classified.value.url,
            onCallback: (url) => loopbackVerdict(intake(url, 'loopback')),
            graceMs: deps.loopbackGraceMs,
          });
        } catch (error) {
          const code = error instanceof LoopbackBindError ? error.code : 'UNKNOWN';
          throw failure('LOOPBACK_PORT_UNAVAILABLE', `The app could not listen for the sign-in response on this computer (${code}).`, {
            hint: classified.value.url.port
              ? 'Another program may be using that port. Close it, or register a redirect URI without a fixed port.'
              : 'Try again, or use a private-scheme or https redirect URI.',
          });
        }
      }
      if (attempt !== attempts || disposed) {
        await receiver?.close();
        throw superseded();
      }
      const redirectUri = receiver?.redirectUri ?? env.redirectUri;
      const authorization = await buildAuthorizationRequest(ctx, {
        redirectUri,
        scopes: env.scopes,
        forceLogin: request.forceLogin === true || deps.promptLogin(env.id),
      });
      if (attempt !== attempts || disposed) {
        await receiver?.close();
        throw superseded();
      }
      deps.redactor.remember(authorization.state);
      deps.redactor.remember(authorization.codeVerifier);
      const startedAt = clock.now();
      const flow: Flow = {
        id: randomUUID(),
        environmentId: env.id,
        clientId: env.clientId,
        mode: classified.value.mode,
        state: authorization.state,
        codeVerifier: authorization.codeVerifier,
        redirectUri,
        startedAt,
        expiresAt: startedAt + deps.flowTimeoutMs,
        strayCallbacks: 0,
        ...(receiver ? { release: (reason: FlowEndReason) => receiver.close({ afterAnswer: reason === 'consumed' }) } : {}),
        env,
        ctx,
        authorizationUrl: authorization.url,
      };
      slot.start(flow);
      report(flow, 'opening-browser');
      try {
        // Only the URL built here ever reaches the launcher (AR-02), and only the system
        // browser: core has no way to load it in an app window (AR-04). It must point at the
        // environment's authorization endpoint, which the user confirmed (issue 11 point 2).
        const target = new URL(authorization.url);
        const endpoint = new URL(env.authorizationEndpoint);
        if (target.origin !== endpoint.origin || target.pathname !== endpoint.pathname) throw new Error('authorize URL off its endpoint');
        await deps.browser.open(authorization.url);
      } catch {
        const error: AppError = {
          code: 'BROWSER_OPEN_FAILED',
          message: 'The app could not open your web browser for the sign-in.',
          hint: 'Check that a default browser is set, then try again.',
        };
        if (slot.current()?.id === flow.id) abort(flow, error);
        throw new AppFailure(error);
      }
      if (slot.current()?.id === flow.id) return report(flow, 'waiting-for-callback');
      return latest.get(flow.id) ?? report(flow, 'waiting-for-callback');
    },

    wait(flowId) {
      const known = latest.get(flowId);
      if (known && TERMINAL.has(known.phase)) return Promise.resolve(known);
      return new Promise((resolve) => {
        const list = waiters.get(flowId) ?? [];
        list.push(resolve);
        waiters.set(flowId, list);
      });
    },

    cancel() {
      const flow = slot.current();
      if (!flow) return { cancelled: false };
      slot.end(flow.id, 'cancelled');
      return { cancelled: true };
    },

    cancelFor(environmentId) {
      const flow = slot.current();
      if (flow && flow.environmentId === environmentId) slot.end(flow.id, 'cancelled');
    },

    async deepLink(url) {
      const result = intake(url, 'deep-link');
      if (result.kind === 'accepted') return { status: 'accepted', progress: await result.completion };
      if (result.kind === 'rejected')
        return {
          status: 'rejected',
          error: result.error,
          ...(latest.get(result.flow.id) ? { progress: latest.get(result.flow.id)! } : {}),
        };
      return { status: 'ignored', error: result.error };
    },

    async paste(text) {
      const result = intake(normalisePastedAddress(text), 'paste-back');
      if (result.kind === 'accepted') {
        const progress = await result.completion;
        if (progress.phase === 'failed' && progress.error) throw new AppFailure(progress.error);
        return progress;
      }
      throw new AppFailure(result.error);
    },

    pending() {
      const flow = slot.current();
      return flow ? { flowId: flow.id, environmentId: flow.environmentId } : undefined;
    },

    progress() {
      const flow = slot.current();
      if (flow) return latest.get(flow.id);
      return [...latest.values()].at(-1);
    },

    async reopen() {
      const flow = slot.current();
      if (!flow || flow.codeVerifier === '') return false;
      await deps.browser.open(flow.authorizationUrl);
      return true;
    },

    async idle() {
      await Promise.allSettled([...exchanges]);
    },

    dispose() {
      disposed = true;
      slot.dispose();
    },
  };
}
