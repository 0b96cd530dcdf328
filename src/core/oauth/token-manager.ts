/**
 * Tokens per environment + client, and their lifecycle (security-test-plan §7.4, §7.9):
 * - expiry from local receive time; refresh ahead of expiry (10 % of the lifetime, at most
 *   60 s), and a proactive timer at most every 30 s so `expires_in: 1` cannot spin (RF-08);
 * - exactly one refresh in flight per slot, whatever the number of callers (CC-03, CC-09);
 * - a rotated refresh token is written to the keychain before anyone gets the new access
 *   token, and the old one is never used again (B-11, RF-02, RF-04);
 * - invalid_grant / invalid_refresh_token wipes the tokens (not the credentials) and ends the
 *   session once for all waiting callers (RF-01, CC-04); invalid_client keeps the tokens
 *   and stops refreshing until the credentials change (RF-07); 5xx, timeouts and network
 *   failures keep everything and retry with exponential backoff (RF-06, RF-09);
 * - a permanent refusal (unauthorized_client, invalid_scope, invalid_request, an unknown
 *   code, missing credentials) is reported once and never retried: the session stays usable
 *   until the access token expires, then ends with that reason (issue 9, defect 3). A new
 *   sign-in or changed credentials lift it;
 * - a generation counter per slot: sign-out or a new sign-in bumps it, and a refresh that
 *   finishes under an older generation is discarded, never stored (CC-05, CC-06).
 * Keychain writes of a slot run one after another and re-check the generation inside the
 * queue, so a late write can never resurrect tokens after a wipe.
 */
import { AppFailure, failure, type AppError } from '../../shared/result.js';
import type { Clock } from '../ports.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { secretAccount } from '../secrets/secret-accounts.js';
import type { TokenFailure } from './oauth-errors.js';
import { parseStoredTokenSet, serializeTokenSet, type TokenSet } from './token-response.js';

export interface SlotRef {
  environmentId: string;
  clientId: string;
}

export type TokenEvent =
  | { kind: 'installed'; ref: SlotRef; tokens: TokenSet }
  | { kind: 'refreshed'; ref: SlotRef; tokens: TokenSet; rotated: boolean }
  | { kind: 'session-ended'; ref: SlotRef; error: AppError }
  /** `permanent`: the server refused for good; the app stops refreshing this session. */
  | { kind: 'refresh-failed'; ref: SlotRef; error: AppError; retryAt?: number; permanent?: boolean }
  /** A refresh finished after sign-out / a new sign-in: its tokens were thrown away unused. */
  | { kind: 'discarded'; ref: SlotRef; tokens: TokenSet };

