import type { IncomingMessage, ServerResponse } from 'node:http';

import { BodyTooLargeError, readBody } from '../http/body.js';
import { authenticate, requireScope, type CallerDeps } from './caller.js';
import { ApiError, sendApiError, sendJson } from './respond.js';
import type { ApiState, RouteContext, RouteDef } from './route-types.js';
import { companyRoutes } from './routes/companies.js';
import { employeeRoutes } from './routes/employees.js';
import { exportItemRoutes } from './routes/export-items.js';
import { exportJobRoutes } from './routes/export-jobs.js';
import { installationRoutes } from './routes/installations.js';
import { introspectRoutes } from './routes/introspect.js';
import { tagRoutes } from './routes/tags.js';
import { taxCodeRoutes } from './routes/tax-codes.js';
import { vendorRoutes } from './routes/vendors.js';

/**
 * The External API dispatcher: matches the path, authenticates the bearer token (401), checks
 * the documented scope (403), runs the handler, and renders errors as `{ type, message }`.
 */

/** Large enough for a job of ~100,000 entry ids, small enough to stop runaway bodies. */
const JSON_BODY_LIMIT = 8 * 1024 * 1024;

export const ALL_ROUTES: readonly RouteDef[] = [
  ...employeeRoutes,
  ...companyRoutes,
  ...introspectRoutes,
  ...tagRoutes,
  ...taxCodeRoutes,
  ...vendorRoutes,
  ...installationRoutes,
  ...exportJobRoutes,
  ...exportItemRoutes,
];

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(part);
      if (param) {
        names.push(param[1] as string);
        // A path parameter stops at "/" and at ":" so `/v1/vendors/{id}:activate` works.
        return '([^/:]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export function createApiRouter(
  state: ApiState,
  callerDeps: CallerDeps,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const compiled = ALL_ROUTES.map(compile);

  return async (req, res, url) => {
    try {
      let pathname: string;
      try {
        // `/v1/vendors%3Asearch` is the same operation as `/v1/vendors:search`.
        pathname = decodeURIComponent(url.pathname);
      } catch {
        throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', 'The path is not valid percent-encoding');
      }
      const candidates = compiled
        .map((c) => ({ c, match: c.pattern.exec(pathname) }))
        .filter((x): x is { c: CompiledRoute; match: RegExpExecArray } => x.match !== null);
      if (candidates.length === 0) throw new ApiError(404, 'NOT_FOUND', `No such endpoint: ${req.method} ${url.pathname}`);
      const hit = candidates.find((x) => x.c.route.method === req.method);
      if (!hit) {
        const allow = [...new Set(candidates.map((x) => x.c.route.method))].join(', ');
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${url.pathname}`, { Allow: allow });
      }

      const caller = await authenticate(req, callerDeps);
      if (hit.c.route.scope) requireScope(caller, hit.c.route.scope);

      const params: Record<string, string> = {};
      hit.c.names.forEach((name, i) => {
        params[name] = hit.match[i + 1] as string;
      });
      let bodyPromise: Promise<Buffer> | undefined;
      const ctx: RouteContext = {
        req,
        url,
        params,
        caller,
        state,
        json: async (options) => {
          bodyPromise ??= readBody(req, JSON_BODY_LIMIT);
          const raw = (await bodyPromise).toString('utf8');
          if (raw.trim() === '' && options?.optional) return undefined;
          const type = req.headers['content-type'] ?? '';
          if (!/^application\/json\b/i.test(type)) {
            throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json');
          }
          try {
            return JSON.parse(raw) as unknown;
          } catch {
            throw new ApiError(400, 'JSON_MAPPING_EXCEPTION', 'The request body is not valid JSON');
          }
        },
      };
      const result = await hit.c.route.handle(ctx);
      sendJson(res, result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof ApiError) {
        sendApiError(res, error);
      } else if (error instanceof BodyTooLargeError) {
        sendApiError(res, new ApiError(413, 'PAYLOAD_TOO_LARGE', error.message));
      } else {
        sendApiError(res, new ApiError(500, 'INTERNAL_ERROR', 'The simulator failed to handle this request'));
        process.stderr.write(
          `pleo-simulator: unhandled API error on ${req.method} ${url.pathname}: ${String((error as Error)?.stack ?? error)}\n`,
        );
      }
    }
  };
}
