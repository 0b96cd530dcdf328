import { randomUUID } from 'node:crypto';

import type { z } from 'zod';

import type { Scope } from '../auth/scopes.js';
import { isoSeconds } from '../data/seed.js';
import { requireCompany } from './caller.js';
import { omitNulls } from './omit-nulls.js';
import { pageOfList, parsePageRequest } from './pagination.js';
import { ApiError } from './respond.js';
import type { RouteContext, RouteDef, RouteResult } from './route-types.js';
import { parseWith, uuidParam, uuidPath } from './validate.js';

/**
 * The routes and checks most resources of Pleo's External API share (a paged list, a get by id,
 * a write to what the path names), written once so that every resource answers bad paging, a
 * malformed id, an unreachable record or a bad body the same way.
 */

interface RouteHead {
  path: string;
  scope: Scope;
}

/** By default a record leaves out its null members (most of Pleo's optional members are not nullable). */
const withoutNulls = (record: unknown): unknown => omitNulls(record);

/**
 * The companies a request covers: the one its optional company query parameter names (400 if
 * not a UUID, 403 if out of the token's reach), or else every company the token reaches.
 */
export function companiesInScope(ctx: RouteContext, name = 'company_id'): ReadonlySet<string> {
  const companyId = uuidParam(ctx.url, name);
  if (companyId) requireCompany(ctx.caller, companyId);
  return companyId ? new Set([companyId]) : ctx.caller.companyIds;
}

/**
 * A JSON body naming the company it writes to: 400 VALIDATION_FAILED if it does not fit `schema`,
 * 403 if the token cannot reach the company. The id comes back in lower case, as records keep it.
 */
export async function companyBody<T extends { companyId: string }>(ctx: RouteContext, schema: z.ZodType<T>): Promise<T> {
  const input = parseWith(schema, await ctx.json());
  const companyId = input.companyId.toLowerCase();
  requireCompany(ctx.caller, companyId);
  return { ...input, companyId };
}

/** A new record: a fresh id, then `fields`, then both timestamps at now (whole seconds, as Pleo sends them). */
export function newRecord<F extends object>(ctx: RouteContext, fields: F) {
  const now = isoSeconds(ctx.state.now());
  return { id: randomUUID(), ...fields, createdAt: now, updatedAt: now };
}

/** A list in Pleo's cursor-paged envelope; `select` runs after the paging parameters are checked. */
export function listRoute<T extends object>(
  spec: RouteHead & {
    /** `POST` for the `…:search` operations, which take their filters in the body. */
    method?: 'GET' | 'POST';
    sortable: readonly string[];
    select: (ctx: RouteContext) => readonly T[] | Promise<readonly T[]>;
    toBody?: (record: T) => unknown;
  },
): RouteDef {
  const { sortable, select, toBody = withoutNulls } = spec;
  return {
    method: spec.method ?? 'GET',
    path: spec.path,
    scope: spec.scope,
    handle: async (ctx) => {
      const request = parsePageRequest(ctx.url.searchParams, sortable);
      const page = pageOfList(await select(ctx), request);
      return { status: 200, body: { ...page, data: page.data.map((record) => toBody(record)) } };
    },
  };
}

/** One record as `{ data }`; `find` throws the error answer when there is none. */
export function getRoute<T>(spec: RouteHead & { find: (ctx: RouteContext) => T; toBody?: (record: T) => unknown }): RouteDef {
  const { find, toBody = withoutNulls } = spec;
  return { method: 'GET', path: spec.path, scope: spec.scope, handle: (ctx) => ({ status: 200, body: { data: toBody(find(ctx)) } }) };
}

/**
 * A write to what the path names (`target`: a record, or just its checked id). The path is
 * checked before the body is read, so a bad id is reported even when the body is bad too.
 */
export function writeRoute<R, I>(
  spec: RouteHead & {
    method: 'POST' | 'PUT';
    target: (ctx: RouteContext) => R;
    body: z.ZodType<I>;
    write: (ctx: RouteContext, target: R, input: I) => RouteResult;
  },
): RouteDef {
  const { method, path, scope, target, body, write } = spec;
  return { method, path, scope, handle: async (ctx) => write(ctx, target(ctx), parseWith(body, await ctx.json())) };
}

export interface Lookup<T> {
  /** The uuid path parameter holding the id. */
  param: string;
  records: readonly T[];
  /**
   * The company that owns a record (undefined for none, e.g. an orphaned tag); by default the
   * record's own `companyId`. A record with neither is never found: a forgotten owner fails closed.
   */
  ownerOf?: (record: T) => string | undefined;
  notFound: string;
  /** A record of a company out of reach: most APIs hide it (404); Oberon (companies, employees) says 403. */
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