export interface TokenManagerOptions {
  store: SecretStore;
  clock: Clock;
  /** Performs the refresh grant (resolves environment and secret at call time); `current` is the set being renewed. */
  refresh: (ref: SlotRef, refreshToken: string, current: TokenSet) => Promise<TokenSet>;
  classify: (error: unknown, ref: SlotRef) => TokenFailure;
  onEvent?: (event: TokenEvent) => void;
  proactive?: boolean;
  maxMarginMs?: number;
  minProactiveIntervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

interface Slot {
  ref: SlotRef;
  account: string;
  generation: number;
  tokens?: TokenSet;
  loaded: boolean;
  loading?: Promise<void>;
  refreshing?: Promise<TokenSet>;
  /** Why the last session ended (shown until the next sign-in). */
  ended?: AppError;
  clientRejected?: AppError;
  /** A permanent refusal of the refresh grant: no more attempts until sign-in or new credentials. */
  refused?: AppError;
  failures: number;
  retryAt: number;
  lastProactiveAt: number;
  timer?: ReturnType<typeof setTimeout>;
  writes: Promise<unknown>;
}

export interface TokenView {
  tokens?: TokenSet;
  ended?: AppError;
  refreshing: boolean;
  retryAt?: number;
}

export interface TokenManager {
  /** Stores the tokens of a completed sign-in (new generation; waits for the keychain write). */
  install(ref: SlotRef, tokens: TokenSet): Promise<void>;
  getAccessToken(ref: SlotRef, options?: { forceRefresh?: boolean; rejectedAccessToken?: string }): Promise<string>;
  /** Refresh now (single-flight), e.g. the "Refresh" button. */
  refreshNow(ref: SlotRef): Promise<TokenSet>;
  view(ref: SlotRef): Promise<TokenView>;
  /** Forgets the tokens (sign-out, credentials cleared); returns what was held, for revocation. */
  clear(ref: SlotRef): Promise<TokenSet | undefined>;
  /** The credentials changed: refreshing may be tried again (RF-07). */
  credentialsChanged(ref: SlotRef): void;
  /** Waits for queued keychain writes (quit, tests). */
  flush(): Promise<void>;
  /** Every token held right now, whatever its origin (for the core's redactor). */
  liveSecrets(): string[];
  dispose(): void;
}

const MAX_TIMER = 2 ** 31 - 1;

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const slots = new Map<string, Slot>();
  const proactive = options.proactive ?? true;
  const maxMarginMs = options.maxMarginMs ?? 60_000;
  const minProactiveIntervalMs = options.minProactiveIntervalMs ?? 30_000;
  const baseBackoffMs = options.baseBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const now = () => options.clock.now();
  const emit = (event: TokenEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // a listener must not break the token lifecycle
    }
  };

  const slotOf = (ref: SlotRef): Slot => {
    const key = `${ref.environmentId}\n${ref.clientId}`;
    let slot = slots.get(key);
    if (!slot) {
      slot = {
        ref: { ...ref },
        account: secretAccount(ref.environmentId, ref.clientId, 'tokens'),
        generation: 0,
        loaded: false,
        failures: 0,
        retryAt: 0,
        lastProactiveAt: Number.NEGATIVE_INFINITY,
        writes: Promise.resolve(),
      };
      slots.set(key, slot);
    }
    return slot;
  };

  const margin = (t: TokenSet) => Math.min(maxMarginMs, (t.lifetimeMs ?? 0) * 0.1);
  const isExpired = (t: TokenSet, at = now()) => t.expiresAt !== undefined && at >= t.expiresAt;
  const isDue = (t: TokenSet, at = now()) => t.expiresAt !== undefined && at >= t.expiresAt - margin(t);

  /** Queues a keychain write; it happens only if the slot is still at `generation`. */
  const persist = (slot: Slot, generation: number, tokens: TokenSet | undefined): Promise<boolean> => {
    const write = slot.writes.then(async () => {
      if (slot.generation !== generation) return false;
      if (tokens) await options.store.set(slot.account, serializeTokenSet(tokens));
      else await options.store.delete(slot.account);
      return true;
    });
    slot.writes = write.catch(() => undefined);
    return write;
  };

  const ensureLoaded = async (slot: Slot) => {
    if (slot.loaded) return;
    slot.loading ??= (async () => {
      const generation = slot.generation;
      const raw = await options.store.get(slot.account);
      if (slot.generation !== generation || slot.loaded) return;
      slot.tokens = parseStoredTokenSet(raw);
      slot.loaded = true;
      schedule(slot);
    })().finally(() => {
      slot.loading = undefined;
    });
    await slot.loading;
  };

  const stopTimer = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
  };

  const schedule = (slot: Slot) => {
    stopTimer(slot);
    const t = slot.tokens;
    if (!proactive || !t?.refreshToken || t.expiresAt === undefined || slot.clientRejected || slot.refused) return;
    const at = Math.max(t.expiresAt - margin(t), slot.lastProactiveAt + minProactiveIntervalMs, slot.retryAt);
    const generation = slot.generation;
    slot.timer = setTimeout(
      () => {
        slot.timer = undefined;
        if (slot.generation !== generation || !slot.tokens?.refreshToken) return;
        slot.lastProactiveAt = now();
        refresh(slot).catch(() => undefined);
      },
      Math.min(Math.max(0, at - now()), MAX_TIMER),
    );
    slot.timer.unref?.();
  };

  const notSignedIn = (slot: Slot): AppFailure =>
    slot.ended
      ? new AppFailure(slot.ended)
      : failure('NOT_SIGNED_IN', 'You are not signed in to this environment.', { hint: 'Sign in first.' });

  const wipe = async (slot: Slot) => {
    const generation = ++slot.generation;
    const held = slot.tokens;
    slot.tokens = undefined;
    slot.loaded = true;
    slot.failures = 0;
    slot.retryAt = 0;
    stopTimer(slot);
    await persist(slot, generation, undefined);
    return held;
  };

  const refresh = (slot: Slot): Promise<TokenSet> => {
    if (slot.refreshing) return slot.refreshing;
    const run = (async (): Promise<TokenSet> => {
      const generation = slot.generation;
      const current = slot.tokens;
      const refreshToken = current?.refreshToken;
      if (!current || !refreshToken) throw notSignedIn(slot);
      let next: TokenSet;
      try {
        next = await options.refresh(slot.ref, refreshToken, current);
      } catch (error) {
        if (slot.generation !== generation) {
          if (slot.tokens) return slot.tokens;
          throw notSignedIn(slot);
        }
        const failed: TokenFailure =
          // A catalogued failure before any request (missing secret) waits for new credentials;
          // a simulator that could not start may start on the next attempt.
          error instanceof AppFailure
            ? { kind: error.appError.code === 'SIMULATOR_UNAVAILABLE' ? 'transient' : 'refused', error: error.appError }
            : options.classify(error, slot.ref);
        if (failed.kind === 'invalid-grant') {
          await wipe(slot);
          slot.ended = failed.error;
          emit({ kind: 'session-ended', ref: slot.ref, error: failed.error });
        } else if (failed.kind === 'invalid-client') {
          slot.clientRejected = failed.error;
          stopTimer(slot);
          emit({ kind: 'refresh-failed', ref: slot.ref, error: failed.error });
        } else if (failed.kind === 'refused') {
          slot.refused = failed.error;
          stopTimer(slot);
          emit({ kind: 'refresh-failed', ref: slot.ref, error: failed.error, permanent: true });
        } else {
          slot.failures += 1;
          slot.retryAt = now() + Math.min(maxBackoffMs, baseBackoffMs * 2 ** (slot.failures - 1));
          emit({ kind: 'refresh-failed', ref: slot.ref, error: failed.error, retryAt: slot.retryAt });
          schedule(slot);
        }
        throw new AppFailure(failed.error);
      }
      if (slot.generation !== generation) {
        emit({ kind: 'discarded', ref: slot.ref, tokens: next });
        if (slot.tokens) return slot.tokens;
        throw notSignedIn(slot);
      }
      // Keychain first: a rotated refresh token nobody can find after a crash is a lost session.
      const written = await persist(slot, generation, next);
      if (!written || slot.generation !== generation) {
        emit({ kind: 'discarded', ref: slot.ref, tokens: next });
        if (slot.tokens) return slot.tokens;
        throw notSignedIn(slot);
      }
      slot.tokens = next;
      slot.failures = 0;
      slot.retryAt = 0;
      emit({ kind: 'refreshed', ref: slot.ref, tokens: next, rotated: next.rotated === true });
      schedule(slot);
      return next;
    })();
    slot.refreshing = run;
    run.then(
      () => {
        if (slot.refreshing === run) slot.refreshing = undefined;
      },
      () => {
        if (slot.refreshing === run) slot.refreshing = undefined;
      },
    );
    return run;
  };

  return {
    async install(ref, tokens) {
      const slot = slotOf(ref);
      const generation = ++slot.generation;
      slot.tokens = tokens;
      slot.loaded = true;
      slot.ended = undefined;
      slot.clientRejected = undefined;
      slot.refused = undefined;
      slot.failures = 0;
      slot.retryAt = 0;
      slot.lastProactiveAt = Number.NEGATIVE_INFINITY;
      schedule(slot);
      emit({ kind: 'installed', ref: slot.ref, tokens });
      await persist(slot, generation, tokens);
    },

    async getAccessToken(ref, request = {}) {
      const slot = slotOf(ref);
      await ensureLoaded(slot);
      const t = slot.tokens;
      if (!t) throw notSignedIn(slot);
      // The caller's 401 was for a token that has since been replaced: use the new one (API-15).
      if (request.rejectedAccessToken !== undefined && request.rejectedAccessToken !== t.accessToken && !isExpired(t)) return t.accessToken;
      const force = request.forceRefresh === true;
      if (!force && !isDue(t)) return t.accessToken;
      if (slot.refreshing) return (await slot.refreshing).accessToken;
      const stillUsable = !force && !isExpired(t);
      if (!t.refreshToken) {
        if (stillUsable) return t.accessToken;
        await wipe(slot);
        slot.ended = {
          code: 'SESSION_ENDED',
          message: 'Your session has expired and this sign-in cannot be renewed automatically (the server issued no refresh token).',
          hint: 'Sign in again; your Client ID and Secret are kept.',
        };
        emit({ kind: 'session-ended', ref: slot.ref, error: slot.ended });
        throw new AppFailure(slot.ended);
      }
      const stopped = slot.clientRejected ?? slot.refused;
      if (stopped) {
        if (stillUsable) return t.accessToken;
        throw new AppFailure(stopped);
      }
      if (now() < slot.retryAt) {
        if (stillUsable) return t.accessToken;
        throw failure('AS_UNAVAILABLE', 'The sign-in service could not renew your session just now.', {
          hint: `You stay signed in; the app tries again in ${Math.ceil((slot.retryAt - now()) / 1000)} s.`,
        });
      }
      try {
        return (await refresh(slot)).accessToken;
      } catch (error) {
        // Refreshing ahead of expiry failed for a passing reason: the current token still works.
        if (stillUsable && slot.tokens === t && error instanceof AppFailure && (slot.retryAt > now() || slot.refused !== undefined))
          return t.accessToken;
        throw error;
      }
    },

    async refreshNow(ref) {
      const slot = slotOf(ref);
      await ensureLoaded(slot);
      if (!slot.tokens) throw notSignedIn(slot);
      if (!slot.tokens.refreshToken) {
        throw failure('REFRESH_FAILED', 'This sign-in has no refresh token, so it cannot be renewed.', {
          hint: 'Sign in again when the access token expires.',
        });
      }
      const stopped = slot.clientRejected ?? slot.refused;
      if (stopped && !slot.refreshing) throw new AppFailure(stopped);
      return refresh(slot);
    },

    async view(ref) {
      const slot = slotOf(ref);
      await ensureLoaded(slot);
      return {
        ...(slot.tokens ? { tokens: slot.tokens } : {}),
        ...(slot.ended ? { ended: slot.ended } : {}),
        refreshing: slot.refreshing !== undefined,
        ...(slot.retryAt > now() ? { retryAt: slot.retryAt } : {}),
      };
    },

    async clear(ref) {
      const slot = slotOf(ref);
      await ensureLoaded(slot).catch(() => undefined);
      slot.ended = undefined;
      slot.clientRejected = undefined;
      slot.refused = undefined;
      return wipe(slot);
    },

    credentialsChanged(ref) {
      const slot = slotOf(ref);
      slot.clientRejected = undefined;
      slot.refused = undefined;
      slot.retryAt = 0;
      schedule(slot);
    },

    async flush() {
      await Promise.all([...slots.values()].map((s) => s.writes));
    },

    liveSecrets() {
      const out: string[] = [];
      for (const slot of slots.values()) {
        if (slot.tokens?.accessToken) out.push(slot.tokens.accessToken);
        if (slot.tokens?.refreshToken) out.push(slot.tokens.refreshToken);
      }
      return out;
    },

    dispose() {
      for (const slot of slots.values()) stopTimer(slot);
    },
  };
}
