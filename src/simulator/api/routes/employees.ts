import type { Employee } from '../../data/model.js';
import { companiesInScope, findReachable, getRoute, listRoute } from '../resource-routes.js';
import type { RouteDef } from '../route-types.js';

/** Oberon API v50.7.0: `GET /v2/employees` and `GET /v2/employees/{employeeId}` (users:read). */

const SORTABLE = ['id', 'companyId', 'email', 'firstName', 'lastName', 'code', 'jobTitle', 'phone'];

export const employeeRoutes: RouteDef[] = [
  listRoute({
    path: '/v2/employees',
    scope: 'users:read',
    sortable: SORTABLE,
    select: (ctx) => {
      const companies = companiesInScope(ctx, 'companyId');
      const email = ctx.url.searchParams.get('email')?.toLowerCase();
      const code = ctx.url.searchParams.get('code');
      // Without companyId the list holds every employee the token can reach (all companies
      // of an organisation-level token).
      return ctx.state.data.employees.filter(
        (e: Employee) => companies.has(e.companyId) && (!email || e.email.toLowerCase() === email) && (!code || e.code === code),
      );
    },
  }),
  getRoute({
    path: '/v2/employees/{employeeId}',
    scope: 'users:read',
    find: (ctx) =>
      findReachable(ctx, {
        param: 'employeeId',
        records: ctx.state.data.employees,
        notFound: 'Employee not found.',
        outOfReach: 'access-denied',
      }),
  }),
];
