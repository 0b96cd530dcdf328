/**
 * "Fetch all": follows Pleo's cursor envelope (endCursor while hasNextPage) and gathers the
 * items of every page into one answer, with progress events, a page cap, a size cap and
 * cancellation. Pages are requested one after another: Pleo's cursors cannot be parallelised,
 * and the pace stays polite. A failing page (429, 5xx, ...) stops the run and is explained;
 * what was gathered so far is kept and labelled incomplete.
 */
import { randomUUID } from 'node:crypto';
import type { ExplorerRequest } from '../../shared/catalog/request-shape.js';
import { pageQuery, readPageInfo } from '../../shared/catalog/pagination.js';
import type { ExplorerResponse, FetchAllProgress } from '../../shared/contract/explorer-channels.js';
import { failure } from '../../shared/result.js';
import type { Sender } from './send-request.js';
import { decodeText } from './decode-body.js';
import type { ExplorerLimits } from './limits.js';
import type { ResponseStore } from './response-store.js';

export interface FetchAllDeps {
  sender: Sender;
  limits: ExplorerLimits;
  responses: ResponseStore;
  onProgress: (p: FetchAllProgress) => void;
}

export async function fetchAll(
  deps: FetchAllDeps,
  req: ExplorerRequest & { requestId: string; maxPages?: number },
  signal: AbortSignal,
): Promise<ExplorerResponse> {
  const maxPages = Math.min(req.maxPages ?? deps.limits.fetchAllMaxPages, deps.limits.fetchAllMaxPages);
  const items: string[] = [];
  let bytes = 0;
  let pages = 0;
  let total: number | undefined;
  let query = req.query;
  let last: ExplorerResponse | undefined;
  let complete = false;
  let cancelled = false;
  let durationMs = 0;
  let attempts = 0;
  for (;;) {
    if (signal.aborted) {
      cancelled = true;
      break;
    }
    const p = await deps.sender.prepare({ ...req, query });
    let run;
    try {
      run = await deps.sender.run(p, signal);
    } catch (error) {
      // A cancel in the middle keeps what was gathered; any other failure on the first page is the answer.
      const code = (error as { appError?: { code?: string } }).appError?.code;
      if (code === 'REQUEST_CANCELLED' && pages > 0) {
        cancelled = true;
        break;
      }
      throw error;
    }
    attempts += run.attempts;
    durationMs += run.raw.durationMs;
    const page = await deps.sender.toResponse(p, { ...req, query }, run.raw, run);
    last = page;
    if (!page.ok) break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeText(run.raw.bytes));
    } catch {
      if (pages === 0) return page;
      break;
    }
    const info = readPageInfo(parsed);
    if (!info) {
      if (pages === 0) return page; // Not a paginated answer: show it as is.
      break;
    }
    pages++;
    total = info.total ?? total;
    for (const item of (parsed as { data: unknown[] }).data) {
      const text = JSON.stringify(item);
      bytes += text.length + 1;
      items.push(text);
    }
    deps.onProgress({ requestId: req.requestId, pages, items: items.length, ...(total !== undefined ? { total } : {}), done: false });
    const next = pageQuery(query, 'next', info);
    if (!next) {
      complete = true;
      break;
    }
    if (pages >= maxPages || bytes >= deps.limits.maxRendererBytes) break;
    query = next;
  }
  if (!last) throw failure('REQUEST_CANCELLED', 'The request was cancelled before the first page arrived.');
  deps.onProgress({ requestId: req.requestId, pages, items: items.length, ...(total !== undefined ? { total } : {}), done: true });
  if (pages === 0) return { ...last, fetchAll: { pages, items: 0, complete: false, cancelled } };
  // Built from already serialised items: one string, never a parsed tree across IPC.
  const body = `{"data":[${items.join(',')}],"fetchAll":${JSON.stringify({ pages, items: items.length, total, complete, cancelled })}}`;
  const responseId = randomUUID();
  const encoded = new TextEncoder().encode(body);
  deps.responses.put(responseId, {
    bytes: encoded,
    contentType: 'application/json',
    headers: last.headers,
    suggestedName: `all-pages-${items.length}-items.json`,
  });
  return {
    ...last,
    responseId,
    requestId: req.requestId,
    durationMs: Math.round(durationMs),
    sizeBytes: encoded.byteLength,
    contentType: 'application/json',
    bodyKind: 'json',
    bodyState: 'complete',
    body,
    attempts,
    fetchAll: { pages, items: items.length, ...(total !== undefined ? { total } : {}), complete, cancelled },
  };
}
