import type { Employee } from '../../data/model.js';
import { requireCompany } from '../caller.js';
import { pageOfList, parsePageRequest } from '../pagination.js';
import { ApiError } from '../respond.js';
import type { RouteDef } from '../route-types.js';
import { omitNulls } from '../omit-nulls.js';
import { uuidParam, uuidPath } from '../validate.js';

/** Oberon API v50.7.0: `GET /v2/employees` and `GET /v2/employees/{employeeId}` (users:read). */

const SORTABLE = ['id', 'companyId', 'email', 'firstName', 'lastName', 'code', 'jobTitle', 'phone'];

export const employeeRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2/employees',
    scope: 'users:read',
    handle: ({ url, caller, state }) => {
      const request = parsePageRequest(url.searchParams, SORTABLE);
      const companyId = uuidParam(url, 'companyId');
      if (companyId) requireCompany(caller, companyId);
      const email = url.searchParams.get('email')?.toLowerCase();
      const code = url.searchParams.get('code');
      // Without companyId the list holds every employee the token can reach (all companies
      // of an organisation-level token).
      const employees = state.data.employees.filter(
        (e: Employee) =>
          caller.companyIds.has(e.companyId) &&
          (!companyId || e.companyId === companyId) &&
          (!email || e.email.toLowerCase() === email) &&
          (!code || e.code === code),
      );
      const page = pageOfList(employees, request);
      return { status: 200, body: { ...page, data: omitNulls(page.data) } };
    },
  },
  {
    method: 'GET',
    path: '/v2/employees/{employeeId}',
    scope: 'users:read',
    handle: ({ params, caller, state }) => {
      const id = uuidPath(params, 'employeeId');
      const employee = state.data.employees.find((e) => e.id === id);
      if (!employee) throw new ApiError(404, 'NOT_FOUND', 'Employee not found.');
      requireCompany(caller, employee.companyId);
      return { status: 200, body: { data: omitNulls(employee) } };
    },
  },
];
