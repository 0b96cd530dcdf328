/**
 * Export items of a job, one page at a time (`GET /v3/export-items?job_id=…`, cursor paging).
 * Only one page is held at once: the caller writes and reports it before asking for the next,
 * so memory stays flat for a job of any size. A page is either complete or not returned at
 * all (a connection cut mid-page is retried by the HTTP layer; nothing half-read is written).
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

export async function fetchItemPage(
  http: ExportHttp,
  jobId: string,
  after: string | undefined,
  limit: number,
  signal?: AbortSignal,
): Promise<ExportItemPage> {
  const query: Array<[string, string]> = [
    ['job_id', jobId],
    ['limit', String(limit)],
  ];
  if (after) query.push(['after', after]);
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
    const page = await fetchItemPage(http, jobId, cursor, limit, signal);
    yield page;
    if (!page.hasNextPage) return;
    cursor = page.endCursor;
  }
}
