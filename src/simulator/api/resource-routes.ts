import type { z } from 'zod';

import type { Scope } from '../auth/scopes.js';
import { requireCompany } from './caller.js';
import { omitNulls } from './omit-nulls.js';
import { pageOfList, parsePageRequest } from './pagination.js';
import { ApiError } from './respond.js';
import type { RouteContext, RouteDef } from './route-types.js';
import { parseWith, uuidParam, uuidPath } from './validate.js';

/**
 * The two routes nearly every resource in Pleo's External API has — a paged list and a get by
 * id — and the checks they share, written once so that every resource answers bad paging, a
 * malformed id or an unreachable record the same way.
 */

/** By default a record leaves out its null members (most of Pleo's optional members are not nullable). */
const withoutNulls = <T>(record: T): unknown => omitNulls(record);

/** An optional company query parameter: 400 if it is not a UUID, 403 if the token cannot reach that company. */
export function companyFilter(ctx: RouteContext, name = 'company_id'): string | undefined {
  const companyId = uuidParam(ctx.url, name);
  if (companyId) requireCompany(ctx.caller, companyId);
  return companyId;
}

/**
 * A JSON body that names the company it writes to (`companyId`, any case): 400 VALIDATION_FAILED
 * if the body does not fit `schema`, 403 if the token cannot reach the company. Returns the body
 * with the company id in lower case, the form every record keeps.
 */
export async function companyBody<T extends { companyId: string }>(ctx: RouteContext, schema: z.ZodType<T>): Promise<T> {
  const input = parseWith(schema, await ctx.json());
  const companyId = input.companyId.toLowerCase();
  requireCompany(ctx.caller, companyId);
  return { ...input, companyId };
}

export interface ListRouteSpec<T> {
  /** `POST` for Pleo's `…:search` operations, which take their filters in the body. */
  method?: 'GET' | 'POST';
  path: string;
  scope: Scope;
  /** The keys `sorting_keys` may name. */
  sortable: readonly string[];
  /** The matching records, before paging. Runs after the paging parameters are checked. */
  select: (ctx: RouteContext) => readonly T[] | Promise<readonly T[]>;
  /** What a record looks like on the wire. */
  toBody?: (record: T) => unknown;
}

/** A list answered as Pleo's cursor-paged envelope. */
export function listRoute<T extends object>({
  method = 'GET',
  path,
  scope,
  sortable,
  select,
  toBody = withoutNulls,
}: ListRouteSpec<T>): RouteDef {
  return {
    method,
    path,
    scope,
    handle: async (ctx) => {
      const request = parsePageRequest(ctx.url.searchParams, sortable);
      const page = pageOfList(await select(ctx), request);
      return { status: 200, body: { ...page, data: page.data.map((record) => toBody(record)) } };
    },
  };
}

export interface GetRouteSpec<T> {
  path: string;
  scope: Scope;
  /** The record the path names; throws the error answer when there is none. */
  find: (ctx: RouteContext) => T;
  toBody?: (record: T) => unknown;
}

/** One record answered as `{ data }`. */
export function getRoute<T>({ path, scope, find, toBody = withoutNulls }: GetRouteSpec<T>): RouteDef {
  return { method: 'GET', path, scope, handle: (ctx) => ({ status: 200, body: { data: toBody(find(ctx)) } }) };
}

export interface Lookup<T> {
  /** The uuid path parameter holding the id. */
  param: string;
  records: readonly T[];
  /**
   * The company that owns a record (undefined when it has none, e.g. an orphaned tag); by default
   * the record's own `companyId`. A record with neither is never found, so a forgotten owner fails closed.
   */
  ownerOf?: (record: T) => string | undefined;
  /** The message of the 404. */
  notFound: string;
  /**
   * What a record of a company out of the token's reach answers: most APIs hide it (404); the
   * Oberon API (companies, employees) says 403 ACCESS_DENIED.
   */
  outOfReach?: 'not-found' | 'access-denied';
}

const ownCompany = (record: object): string | undefined => (record as { companyId?: string }).companyId;

/** The record named by a uuid path parameter (400 if malformed), if the token reaches its company. */
export function findReachable<T extends { id: string }>(ctx: RouteContext, lookup: Lookup<T>): T {
  const id = uuidPath(ctx.params, lookup.param);
  const record = lookup.records.find((r) => r.id === id);
  const owner = record ? (lookup.ownerOf ?? ownCompany)(record) : undefined;
  if (!record || !owner) throw new ApiError(404, 'NOT_FOUND', lookup.notFound);
  if (lookup.outOfReach === 'access-denied') requireCompany(ctx.caller, owner);
  else if (!ctx.caller.companyIds.has(owner)) throw new ApiError(404, 'NOT_FOUND', lookup.notFound);
  return record;
}
