/**
 * The API explorer feature (issue 6): catalog, sending requests for the renderer, fetch-all,
 * history, cURL and clipboard/file actions. The token stays in main; the renderer only ever
 * sees response bodies as text, statuses, headers and explanations.
 */
import { randomUUID } from 'node:crypto';
import type { CoreServices } from '../core-services.js';
import type { Feature } from '../feature/feature.js';
import type { AuthFeatureApi } from '../auth/auth-api.js';
import type { ExplorerRequest } from '../../shared/catalog/request-shape.js';
import type { Catalog } from '../../shared/catalog/types.js';
import type { ExplorerResponse, HistoryEntry } from '../../shared/contract/explorer-channels.js';
import { toCurl } from '../../shared/catalog/curl.js';
import { AppFailure, failure } from '../../shared/result.js';
import { DEFAULT_LIMITS, type ExplorerLimits } from './limits.js';
import { createCatalogStore } from './catalog-store.js';
import { createHistoryStore } from './history-store.js';
import { createResponseStore } from './response-store.js';
import { createSender } from './send-request.js';
import { fetchAll } from './fetch-all.js';
import { COPY_TOKEN_QUESTION, createClipboardGuard, TOKEN_CLIPBOARD_MS } from './clipboard-guard.js';
import { presentFields } from '../../shared/present-fields.js';

/** A finished call, for observers such as the onboarding checklist ("first API call"). */
export interface ExplorerCallRecord {
  environmentId: string;
  method: string;
  path: string;
  endpointId?: string;
  status?: number;
  ok: boolean;
  errorCode?: string;
  at: number;
}

export interface ExplorerFeatureApi {
  /**
   * Sends a request relative to the environment's API base, with the same checks and policies
   * as the explorer screen. Throws AppFailure when the request is refused or no answer came.
   */
  send(
    request: ExplorerRequest & { requestId?: string },
    options?: { recordHistory?: boolean; signal?: AbortSignal },
  ): Promise<ExplorerResponse>;
  catalog(): Catalog;
  history(environmentId?: string): HistoryEntry[];
  /** Called after every call made through the explorer (success or not). */
  onCall(listener: (record: ExplorerCallRecord) => void): () => void;
}

export interface ExplorerOptions {
  limits?: Partial<ExplorerLimits>;
  /** Test seam: the fetch used for API calls. */
  fetchImpl?: typeof fetch;
}

