import { ApiError } from '../respond.js';
import { findReachable, getRoute, listRoute } from '../resource-routes.js';
import type { RouteDef } from '../route-types.js';
import { uuidParam } from '../validate.js';

/** Oberon API v50.7.0: `GET /v1/companies` and `GET /v1/companies/{companyId}` (companies:read). */

const SORTABLE = ['id', 'name', 'organizationId', 'registrationNumber'];

export const companyRoutes: RouteDef[] = [
  listRoute({
    path: '/v1/companies',
    scope: 'companies:read',
    sortable: SORTABLE,
    select: ({ url, caller, state }) => {
      const organizationId = uuidParam(url, 'organization_id');
      const companies = state.data.companies.map((profile) => profile.company).filter((company) => caller.companyIds.has(company.id));
      if (organizationId && !companies.some((c) => c.organizationId === organizationId)) {
        throw new ApiError(
          403,
          'ACCESS_DENIED',
          `The token's subject (${caller.subjectUrn}) has no access to organization ${organizationId}`,
        );
      }
      return organizationId ? companies.filter((c) => c.organizationId === organizationId) : companies;
    },
  }),
  getRoute({
    path: '/v1/companies/{companyId}',
    scope: 'companies:read',
    find: (ctx) =>
      findReachable(ctx, {
        param: 'companyId',
        records: ctx.state.data.companies.map((profile) => profile.company),
        ownerOf: (company) => company.id,
        notFound: 'Company not found.',
        outOfReach: 'access-denied',
      }),
  }),
];
