import { z } from 'zod';

import { requireCompany } from '../caller.js';
import { ApiError } from '../respond.js';
import { companyBody, findReachable, getRoute, listRoute, newRecord } from '../resource-routes.js';
import type { RouteDef } from '../route-types.js';
import { omitNulls } from '../omit-nulls.js';
import { parseWith, uuidParam } from '../validate.js';

/** External Vendors API v34.17.0: search, get and create (vendors:read / vendors:write). */

const SORTABLE = ['id', 'companyId', 'name', 'code', 'externalId', 'defaultCurrency', 'country', 'state', 'createdAt', 'updatedAt'];

const list = (max: number) => z.array(z.string()).max(max).optional();

const searchInput = z
  .object({
    ids: list(100),
    codes: list(100),
    externalIds: list(100),
    name: z.string().optional(),
    countries: list(100),
    states: z
      .array(z.enum(['DRAFT', 'ACTIVE', 'ARCHIVED']))
      .max(4)
      .optional(),
    taxRegistrationNumbers: list(100),
    accountingSystems: list(100),
  })
  .optional();

const createInput = z.object({
  companyId: z.string().uuid(),
  name: z.string().min(1),
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
  code: z.string().optional(),
  externalId: z.string().optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  registrationNumber: z.string().optional(),
  taxRegistrationNumber: z.string().optional(),
});

/**
 * Strips the fields the simulator keeps only for generating accounting entries, and the members
 * without a value (none of the vendor's optional members is nullable in Pleo's spec).
 */
function publicVendor<T extends { mcc?: string; kind?: string }>(vendor: T): Omit<T, 'mcc' | 'kind'> {
  const { mcc: _mcc, kind: _kind, ...rest } = vendor;
  return omitNulls(rest);
}

export const vendorRoutes: RouteDef[] = [
  listRoute({
    method: 'POST',
    path: '/v1/vendors:search',
    scope: 'vendors:read',
    sortable: SORTABLE,
    toBody: publicVendor,
    select: async (ctx) => {
      const companyId = uuidParam(ctx.url, 'company_id');
      if (!companyId) throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', 'company_id is required');
      requireCompany(ctx.caller, companyId);
      const f = parseWith(searchInput, await ctx.json({ optional: true })) ?? {};
      const has = (values: string[] | undefined, value: string | null): boolean => !values || (value !== null && values.includes(value));
      return ctx.state.data.vendors.filter(
        (v) =>
          v.companyId === companyId &&
          has(
            f.ids?.map((id) => id.toLowerCase()),
            v.id,
          ) &&
          has(f.codes, v.code) &&
          has(f.externalIds, v.externalId) &&
          has(f.countries, v.country) &&
          has(f.states, v.state) &&
          has(f.taxRegistrationNumbers, v.taxRegistrationNumber) &&
          has(f.accountingSystems, v.accountingSystem) &&
          (!f.name || v.name.toLowerCase().includes(f.name.toLowerCase())),
      );
    },
  }),
  getRoute({
    path: '/v1/vendors/{id}',
    scope: 'vendors:read',
    find: (ctx) =>
      findReachable(ctx, {
        param: 'id',
        records: ctx.state.data.vendors,
        notFound: 'Vendor not found.',
      }),
    toBody: publicVendor,
  }),
  {
    method: 'POST',
    path: '/v1/vendors',
    scope: 'vendors:write',
    handle: async (ctx) => {
      const input = await companyBody(ctx, createInput);
      if (input.externalId && ctx.state.data.vendors.some((v) => v.companyId === input.companyId && v.externalId === input.externalId)) {
        throw new ApiError(409, 'VENDOR_ALREADY_EXISTS', `A vendor with externalId ${input.externalId} already exists.`);
      }
      // mcc and kind feed the generated accounting entries, like the seeded vendors'; answers strip them.
      const vendor = {
        ...newRecord(ctx, {
          companyId: input.companyId,
          name: input.name,
          code: input.code ?? null,
          externalId: input.externalId ?? null,
          defaultCurrency: input.defaultCurrency,
          country: input.country ?? null,
          registrationNumber: input.registrationNumber ?? null,
          taxRegistrationNumber: input.taxRegistrationNumber ?? null,
          // A vendor created without an ERP id still has to be created in the ERP: DRAFT.
          state: input.externalId ? ('ACTIVE' as const) : ('DRAFT' as const),
          accountingSystem: null,
        }),
        mcc: '5999',
        kind: 'other' as const,
      };
      ctx.state.data.vendors.push(vendor);
      return { status: 201, body: { data: publicVendor(vendor) } };
    },
  },
];
