/**
 * Sends one explorer request for the renderer (docs/architecture.md "What never leaves the main
 * process"): resolves the path against the environment's API base and refuses anything that
 * ends up on another origin (API-12), adds the bearer token (never in the query), retries once
 * after a 401 with a refreshed token (API-01/02/15), retries a GET after a 5xx a bounded number
 * of times (API-06), and describes the answer in plain language.
 */
import { randomUUID } from 'node:crypto';
import type { ExplorerRequest } from '../../shared/catalog/request-shape.js';
import { headerProblem, joinApiUrl, pathProblem, queryProblem } from '../../shared/catalog/request-shape.js';
import type { ExplorerResponse } from '../../shared/contract/explorer-channels.js';
import { AppFailure, failure } from '../../shared/result.js';
import type { AuthFeatureApi } from '../auth/auth-api.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { explain } from './explain.js';
import { httpSend, type RawResponse } from './http-send.js';
import { bodyKindOf, decodeText, hexDump } from './decode-body.js';
import type { ExplorerLimits } from './limits.js';
import type { CatalogStore } from './catalog-store.js';
import type { ResponseStore } from './response-store.js';

export interface SenderDeps {
  auth: AuthFeatureApi;
  catalog: CatalogStore;
  responses: ResponseStore;
  limits: ExplorerLimits;
  now: () => number;
  appVersion: string;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface PreparedRequest {
  env: EnvironmentSummary;
  url: URL;
  method: ExplorerRequest['method'];
  headers: Record<string, string>;
  body?: string;
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

/** Validates a request and resolves it against the environment; throws AppFailure when refused. */
export async function prepareRequest(auth: AuthFeatureApi, req: ExplorerRequest): Promise<PreparedRequest> {
  // resolveEnvironment starts the built-in simulator when needed, so its API base is known.
  const env = await auth.resolveEnvironment(req.environmentId).catch((error: unknown) => {
    if (error instanceof AppFailure) throw error;
    throw failure('ENVIRONMENT_NOT_FOUND', 'That environment does not exist any more.');
  });
  let base: URL;
  try {
    base = new URL(env.apiBase);
  } catch {
    throw failure('ENVIRONMENT_INVALID', 'The environment has no valid API address.');
  }
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base.hostname))) {
    throw failure('INSECURE_URL', 'The API address is not https, so no token is sent to it.');
  }
  const problem = pathProblem(req.path);
  if (problem) throw failure('ORIGIN_REFUSED', `The request was not sent. ${problem}`, { hint: 'Type only the path, e.g. /v2/employees.' });
  for (const [name] of req.query) {
    const q = queryProblem(name);
    if (q) throw failure('ORIGIN_REFUSED', `The request was not sent. ${q}`);
  }
  const url = joinApiUrl(env.apiBase, req.path, req.query);
  // The decisive check: after resolution, the origin must be the environment's API origin.
  if (url.origin !== base.origin)
    throw failure('ORIGIN_REFUSED', `The request was not sent: it would go to ${url.origin}, not to ${base.origin}.`);
  const headers: Record<string, string> = { accept: 'application/json;charset=UTF-8' };
  for (const [name, value] of req.headers ?? []) {
    const h = headerProblem(name, value);
    if (h) throw failure('HEADER_REFUSED', `The request was not sent. ${h}`);
    headers[name.toLowerCase()] = value;
  }
  let body: string | undefined;
  if (req.body !== undefined && req.body.trim() !== '') {
    if (req.method === 'GET')
      throw failure('BODY_INVALID', 'A GET request cannot have a body.', { hint: 'Clear the body or choose another method.' });
    try {
      JSON.parse(req.body);
    } catch (error) {
      throw failure('BODY_INVALID', 'The body is not valid JSON, so it was not sent.', {
        hint: error instanceof Error ? error.message.slice(0, 200) : undefined,
      });
    }
    body = req.body;
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  return { env, url, method: req.method, headers, body };
}