export function createExplorerFeature(
  services: CoreServices,
  deps: { auth: AuthFeatureApi } & ExplorerOptions,
): Feature<ExplorerFeatureApi> {
  const { auth } = deps;
  const limits: ExplorerLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const now = () => services.clock.now();
  const catalog = createCatalogStore(services.settings, now);
  const history = createHistoryStore(services.settings, limits, (text) => services.redactor.text(text));
  const responses = createResponseStore(limits.responseCacheBytes);
  const sender = createSender({
    auth,
    catalog,
    responses,
    limits,
    now,
    appVersion: services.options.appVersion,
    fetchImpl: deps.fetchImpl ?? (services.network.fetch as typeof fetch),
  });
  const inflight = new Map<string, AbortController>();
  const clipboardGuard = createClipboardGuard(services.ports.clipboard, TOKEN_CLIPBOARD_MS);
  const listeners = new Set<(r: ExplorerCallRecord) => void>();

  const envIdOf = (environmentId?: string) => environmentId ?? auth.activeEnvironment().id;

  /** Runs `work` with a cancellable, time-limited signal registered under requestId. */
  async function tracked<T>(requestId: string, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    inflight.get(requestId)?.abort();
    const controller = new AbortController();
    inflight.set(requestId, controller);
    const signals = [controller.signal, AbortSignal.timeout(limits.requestTimeoutMs)];
    if (outer) signals.push(outer);
    try {
      return await work(AbortSignal.any(signals));
    } finally {
      if (inflight.get(requestId) === controller) inflight.delete(requestId);
    }
  }

  function record(
    req: ExplorerRequest,
    environmentId: string,
    outcome: { response?: ExplorerResponse; error?: AppFailure },
    store: boolean,
  ): void {
    const at = now();
    const r = outcome.response;
    const entry: HistoryEntry = {
      id: randomUUID(),
      at,
      environmentId,
      request: {
        method: req.method,
        path: req.path,
        query: req.query,
        ...presentFields({ headers: req.headers, body: req.body, endpointId: req.endpointId }),
      },
      ...(r ? { status: r.status, durationMs: r.durationMs, sizeBytes: r.sizeBytes } : {}),
      ...(outcome.error ? { errorCode: outcome.error.appError.code } : {}),
      // Only small, complete, textual bodies are stored; large ones never are.
      ...(r && r.bodyState === 'complete' && r.bodyKind !== 'binary' ? { responseBody: r.body } : {}),
    };
    if (store) {
      try {
        history.add(entry);
      } catch (error) {
        services.logger.warn('explorer: history not saved', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
    const call: ExplorerCallRecord = {
      environmentId,
      method: req.method,
      path: req.path,
      ok: r?.ok ?? false,
      at,
      ...(req.endpointId ? { endpointId: req.endpointId } : {}),
      ...(r ? { status: r.status } : {}),
      ...(outcome.error ? { errorCode: outcome.error.appError.code } : {}),
    };
    for (const l of [...listeners]) {
      try {
        l(call);
      } catch {
        // An observer must not break the call.
      }
    }
  }

  async function send(
    req: ExplorerRequest & { requestId?: string },
    options: { recordHistory?: boolean; signal?: AbortSignal } = {},
  ): Promise<ExplorerResponse> {
    const requestId = req.requestId ?? randomUUID();
    const environmentId = envIdOf(req.environmentId);
    try {
      const response = await tracked(requestId, options.signal, (signal) => sender.send({ ...req, requestId, environmentId }, signal));
      record(req, environmentId, { response }, options.recordHistory ?? true);
      services.logger.info('explorer: call', {
        method: req.method,
        path: req.path.slice(0, 200),
        status: response.status,
        ms: response.durationMs,
      });
      return response;
    } catch (error) {
      if (error instanceof AppFailure) record(req, environmentId, { error }, options.recordHistory ?? true);
      throw error;
    }
  }

  const api: ExplorerFeatureApi = {
    send,
    catalog: () => catalog.catalog(),
    history: (environmentId) => history.list(envIdOf(environmentId)),
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api,
    handlers: {
      'explorer.catalog': () => catalog.catalog(),
      'explorer.send': (req) => send(req),
      'explorer.fetchAll': async (req) => {
        const requestId = req.requestId ?? randomUUID();
        const environmentId = envIdOf(req.environmentId);
        const response = await tracked(requestId, undefined, (signal) =>
          fetchAll(
            { sender, limits, responses, onProgress: (p) => services.events.emit('explorer.fetchAllProgress', p) },
            { ...req, requestId, environmentId },
            signal,
          ),
        );
        record(req, environmentId, { response }, true);
        return response;
      },
      'explorer.cancel': ({ requestId }) => {
        const c = inflight.get(requestId);
        c?.abort();
        return { cancelled: !!c };
      },
      'explorer.copyCurl': async (req) => {
        const prepared = await sender.prepare(req);
        const curl = toCurl(prepared.env.apiBase, req);
        await services.ports.clipboard.writeText(curl).catch(() => {
          throw failure('CLIPBOARD_FAILED', 'The command could not be copied to the clipboard.');
        });
        return { copied: true as const, curl };
      },
      'explorer.copyAccessToken': async ({ environmentId }) => {
        // Defence in depth: the button is hidden in presenter mode, and main refuses as well.
        if (services.preferences.get().presenterMode) {
          throw failure('HIDDEN_IN_PRESENTER_MODE', 'Copying the access token is switched off in presenter mode.', {
            hint: 'Turn presenter mode off first.',
          });
        }
        const env = envIdOf(environmentId);
        const token = await auth.getAccessToken(env);
        // Confirmed in main, never by a flag in the renderer's request (issue 11 point 6).
        const confirmed = await (services.ports.confirm?.confirm(COPY_TOKEN_QUESTION).catch(() => false) ?? Promise.resolve(false));
        if (confirmed !== true)
          throw failure('NOT_CONFIRMED', 'The access token was not copied.', { hint: 'Confirm in the dialog to copy it.' });
        await services.ports.clipboard.writeText(token).catch(() => {
          throw failure('CLIPBOARD_FAILED', 'The token could not be copied to the clipboard.');
        });
        clipboardGuard.copied(token);
        services.logger.warn('explorer: access token copied to the clipboard at the user\u2019s request', { environmentId: env });
        const status = await auth.status(env).catch(() => undefined);
        return { copied: true as const, ...(status?.accessTokenExpiresAt ? { expiresAt: status.accessTokenExpiresAt } : {}) };
      },
      'explorer.copyResponse': async ({ responseId, part }) => {
        const stored = responses.get(responseId);
        if (!stored) throw failure('RESPONSE_EXPIRED', 'That response is no longer kept in memory.', { hint: 'Send the request again.' });
        const raw =
          part === 'headers'
            ? stored.headers
                .filter(([k]) => k !== 'set-cookie')
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')
            : new TextDecoder().decode(stored.bytes);
        // An API answer that echoes the bearer token must not carry it to the clipboard either.
        const text = services.redactor.scrub(raw);
        await services.ports.clipboard.writeText(text).catch(() => {
          throw failure('CLIPBOARD_FAILED', 'The response could not be copied to the clipboard.');
        });
        return { copied: true as const, bytes: Buffer.byteLength(text, 'utf8') };
      },
      'explorer.saveResponse': async ({ responseId }) => {
        const stored = responses.get(responseId);
        if (!stored) throw failure('RESPONSE_EXPIRED', 'That response is no longer kept in memory.', { hint: 'Send the request again.' });
        // Text answers are saved with every live secret masked (nothing secret in plain files).
        const text = stored.contentType.includes('octet-stream')
          ? undefined
          : new TextDecoder('utf-8', { fatal: false }).decode(stored.bytes);
        const content = text !== undefined && services.redactor.contains(text) ? services.redactor.scrub(text) : stored.bytes;
        const result = await services.ports.fileSaver.save({
          suggestedName: stored.suggestedName,
          content,
          filters: stored.suggestedName.endsWith('.json') ? [{ name: 'JSON', extensions: ['json'] }] : undefined,
        });
        return result.saved ? { saved: true, ...(result.path ? { path: result.path } : {}) } : { saved: false };
      },
      'explorer.history': ({ environmentId }) => ({ entries: history.list(envIdOf(environmentId)) }),
      'explorer.clearHistory': ({ environmentId }) => {
        history.clear(envIdOf(environmentId));
        return { cleared: true as const };
      },
      'explorer.importOpenApi': ({ fileName, content }) => catalog.importText(fileName, content),
      'explorer.removeImport': ({ sourceId }) => ({ removed: catalog.remove(sourceId) }),
    },
    async dispose() {
      await clipboardGuard.dispose();
      for (const c of inflight.values()) c.abort();
      inflight.clear();
      responses.clear();
    },
  };
}
