import { ApiError } from './respond.js';
import { base32Decode, base32Encode } from './base32.js';

/**
 * Pleo's cursor pagination: query `before` / `after` (opaque cursors, mutually exclusive with
 * each other and with `offset`), `limit`, `sorting_keys` and `sorting_order`; response envelope
 * `{ data, pagination: { currentRequestPagination, hasNextPage, hasPreviousPage, startCursor,
 * endCursor, total } }`.
 *
 * Pleo documents neither the default nor the maximum `limit`; the simulator uses 100 and 1000.
 * Cursors are base32 positions in the (filtered, sorted) result, so they match Pleo's pattern
 * `^[A-Z2-7=~]+$`; they are stable as long as the underlying list does not change.
 */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export const PAGE_ORDERS = ['ASC', 'ASC_NULLS_FIRST', 'ASC_NULLS_LAST', 'DESC', 'DESC_NULLS_FIRST', 'DESC_NULLS_LAST'] as const;
export type PageOrder = (typeof PAGE_ORDERS)[number];

const CURSOR_PATTERN = /^[A-Z2-7=~]+$/;
const PAGINATION_PARAMS = new Set(['before', 'after', 'offset', 'limit', 'sorting_keys', 'sorting_order']);

export interface PageRequest {
  before?: string;
  after?: string;
  offset?: number;
  limit: number;
  sortingKeys: string[];
  sortingOrder: PageOrder[];
  /** The request's other query parameters, echoed in `currentRequestPagination.parameters`. */
  parameters: Record<string, string[]>;
}

export interface CursorPageInfo {
  currentRequestPagination: {
    parameters: Record<string, string[]>;
    after?: string;
    before?: string;
    limit: number;
    offset?: number;
    sortingKeys: string[];
    sortingOrder: PageOrder[];
  };
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string;
  endCursor?: string;
  total: number;
}

export interface CursorPage<T> {
  data: T[];
  pagination: CursorPageInfo;
}

function invalid(message: string): ApiError {
  return new ApiError(400, 'PARAMETER_VALIDATION_FAILED', message);
}

function parseInteger(name: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw)) throw invalid(`${name} must be a non-negative integer`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw invalid(`${name} must be at least ${min}`);
  return value;
}

export function parsePageRequest(query: URLSearchParams, sortableKeys: readonly string[]): PageRequest {
  const single = (name: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length > 1) throw invalid(`${name} may be given only once`);
    return values[0];
  };
  const before = single('before');
  const after = single('after');
  const offsetRaw = single('offset');
  const limitRaw = single('limit');
  const given = [before, after, offsetRaw].filter((v) => v !== undefined).length;
  if (given > 1) throw invalid('before, after and offset cannot be used together');
  for (const [name, cursor] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (cursor !== undefined && (!CURSOR_PATTERN.test(cursor) || decodePosition(cursor) === undefined)) {
      throw invalid(`${name} is not a valid cursor`);
    }
  }
  const offset = offsetRaw === undefined ? undefined : parseInteger('offset', offsetRaw, 0);
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Math.min(parseInteger('limit', limitRaw, 0), MAX_LIMIT);

  // Arrays arrive as repeated parameters (OpenAPI form/explode); comma lists are accepted too.
  const list = (name: string): string[] =>
    query
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const sortingKeys = list('sorting_keys');
  const orders = list('sorting_order');
  if (orders.length > 0 && orders.length !== sortingKeys.length) {
    throw invalid('sorting_order must have one entry per sorting_keys entry');
  }
  for (const key of sortingKeys) {
    if (!sortableKeys.includes(key)) {
      throw invalid(`cannot sort by ${key}; sortable keys: ${sortableKeys.join(', ') || 'none'}`);
    }
  }
  const sortingOrder = orders.map((order) => {
    if (!(PAGE_ORDERS as readonly string[]).includes(order)) throw invalid(`unknown sorting_order ${order}`);
    return order as PageOrder;
  });

  const parameters: Record<string, string[]> = {};
  for (const [name, value] of query) {
    if (PAGINATION_PARAMS.has(name)) continue;
    (parameters[name] ??= []).push(value);
  }
  const request: PageRequest = { limit, sortingKeys, sortingOrder, parameters };
  if (before !== undefined) request.before = before;
  if (after !== undefined) request.after = after;
  if (offset !== undefined) request.offset = offset;
  return request;
}

export function encodePosition(position: number): string {
  return base32Encode(`p:${position}`);
}

function decodePosition(cursor: string): number | undefined {
  const text = base32Decode(cursor);
  const match = text === undefined ? null : /^p:(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The [start, end) slice of a list of `total` items that the request asks for. */
export function pageWindow(total: number, request: PageRequest): { start: number; end: number } {
  if (request.after !== undefined) {
    const start = Math.min((decodePosition(request.after) ?? -1) + 1, total);
    return { start, end: Math.min(start + request.limit, total) };
  }
  if (request.before !== undefined) {
    const end = Math.min(decodePosition(request.before) ?? 0, total);
    return { start: Math.max(0, end - request.limit), end };
  }
  const start = Math.min(request.offset ?? 0, total);
  return { start, end: Math.min(start + request.limit, total) };
}

/** Builds one page from a list that is only materialised item by item (`at(position)`). */
export function pageOf<T>(total: number, at: (position: number) => T, request: PageRequest): CursorPage<T> {
  const { start, end } = pageWindow(total, request);
  const data: T[] = [];
  for (let position = start; position < end; position += 1) data.push(at(position));
  const current: CursorPageInfo['currentRequestPagination'] = {
    parameters: request.parameters,
    limit: request.limit,
    sortingKeys: request.sortingKeys,
    sortingOrder: request.sortingOrder,
  };
  if (request.after !== undefined) current.after = request.after;
  if (request.before !== undefined) current.before = request.before;
  if (request.offset !== undefined) current.offset = request.offset;
  const pagination: CursorPageInfo = {
    currentRequestPagination: current,
    hasNextPage: end < total,
    hasPreviousPage: start > 0,
    total,
  };
  if (end > start) {
    pagination.startCursor = encodePosition(start);
    pagination.endCursor = encodePosition(end - 1);
  }
  return { data, pagination };
}

function compareValues(a: unknown, b: unknown, order: PageOrder): number {
  const descending = order.startsWith('DESC');
  // Default null placement follows SQL: nulls last ascending, nulls first descending.
  const nullsFirst = order.endsWith('NULLS_FIRST') || order === 'DESC';
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return (aNull ? -1 : 1) * (nullsFirst ? 1 : -1);
  }
  let result: number;
  if (typeof a === 'number' && typeof b === 'number') result = a - b;
  else if (typeof a === 'boolean' && typeof b === 'boolean') result = Number(a) - Number(b);
  else result = String(a).localeCompare(String(b), 'en');
  return descending ? -result : result;
}

/** Sorts (stable) and pages an in-memory list. */
export function pageOfList<T extends object>(items: readonly T[], request: PageRequest): CursorPage<T> {
  let sorted = items;
  if (request.sortingKeys.length > 0) {
    sorted = [...items].sort((a, b) => {
      for (let i = 0; i < request.sortingKeys.length; i += 1) {
        const key = request.sortingKeys[i] as string;
        const order = request.sortingOrder[i] ?? 'ASC';
        const result = compareValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], order);
        if (result !== 0) return result;
      }
      return 0;
    });
  }
  return pageOf(sorted.length, (position) => sorted[position] as T, request);
}
