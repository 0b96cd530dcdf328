import { NULLABLE, omitNulls } from '../omit-nulls.js';
import { pageOf, parsePageRequest } from '../pagination.js';
import type { RouteDef } from '../route-types.js';
import { uuidParam } from '../validate.js';
import { exportRules } from './export-jobs.js';

/**
 * Export API v3: `GET /v3/export-items` (export-items:read), generated on demand so that paging
 * through a million entries costs no memory.
 *
 * With `job_id`: the items of a running job (422 EXPORT_JOB_STATUS_UNPROCESSABLE once it has
 * finished). Without `job_id` (a simulator extension; Pleo marks the parameter optional but does
 * not say what happens): every accounting entry the token's subject can see, which is how a
 * client finds entry ids to put into `POST /v3/export-jobs`.
 * Sorting: only `date`, ASC or DESC (entries are generated in date order).
 */
export const exportItemRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/export-items',
    scope: 'export-items:read',
    handle: (ctx) => {
      const request = parsePageRequest(ctx.url.searchParams, ['date']);
      const descending = request.sortingOrder[0]?.startsWith('DESC') ?? false;
      const jobId = uuidParam(ctx.url, 'job_id');
      const { exports, universe } = ctx.state;

      let count: number;
      let indexAt: (k: number) => number;
      let vendorBasedBookkeeping = true;
      if (jobId) {
        exportRules(() => exports.assertItemsReadable(jobId, ctx.caller.companyIds));
        ({ count, indexAt } = exportRules(() => exports.entriesOf(jobId, ctx.caller.companyIds)));
        vendorBasedBookkeeping = exports.vendorBasedBookkeeping(jobId, ctx.caller.companyIds);
      } else {
        const ranges = universe.ranges.filter((r) => ctx.caller.companyIds.has(r.companyId));
        count = ranges.reduce((sum, r) => sum + r.count, 0);
        indexAt = (k) => {
          let rest = k;
          for (const range of ranges) {
            if (rest < range.count) return range.from + rest;
            rest -= range.count;
          }
          throw new RangeError(`position ${k} is out of range`);
        };
      }
      const at = (position: number) =>
        omitNulls(
          universe.exportItem(indexAt(descending ? count - 1 - position : position), { vendorBasedBookkeeping }),
          NULLABLE.exportItem,
        );
      return { status: 200, body: pageOf(count, at, request) };
    },
  },
];
