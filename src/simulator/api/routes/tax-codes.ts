import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { TaxCode } from '../../data/model.js';
import { isoSeconds } from '../../data/seed.js';
import { requireCompany } from '../caller.js';
import { pageOfList, parsePageRequest } from '../pagination.js';
import { ApiError } from '../respond.js';
import type { RouteContext, RouteDef } from '../route-types.js';
import { parseWith, uuidParam, uuidPath } from '../validate.js';

/** Tax Code API v42.14.0 (`/v0/tax-codes`): tax-codes:read and tax-codes:write. */

const SORTABLE = ['id', 'companyId', 'name', 'code', 'rate', 'type', 'archived', 'createdAt', 'updatedAt'];

const taxType = z.enum(['inclusive', 'exclusive', 'reverse']);

const taxCodeInput = z.object({
  archived: z.boolean(),
  companyId: z.string().uuid(),
  name: z.string().min(1),
  rate: z.number().min(0).max(1),
  type: taxType,
  code: z.string().nullish(),
  ingoingTaxAccount: z.string().nullish(),
  outgoingTaxAccount: z.string().nullish(),
});

const searchInput = z
  .object({
    archived: z.boolean().optional(),
    taxCodeIds: z.array(z.string()).optional(),
    type: taxType.optional(),
  })
  .optional();

function findTaxCode(ctx: RouteContext): TaxCode {
  const id = uuidPath(ctx.params, 'taxCodeId');
  const taxCode = ctx.state.data.taxCodes.find((t) => t.id === id);
  if (!taxCode || !ctx.caller.companyIds.has(taxCode.companyId)) throw new ApiError(404, 'NOT_FOUND', 'Tax code not found.');
  return taxCode;
}

function nowIso(ctx: RouteContext): string {
  return isoSeconds(ctx.state.now());
}

export const taxCodeRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v0/tax-codes:search',
    scope: 'tax-codes:read',
    handle: async (ctx) => {
      const request = parsePageRequest(ctx.url.searchParams, SORTABLE);
      const companyId = uuidParam(ctx.url, 'company_id');
      if (companyId) requireCompany(ctx.caller, companyId);
      const filter = parseWith(searchInput, await ctx.json({ optional: true }));
      const ids = filter?.taxCodeIds ? new Set(filter.taxCodeIds.map((id) => id.toLowerCase())) : undefined;
      const taxCodes = ctx.state.data.taxCodes.filter(
        (t) =>
          ctx.caller.companyIds.has(t.companyId) &&
          (!companyId || t.companyId === companyId) &&
          (filter?.archived === undefined || t.archived === filter.archived) &&
          (!filter?.type || t.type === filter.type) &&
          (!ids || ids.has(t.id)),
      );
      return { status: 200, body: pageOfList(taxCodes, request) };
    },
  },
  {
    method: 'GET',
    path: '/v0/tax-codes/{taxCodeId}',
    scope: 'tax-codes:read',
    handle: (ctx) => ({ status: 200, body: { data: findTaxCode(ctx) } }),
  },
  {
    method: 'POST',
    path: '/v0/tax-codes',
    scope: 'tax-codes:write',
    handle: async (ctx) => {
      const input = parseWith(taxCodeInput, await ctx.json());
      const companyId = input.companyId.toLowerCase();
      requireCompany(ctx.caller, companyId);
      const now = nowIso(ctx);
      const taxCode: TaxCode = {
        id: randomUUID(),
        companyId,
        name: input.name,
        code: input.code ?? null,
        rate: input.rate,
        type: input.type,
        archived: input.archived,
        ingoingTaxAccount: input.ingoingTaxAccount ?? null,
        outgoingTaxAccount: input.outgoingTaxAccount ?? null,
        accountingIntegrationSystem: null,
        createdAt: now,
        updatedAt: now,
      };
      ctx.state.data.taxCodes.push(taxCode);
      return { status: 201, body: { data: taxCode } };
    },
  },
  {
    method: 'PUT',
    path: '/v0/tax-codes/{taxCodeId}',
    scope: 'tax-codes:write',
    handle: async (ctx) => {
      const taxCode = findTaxCode(ctx);
      const input = parseWith(taxCodeInput, await ctx.json());
      if (input.companyId.toLowerCase() !== taxCode.companyId) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'A tax code cannot move to another company.');
      }
      Object.assign(taxCode, {
        name: input.name,
        code: input.code ?? null,
        rate: input.rate,
        type: input.type,
        archived: input.archived,
        ingoingTaxAccount: input.ingoingTaxAccount ?? null,
        outgoingTaxAccount: input.outgoingTaxAccount ?? null,
        updatedAt: nowIso(ctx),
      });
      return { status: 200, body: { data: taxCode } };
    },
  },
  {
    method: 'DELETE',
    path: '/v0/tax-codes/{taxCodeId}',
    scope: 'tax-codes:write',
    handle: (ctx) => {
      const taxCode = findTaxCode(ctx);
      const list = ctx.state.data.taxCodes;
      list.splice(list.indexOf(taxCode), 1);
      return { status: 204 };
    },
  },
];
