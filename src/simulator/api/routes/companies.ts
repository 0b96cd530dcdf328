import { requireCompany } from '../caller.js';
import { pageOfList, parsePageRequest } from '../pagination.js';
import { ApiError } from '../respond.js';
import type { RouteDef } from '../route-types.js';
import { omitNulls } from '../omit-nulls.js';
import { uuidParam, uuidPath } from '../validate.js';

/** Oberon API v50.7.0: `GET /v1/companies` and `GET /v1/companies/{companyId}` (companies:read). */

const SORTABLE = ['id', 'name', 'organizationId', 'registrationNumber'];

export const companyRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/companies',
    scope: 'companies:read',
    handle: ({ url, caller, state }) => {
      const request = parsePageRequest(url.searchParams, SORTABLE);
      const organizationId = uuidParam(url, 'organization_id');
      const companies = state.data.companies.map((profile) => profile.company).filter((company) => caller.companyIds.has(company.id));
      if (organizationId && !companies.some((c) => c.organizationId === organizationId)) {
        throw new ApiError(
          403,
          'ACCESS_DENIED',
          `The token's subject (${caller.subjectUrn}) has no access to organization ${organizationId}`,
        );
      }
      const filtered = organizationId ? companies.filter((c) => c.organizationId === organizationId) : companies;
      const page = pageOfList(filtered, request);
      return { status: 200, body: { ...page, data: omitNulls(page.data) } };
    },
  },
  {
    method: 'GET',
    path: '/v1/companies/{companyId}',
    scope: 'companies:read',
    handle: ({ params, caller, state }) => {
      const id = uuidPath(params, 'companyId');
      const profile = state.data.companies.find((c) => c.company.id === id);
      if (!profile) throw new ApiError(404, 'NOT_FOUND', 'Company not found.');
      requireCompany(caller, id);
      return { status: 200, body: { data: omitNulls(profile.company) } };
    },
  },
];
