/**
 * Export items of a job, one page at a time (`GET /v3/export-items?job_id=…`). Pleo's spec
 * offers cursor paging (`after` = the previous page's `endCursor`) and offset paging
 * (`offset`, not together with `after`). A cursor page can only be asked for once the page
 * before it has arrived; offset pages can download several at once. A few pages are held at
 * most (`aheadPages`), so memory stays flat for a job of any size. A page is either complete
 * or not returned at all (a connection cut mid-page is retried by the HTTP layer; nothing
 * half-read is written).
 */
import { failure } from '../../shared/result.js';
import { explainExportAnswer } from './export-errors.js';
import type { ExportHttp } from './export-http.js';

export interface ExportItemPage {
  items: Array<Record<string, unknown>>;
  /** Cursor of the page's last item: resume with `after` = this. */
  endCursor?: string;
  hasNextPage: boolean;
  total?: number;
}

/** Where a page starts: after a cursor, at an offset, or (neither) at the first item. */
export interface PagePosition {
  after?: string;
  offset?: number;
}

export type Paging = 'cursor' | 'offset';

export async function fetchItemPage(
  http: ExportHttp,
  jobId: string,
  from: PagePosition,
  limit: number,
  signal?: AbortSignal,
): Promise<ExportItemPage> {
  const query: Array<[string, string]> = [
    ['job_id', jobId],
    ['limit', String(limit)],
  ];
  if (from.after) query.push(['after', from.after]);
  else if (from.offset) query.push(['offset', String(from.offset)]);
  const answer = await http.call('GET', '/v3/export-items', { query, ...(signal ? { signal } : {}) });
  if (answer.status !== 200) throw explainExportAnswer(answer, 'Fetching export items');
  const body = answer.body as { data?: unknown; pagination?: { hasNextPage?: unknown; endCursor?: unknown; total?: unknown } };
  if (!body || !Array.isArray(body.data))
    throw failure('API_SERVER_ERROR', 'Pleo sent a page of export items the app does not understand.');
  const items = body.data as Array<Record<string, unknown>>;
  for (const item of items) {
    if (!item || typeof item.accountingEntryId !== 'string')
      throw failure('API_SERVER_ERROR', 'An export item has no accountingEntryId, so it cannot be reported back.');
  }
  const p = body.pagination ?? {};
  const hasNextPage = p.hasNextPage === true;
  const endCursor = typeof p.endCursor === 'string' ? p.endCursor : undefined;
  if (hasNextPage && !endCursor)
    throw failure('API_SERVER_ERROR', 'Pleo said there are more export items but sent no cursor to fetch them.');
  return { items, hasNextPage, ...(endCursor ? { endCursor } : {}), ...(typeof p.total === 'number' ? { total: p.total } : {}) };
}

/** Async iteration over all pages, starting after `after`. */
export async function* itemPages(
  http: ExportHttp,
  jobId: string,
  after: string | undefined,
  limit: number,
  signal?: AbortSignal,
): AsyncGenerator<ExportItemPage> {
  let cursor = after;
  for (;;) {
    const page = await fetchItemPage(http, jobId, cursor ? { after: cursor } : {}, limit, signal);
    yield page;
    if (!page.hasNextPage) return;
    cursor = page.endCursor;
  }
}

/**
 * Pages in order, downloading ahead: with cursors the next page as soon as a page arrives (its
 * `endCursor` names the next); with offsets up to `concurrency` pages at once, the offsets
 * being known in advance. Returns a function giving the next page; call it only while the
 * previous page said `hasNextPage`.
 */
export function aheadPages(
  fetchPage: (from: PagePosition) => Promise<ExportItemPage>,
  o: { paging: Paging; after?: string; offset: number; limit: number; total: number; concurrency: number },
): () => Promise<ExportItemPage> {
  const inFlight: Array<Promise<ExportItemPage>> = [];
  const launch = (from: PagePosition) => {
    const p = fetchPage(from);
    // Awaited later; until then a failure must not count as unhandled.
    p.catch(() => undefined);
    inFlight.push(p);
  };
  if (o.paging === 'cursor') {
    launch(o.after ? { after: o.after } : {});
    return async () => {
      const page = await inFlight[0]!;
      inFlight.shift();
      if (page.hasNextPage) launch({ after: page.endCursor! });
      return page;
    };
  }
  let nextOffset = o.offset;
  const fill = () => {
    while (inFlight.length < Math.max(1, o.concurrency) && nextOffset < o.total) {
      launch({ offset: nextOffset });
      nextOffset += o.limit;
    }
  };
  fill();
  return async () => {
    // More items than the job said it had: go on one page at a time.
    if (inFlight.length === 0) {
      launch({ offset: nextOffset });
      nextOffset += o.limit;
    }
    const page = await inFlight[0]!;
    inFlight.shift();
    if (page.hasNextPage && page.items.length < o.limit) {
      throw failure('API_SERVER_ERROR', 'Pleo sent a short page of export items in the middle of the job, so offsets cannot be trusted.', {
        hint: 'Resume the export: it goes on from the last reported page.',
      });
    }
    if (page.hasNextPage) fill();
    return page;
  };
}
