/**
 * Authenticated Export API calls. Built on the explorer's pieces, not a new HTTP client:
 * `prepareRequest` (API base resolution, origin check, headers) and `httpSend` (no redirects,
 * byte cap, transport errors as catalogued failures), with the sign-in engine's token manager
 * for the bearer token.
 *
 * Policies an export needs on top of a single explorer call:
 * - 401: one forced refresh naming the rejected token, then one retry (a token that expires
 *   mid-export is refreshed and the export goes on);
 * - 429: wait (Retry-After when given, else exponential back-off with jitter) and retry, up to
 *   `rateLimitRetries` times; the wait is reported so the UI can say why it paused;
 * - network failure, a connection cut mid-body, or a 5xx: retried for idempotent requests
 *   (GET and PUT item statuses); a POST event is not retried blindly (the caller re-reads the
 *   job instead, because the first attempt may have reached Pleo).
 */
import { AppFailure, failure } from '../../shared/result.js';
import type { AuthFeatureApi } from '../auth/auth-api.js';
import { prepareRequest } from '../explorer/send-request.js';
import { httpSend } from '../explorer/http-send.js';

export interface ExportHttpOptions {
  auth: AuthFeatureApi;
  environmentId: string;
  appVersion: string;
  now: () => number;
  /** Waits ms or rejects when the signal aborts. Tests pass a fake clock's sleep. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  fetchImpl?: typeof fetch;
  rateLimitRetries?: number;
  transientRetries?: number;
  /** Called before each back-off wait (429 or transient failure). */
  onBackoff?: (info: { ms: number; reason: 'rate-limited' | 'transient'; attempt: number }) => void;
  /** Largest body read (an export page of 1,000 items is a few MB). */
  maxBytes?: number;
  random?: () => number;
}

export interface PleoErrorBody {
  type?: string;
  message?: string;
}

export interface ExportAnswer {
  status: number;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  pleoError?: PleoErrorBody;
}

export interface ExportHttp {
  call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options?: { query?: Array<[string, string]>; body?: unknown; signal?: AbortSignal },
  ): Promise<ExportAnswer>;
  stats: { retries: number; refreshes: number; rateLimited: number };
}

const MAX_RETRY_AFTER_MS = 60_000;

export function createExportHttp(options: ExportHttpOptions): ExportHttp {
  const rateLimitRetries = options.rateLimitRetries ?? 8;
  const transientRetries = options.transientRetries ?? 4;
  const random = options.random ?? Math.random;
  const stats = { retries: 0, refreshes: 0, rateLimited: 0 };
  const decoder = new TextDecoder();

  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    o: { query?: Array<[string, string]>; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<ExportAnswer> {
    const signal = o.signal ?? new AbortController().signal;
    const prepared = await prepareRequest(options.auth, {
      environmentId: options.environmentId,
      method,
      path,
      query: o.query ?? [],
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const idempotent = method !== 'POST';
    let token = await options.auth.getAccessToken(options.environmentId);
    let refreshed = false;
    let limited = 0;
    let transient = 0;
    for (;;) {
      if (signal.aborted) throw failure('REQUEST_CANCELLED', 'The export was stopped.');
      let raw;
      try {
        raw = await httpSend({
          url: prepared.url,
          method,
          headers: { ...prepared.headers, authorization: `Bearer ${token}`, 'user-agent': `PleoPartnerDesktop/${options.appVersion}` },
          body: prepared.body,
          signal,
          maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
          now: options.now,
          fetchImpl: options.fetchImpl,
        });
      } catch (error) {
        const code = error instanceof AppFailure ? error.appError.code : 'NETWORK_ERROR';
        const retryable = idempotent && (code === 'NETWORK_ERROR' || code === 'CONNECTION_INTERRUPTED' || code === 'REQUEST_TIMEOUT');
        if (retryable && transient < transientRetries && !signal.aborted) {
          transient++;
          stats.retries++;
          await backoff(transient, undefined, 'transient', signal);
          continue;
        }
        throw error;
      }
      if (raw.truncated)
        throw failure('RESPONSE_TOO_LARGE', 'An export page was larger than the app reads at once.', { hint: 'Use a smaller page size.' });
      if (raw.status === 401 && !refreshed) {
        refreshed = true;
        stats.refreshes++;
        token = await options.auth.getAccessToken(options.environmentId, { forceRefresh: true, rejectedAccessToken: token });
        continue;
      }
      if (raw.status === 429 && limited < rateLimitRetries) {
        limited++;
        stats.rateLimited++;
        stats.retries++;
        const header = raw.headers.find(([k]) => k === 'retry-after')?.[1];
        await backoff(limited, header, 'rate-limited', signal);
        continue;
      }
      if (raw.status >= 500 && raw.status !== 501 && idempotent && transient < transientRetries) {
        transient++;
        stats.retries++;
        await backoff(transient, undefined, 'transient', signal);
        continue;
      }
      const text = raw.bytes.byteLength ? decoder.decode(raw.bytes) : '';
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          if (raw.status < 400)
            throw failure('API_SERVER_ERROR', 'Pleo sent an answer that is not JSON.', {
              hint: 'Try again; if it keeps happening, check the environment address.',
            });
        }
      }
      const pleoError =
        raw.status >= 400 && body && typeof body === 'object' && typeof (body as PleoErrorBody).type === 'string'
          ? (body as PleoErrorBody)
          : undefined;
      return { status: raw.status, body, ...(pleoError ? { pleoError } : {}) };
    }
  }

  async function backoff(
    attempt: number,
    retryAfter: string | undefined,
    reason: 'rate-limited' | 'transient',
    signal: AbortSignal,
  ): Promise<void> {
    let ms: number | undefined;
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds) && seconds >= 0) ms = seconds * 1000;
      else {
        const date = Date.parse(retryAfter);
        if (Number.isFinite(date)) ms = Math.max(0, date - options.now());
      }
    }
    if (ms === undefined) {
      // Exponential with full jitter, so several clients do not retry in step.
      const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
      ms = base / 2 + random() * (base / 2);
    }
    ms = Math.min(ms, MAX_RETRY_AFTER_MS);
    options.onBackoff?.({ ms, reason, attempt });
    await options.sleep(ms, signal);
  }

  return { call, stats };
}

/** The usual sleep: a timer that an abort cancels. */
export function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(failure('REQUEST_CANCELLED', 'The export was stopped.'));
      return;
    }
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(failure('REQUEST_CANCELLED', 'The export was stopped.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
