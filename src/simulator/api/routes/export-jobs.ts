import { z } from 'zod';

import { ExportRuleError, ITEM_FAILURE_TYPES, JOB_FAILURE_TYPES, type ExportJobV3 } from '../../exports/export-store.js';
import { pageOf, parsePageRequest } from '../pagination.js';
import { ApiError } from '../respond.js';
import { companyBody, companiesInScope, getRoute, listRoute, writeRoute } from '../resource-routes.js';
import type { RouteContext, RouteDef } from '../route-types.js';
import { NULLABLE, omitNulls } from '../omit-nulls.js';
import { parseWith, uuidParam, uuidPath } from '../validate.js';

/**
 * Export API v3 (32.1.0): export jobs, job events and job items. Scopes as Pleo documents them:
 * export-jobs:read to list and read jobs and job items, export-jobs:write to create jobs, send
 * events and update job items.
 */

const JOB_SORTABLE = ['id', 'status', 'createdAt', 'lastUpdatedAt', 'startedAt', 'completedAt', 'numberOfItems'];
const JOB_STATUSES = ['pending', 'in_progress', 'failed', 'completed', 'completed_with_errors'] as const;
const ITEM_STATUSES = ['pending', 'in_progress', 'failed', 'successful', 'abandoned'] as const;

const createJob = z.object({
  companyId: z.string().uuid(),
  accountingEntryIds: z.array(z.string().uuid()).min(1),
  employeeId: z.string().uuid().nullish(),
  isInteractive: z.boolean().nullish(),
  options: z.object({ vendorBasedBookkeeping: z.boolean().nullish() }).nullish(),
});

const jobEvent = z.object({
  jobId: z.string().uuid(),
  event: z.enum(['started', 'failed', 'completed', 'completed_with_errors']),
  failureReason: z.string().nullish(),
  failureReasonType: z.enum(JOB_FAILURE_TYPES).nullish(),
});

const itemUpdates = z.array(
  z.object({
    accountingEntryId: z.string().uuid(),
    // Pleo's ExportJobItemStatus; a status outside it is a 400, not an error entry in a 200.
    status: z.enum(ITEM_STATUSES),
    exportedAt: z.string().nullish(),
    externalId: z.string().nullish(),
    externalUrl: z.string().nullish(),
    failureReason: z.string().nullish(),
    failureReasonType: z.enum(ITEM_FAILURE_TYPES).nullish(),
  }),
);

/** Runs store code and maps its rule errors onto Pleo's error answers. */
export function exportRules<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ExportRuleError) throw new ApiError(error.status, error.type, error.message);
    throw error;
  }
}

function jobIdParam(ctx: RouteContext): string {
  return uuidPath(ctx.params, 'jobId');
}

/** Pleo's ExportJobV3 / ExportJobItemV3: null only where the spec says nullable. */
const jobBody = (job: ExportJobV3) => omitNulls(job, NULLABLE.exportJob);
const itemBody = <T extends object>(item: T) => omitNulls(item, NULLABLE.exportJobItem);

export const exportJobRoutes: RouteDef[] = [
  listRoute({
    path: '/v3/export-jobs',
    scope: 'export-jobs:read',
    sortable: JOB_SORTABLE,
    toBody: jobBody,
    select: (ctx) => {
      const companies = companiesInScope(ctx);
      const statuses = ctx.url.searchParams
        .getAll('statuses')
        .flatMap((s) => s.split(','))
        .filter(Boolean);
      for (const s of statuses) {
        if (!(JOB_STATUSES as readonly string[]).includes(s)) throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', `unknown status ${s}`);
      }
      return ctx.state.exports.list(companies, new Set(statuses));
    },
  }),
  {
    method: 'POST',
    path: '/v3/export-jobs',
    scope: 'export-jobs:write',
    handle: async (ctx) => {
      const input = await companyBody(ctx, createJob);
      const job = exportRules(() =>
        ctx.state.exports.create({
          companyId: input.companyId,
          accountingEntryIds: input.accountingEntryIds,
          employeeId: input.employeeId ?? ctx.caller.user.employeeId,
          isInteractive: input.isInteractive ?? true,
          vendorBasedBookkeeping: input.options?.vendorBasedBookkeeping ?? false,
        }),
      );
      return { status: 201, body: { data: jobBody(job) } };
    },
  },
  getRoute({
    path: '/v3/export-jobs/{jobId}',
    scope: 'export-jobs:read',
    find: (ctx) => exportRules(() => ctx.state.exports.get(jobIdParam(ctx), ctx.caller.companyIds)),
    toBody: jobBody,
  }),
  {
    method: 'GET',
    path: '/v3/export-jobs/{jobId}/items',
    scope: 'export-jobs:read',
    handle: (ctx) => {
      const jobId = jobIdParam(ctx);
      const request = parsePageRequest(ctx.url.searchParams, []);
      const status = ctx.url.searchParams.get('status') ?? undefined;
      if (status && !(ITEM_STATUSES as readonly string[]).includes(status)) {
        throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', `unknown status ${status}`);
      }
      const items = exportRules(() => ctx.state.exports.items(jobId, ctx.caller.companyIds, status));
      return { status: 200, body: pageOf(items.count, (k) => itemBody(items.at(k)), request) };
    },
  },
  writeRoute({
    method: 'PUT',
    path: '/v3/export-jobs/{jobId}/items',
    scope: 'export-jobs:write',
    target: jobIdParam,
    body: itemUpdates,
    write: (ctx, jobId, updates) => {
      const result = exportRules(() => ctx.state.exports.updateItems(jobId, updates, ctx.caller.companyIds));
      return { status: 200, body: { ...result, data: result.data.map(itemBody) } };
    },
  }),
  {
    method: 'POST',
    path: '/v3/export-job-events',
    scope: 'export-jobs:write',
    handle: async (ctx) => {
      const input = parseWith(jobEvent, await ctx.json());
      exportRules(() =>
        ctx.state.exports.applyEvent(
          {
            jobId: input.jobId,
            event: input.event,
            failureReason: input.failureReason ?? null,
            failureReasonType: input.failureReasonType ?? null,
          },
          ctx.caller.companyIds,
        ),
      );
      return { status: 202 };
    },
  },
  {
    // Hidden in Pleo's spec (x-exclude) but published there; the explorer's catalog offers it.
    method: 'GET',
    path: '/v3/export-job-items',
    scope: 'export-jobs:read',
    handle: (ctx) => {
      const companies = companiesInScope(ctx);
      const entryId = uuidParam(ctx.url, 'accounting_entry_id');
      if (!entryId) throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', 'accounting_entry_id is required');
      return { status: 200, body: { data: itemBody(exportRules(() => ctx.state.exports.itemOfEntry(entryId, companies))) } };
    },
  },
];
