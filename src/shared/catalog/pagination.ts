/**
 * Pleo's cursor envelope, as its External API OpenAPI files define it: { data: [...], pagination: { hasNextPage,
 * hasPreviousPage, startCursor, endCursor, total, currentRequestPagination } }.
 */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string;
  endCursor?: string;
  total?: number;
  /** Items on this page. */
  count: number;
}

/** Reads the envelope from an already parsed body; undefined when it is not one. */
export function readPageInfo(body: unknown): PageInfo | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { data, pagination } = body as { data?: unknown; pagination?: unknown };
  if (!Array.isArray(data) || !pagination || typeof pagination !== 'object') return undefined;
  const p = pagination as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length < 2048 ? v : undefined);
  return {
    hasNextPage: p.hasNextPage === true,
    hasPreviousPage: p.hasPreviousPage === true,
    startCursor: str(p.startCursor),
    endCursor: str(p.endCursor),
    total: typeof p.total === 'number' && Number.isFinite(p.total) ? p.total : undefined,
    count: data.length,
  };
}

const CURSOR_PARAMS = new Set(['after', 'before', 'offset']);

/** The query for the next or previous page: same filters, the cursor replaced. */
export function pageQuery(
  query: Array<[string, string]>,
  direction: 'next' | 'previous',
  info: PageInfo,
): Array<[string, string]> | undefined {
  const cursor = direction === 'next' ? info.endCursor : info.startCursor;
  const allowed = direction === 'next' ? info.hasNextPage : info.hasPreviousPage;
  if (!cursor || !allowed) return undefined;
  return [...query.filter(([k]) => !CURSOR_PARAMS.has(k)), [direction === 'next' ? 'after' : 'before', cursor]];
}
