import { z } from 'zod';

import type { TaxCode } from '../../data/model.js';
import { isoSeconds } from '../../data/seed.js';
import { ApiError } from '../respond.js';
import { companyBody, companiesInScope, findReachable, getRoute, listRoute, newRecord, writeRoute } from '../resource-routes.js';
import type { RouteContext, RouteDef } from '../route-types.js';
import { parseWith } from '../validate.js';

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
  return findReachable(ctx, { param: 'taxCodeId', records: ctx.state.data.taxCodes, notFound: 'Tax code not found.' });
}

/** The members a create or an update sets from the body (the same body for both). */
function fromInput(input: z.infer<typeof taxCodeInput>) {
  return {
    name: input.name,
    code: input.code ?? null,
    rate: input.rate,
    type: input.type,
    archived: input.archived,
    ingoingTaxAccount: input.ingoingTaxAccount ?? null,
    outgoingTaxAccount: input.outgoingTaxAccount ?? null,
  };
}

/** Every nullable member of Pleo's TaxCodeModel is nullable in the spec: records go out as stored. */
const asStored = (taxCode: TaxCode) => taxCode;

export const taxCodeRoutes: RouteDef[] = [
  listRoute({
    method: 'POST',
    path: '/v0/tax-codes:search',
    scope: 'tax-codes:read',
    sortable: SORTABLE,
    toBody: asStored,
    select: async (ctx) => {
      const companies = companiesInScope(ctx);
      const filter = parseWith(searchInput, await ctx.json({ optional: true }));
      const ids = filter?.taxCodeIds ? new Set(filter.taxCodeIds.map((id) => id.toLowerCase())) : undefined;
      return ctx.state.data.taxCodes.filter(
        (t) =>
          companies.has(t.companyId) &&
          (filter?.archived === undefined || t.archived === filter.archived) &&
          (!filter?.type || t.type === filter.type) &&
          (!ids || ids.has(t.id)),
      );
    },
  }),
  getRoute({ path: '/v0/tax-codes/{taxCodeId}', scope: 'tax-codes:read', find: findTaxCode, toBody: asStored }),
  {
    method: 'POST',
    path: '/v0/tax-codes',
    scope: 'tax-codes:write',
    handle: async (ctx) => {
      const input = await companyBody(ctx, taxCodeInput);
      const taxCode: TaxCode = newRecord(ctx, { companyId: input.companyId, ...fromInput(input), accountingIntegrationSystem: null });
      ctx.state.data.taxCodes.push(taxCode);
      return { status: 201, body: { data: taxCode } };
    },
  },
  writeRoute({
    method: 'PUT',
    path: '/v0/tax-codes/{taxCodeId}',
    scope: 'tax-codes:write',
    target: findTaxCode,
    body: taxCodeInput,
    write: (ctx, taxCode, input) => {
      if (input.companyId.toLowerCase() !== taxCode.companyId) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'A tax code cannot move to another company.');
      }
      Object.assign(taxCode, { ...fromInput(input), updatedAt: isoSeconds(ctx.state.now()) });
      return { status: 200, body: { data: taxCode } };
    },
  }),
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
