/**
 * Channels of the API explorer (issue 6). The renderer describes a request relative to the
 * environment's API base; main resolves it, refuses other origins, adds the bearer token, reads
 * the answer with a size cap and returns the body as text (never as a parsed object: parsing
 * happens in a Web Worker in the renderer). Tokens never cross this boundary, except through
 * the explicit "copy access token" action, which goes to the clipboard from main.
 */
import { z } from 'zod';
import { event, request } from './define.js';
import { environmentId as envId, environmentRequest, withEnvironment } from './environment-id.js';
import type { AppError } from '../result.js';
import type { Catalog, EndpointDef, HttpMethod } from '../catalog/types.js';
import type { ExplorerRequest } from '../catalog/request-shape.js';
import { MAX_OPENAPI_CHARS, MAX_REQUEST_BODY_CHARS } from '../catalog/limits.js';

const requestId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const responseId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const pair = z.tuple([z.string().max(200), z.string().max(4096)]);

export const explorerRequestSchema = z.strictObject({
  requestId: requestId.optional(),
  environmentId: envId.optional(),
  endpointId: z.string().max(200).optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().min(1).max(2048),
  query: z.array(pair).max(100).default([]),
  headers: z.array(pair).max(30).optional(),
  body: z.string().max(MAX_REQUEST_BODY_CHARS).optional(),
});

/** Why an answer was not a plain success, in the user's terms. */
export interface Explanation {
  code: AppError['code'];
  title: string;
  message: string;
  hint?: string;
  /** Pleo's own { type, message } error body, when it sent one (truncated, escaped by React). */
  pleoError?: { type: string; message?: string };
  /** 403: scopes the call needs (any one), granted scopes, and whether one is missing. */
  scopes?: { required: string[]; granted: string[]; missing: string[]; fromHeader: boolean };
  /** 429: seconds to wait (clamped), and when the wait ends (epoch ms). */
  retryAfterSeconds?: number;
  retryAt?: number;
  /** 401: the session was refreshed once and the call retried. */
  refreshed?: boolean;
  /** 3xx: where the server wanted to send us (shown as text, never followed). */
  redirectTo?: string;
  /** 5xx on GET: how many automatic retries were made. */
  retries?: number;
}

export type BodyState = 'complete' | 'truncated' | 'too-large';
export type BodyKind = 'json' | 'text' | 'binary' | 'empty';

export interface ExplorerResponse {
  /** Handle for copy/save of the body kept in main. */
  responseId: string;
  requestId: string;
  environmentId: string;
  method: HttpMethod;
  /** Full URL that was called (API base + path + query). */
  url: string;
  status: number;
  statusText: string;
  ok: boolean;
  durationMs: number;
  /** Decoded size in bytes of the body main received (up to the cap). */
  sizeBytes: number;
  headers: Array<[string, string]>;
  contentType: string;
  bodyKind: BodyKind;
  /**
   * 'complete': body holds the whole answer. 'too-large': the answer is bigger than the renderer
   * may show; body holds a preview and the whole answer can be saved to a file. 'truncated':
   * reading stopped at the memory cap.
   */
  bodyState: BodyState;
  /** The body as text (a hex dump for binary content); a preview when not complete. */
  body: string;
  explanation?: Explanation;
  /** Set for "fetch all": pages fetched, items gathered, and whether it ran to the end. */
  fetchAll?: { pages: number; items: number; total?: number; complete: boolean; cancelled: boolean };
  attempts: number;
  /** A 401 made the app refresh the session once and repeat the call. */
  refreshed?: boolean;
}

export interface HistoryEntry {
  id: string;
  at: number;
  environmentId: string;
  request: ExplorerRequest;
  status?: number;
  durationMs?: number;
  sizeBytes?: number;
  errorCode?: string;
  /** Small bodies only; large ones are never stored. */
  responseBody?: string;
  responseBodyOmitted?: boolean;
}

export interface FetchAllProgress {
  requestId: string;
  pages: number;
  items: number;
  total?: number;
  done: boolean;
}

export interface ImportResult {
  sourceId: string;
  title: string;
  added: number;
  skipped: number;
  warnings: string[];
  endpoints: EndpointDef[];
}

export const explorerChannels = {
  'explorer.catalog': request<Catalog>()(
    z.strictObject({}),
    'The endpoint catalog: built-in Pleo endpoints plus imported ones, grouped by task.',
  ),
  'explorer.send': request<ExplorerResponse>()(
    explorerRequestSchema,
    'Send a request to the active environment\u2019s API (main adds the token, refuses other origins, caps the size).',
  ),
  'explorer.fetchAll': request<ExplorerResponse>()(
    explorerRequestSchema.extend({
      method: z.literal('GET').or(z.literal('POST')),
      maxPages: z.number().int().min(1).max(1000).optional(),
    }),
    'Follow the cursor envelope page by page and gather every item (progress as events; cancellable).',
  ),
  'explorer.cancel': request<{ cancelled: boolean }>()(
    z.strictObject({ requestId }),
    'Abort a request or a fetch-all that is still running.',
  ),
  'explorer.copyCurl': request<{ copied: true; curl: string }>()(
    explorerRequestSchema,
    'Copy the request as cURL with a $PLEO_ACCESS_TOKEN placeholder (never the token).',
  ),
  'explorer.copyAccessToken': request<{ copied: true; expiresAt?: number }>()(
    // `confirm` is accepted for older renderers and ignored: main asks the user itself.
    withEnvironment({ confirm: z.literal(true).optional() }),
    'Put the current access token on the clipboard after the user confirms in a dialog shown by main; cleared after a minute if still there. Refused in presenter mode.',
  ),
  'explorer.copyResponse': request<{ copied: true; bytes: number }>()(
    z.strictObject({ responseId, part: z.enum(['body', 'headers']).default('body') }),
    'Copy the body (or headers) of a response kept in main to the clipboard.',
  ),
  'explorer.saveResponse': request<{ saved: boolean; path?: string }>()(
    z.strictObject({ responseId }),
    'Save the whole body of a response to a file the user picks.',
  ),
  'explorer.history': environmentRequest<{ entries: HistoryEntry[] }>('Request history of an environment, newest first.'),
  'explorer.clearHistory': environmentRequest<{ cleared: true }>('Forget the history of an environment.'),
  'explorer.importOpenApi': request<ImportResult>()(
    z.strictObject({ fileName: z.string().min(1).max(200), content: z.string().min(1).max(MAX_OPENAPI_CHARS) }),
    'Add the endpoints of an OpenAPI 3 file (JSON or YAML text) to the catalog.',
  ),
  'explorer.removeImport': request<{ removed: boolean }>()(
    z.strictObject({
      sourceId: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
    'Remove the endpoints of an imported OpenAPI file.',
  ),
} as const;

export const explorerEvents = {
  'explorer.fetchAllProgress': event<FetchAllProgress>('Progress of a running fetch-all: pages and items so far.'),
} as const;