export function createSender(deps: SenderDeps) {
  const sleep =
    deps.sleep ??
    ((ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            reject(failure('REQUEST_CANCELLED', 'The request was cancelled.'));
          },
          { once: true },
        );
      }));

  const exchange = (p: PreparedRequest, token: string, signal: AbortSignal): Promise<RawResponse> =>
    httpSend({
      url: p.url,
      method: p.method,
      headers: { ...p.headers, authorization: `Bearer ${token}`, 'user-agent': `PleoPartnerDesktop/${deps.appVersion}` },
      body: p.body,
      signal,
      maxBytes: deps.limits.maxHoldBytes,
      now: deps.now,
      fetchImpl: deps.fetchImpl,
    });

  /** Runs the request with the 401 and 5xx policies; returns the last raw answer. */
  async function run(p: PreparedRequest, signal: AbortSignal) {
    let attempts = 0;
    let refreshed = false;
    let retries = 0;
    let token = await deps.auth.getAccessToken(p.env.id);
    let raw: RawResponse;
    for (;;) {
      attempts++;
      raw = await exchange(p, token, signal);
      if (raw.status === 401 && !refreshed) {
        refreshed = true;
        // One refresh, one retry (API-01). Naming the rejected token lets the sign-in engine hand
        // back a token another call already refreshed, without a second refresh (API-15).
        token = await deps.auth.getAccessToken(p.env.id, { forceRefresh: true, rejectedAccessToken: token });
        continue;
      }
      const retryable = p.method === 'GET' && raw.status >= 500 && raw.status !== 501 && retries < deps.limits.serverErrorRetries;
      if (retryable) {
        retries++;
        // Jittered exponential backoff, so many clients do not retry in step.
        const base = deps.limits.serverErrorBackoffMs * 2 ** (retries - 1);
        await sleep(base / 2 + Math.random() * base, signal);
        continue;
      }
      return { raw, attempts, refreshed, retries };
    }
  }

  async function send(req: ExplorerRequest & { requestId?: string }, signal: AbortSignal): Promise<ExplorerResponse> {
    const p = await prepareRequest(deps.auth, req);
    const { raw, attempts, refreshed, retries } = await run(p, signal);
    return toResponse(p, req, raw, { attempts, refreshed, retries });
  }

  async function toResponse(
    p: PreparedRequest,
    req: ExplorerRequest & { requestId?: string },
    raw: RawResponse,
    meta: { attempts: number; refreshed: boolean; retries: number },
  ): Promise<ExplorerResponse> {
    const contentType = raw.headers.find(([k]) => k === 'content-type')?.[1] ?? '';
    const kind = bodyKindOf(contentType, raw.bytes);
    const tooLarge = raw.bytes.byteLength > deps.limits.maxRendererBytes;
    const shown = tooLarge ? raw.bytes.subarray(0, deps.limits.previewBytes) : raw.bytes;
    const body = kind === 'binary' ? hexDump(shown) : kind === 'empty' ? '' : decodeText(shown);
    const responseId = randomUUID();
    const ext = kind === 'json' ? 'json' : kind === 'binary' ? 'bin' : 'txt';
    deps.responses.put(responseId, {
      bytes: raw.bytes,
      contentType,
      headers: raw.headers,
      suggestedName: `${
        p.url.pathname
          .split('/')
          .filter(Boolean)
          .join('-')
          .replace(/[^A-Za-z0-9._-]/g, '_')
          .slice(0, 60) || 'response'
      }-${raw.status}.${ext}`,
    });
    let granted: string[] = [];
    const endpoint = deps.catalog.find(req.endpointId) ?? deps.catalog.match(p.method, req.path);
    if (raw.status === 403) {
      granted = await deps.auth.status(p.env.id).then(
        (s) => s.grantedScopes,
        () => [],
      );
    }
    const explanation = explain({
      status: raw.status,
      headers: raw.headers,
      bodyText: raw.status >= 400 && raw.bytes.byteLength < 64 * 1024 ? decodeText(raw.bytes) : undefined,
      apiOrigin: p.url.origin,
      now: deps.now(),
      refreshed: meta.refreshed,
      retries: meta.retries,
      method: p.method,
      requiredScopes: endpoint?.scopes ?? [],
      grantedScopes: granted,
    });
    return {
      responseId,
      requestId: req.requestId ?? responseId,
      environmentId: p.env.id,
      method: p.method,
      url: p.url.toString(),
      status: raw.status,
      statusText: raw.statusText,
      ok: raw.status >= 200 && raw.status < 300,
      durationMs: Math.round(raw.durationMs),
      sizeBytes: raw.bytes.byteLength,
      // Cookies from the API are never shown or kept: they could be session secrets.
      headers: raw.headers.filter(([k]) => k !== 'set-cookie'),
      contentType,
      bodyKind: kind,
      bodyState: raw.truncated ? 'truncated' : tooLarge ? 'too-large' : 'complete',
      body,
      ...(explanation ? { explanation } : {}),
      attempts: meta.attempts,
      ...(meta.refreshed ? { refreshed: true } : {}),
    };
  }

  return { send, run, toResponse, prepare: (req: ExplorerRequest) => prepareRequest(deps.auth, req) };
}
export type Sender = ReturnType<typeof createSender>;
