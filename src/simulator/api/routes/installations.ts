import { z } from 'zod';

import { ApiError } from '../respond.js';
import type { RouteContext, RouteDef } from '../route-types.js';
import { parseWith } from '../validate.js';
import type { Installation } from '../installations.js';

/**
 * App Marketplace API v29.4.0 (`/v1/installations/me`). Pleo documents no scope for these
 * operations, so any valid token works. `DELETE` also revokes every access and refresh token of
 * the calling client, as Pleo documents.
 */

const status = z.enum(['ACTIVATED', 'INACTIVE', 'AUTHORIZED', 'PENDING_INTEGRATION']);
const metadata = z.record(z.string(), z.unknown());

const createInput = z.object({
  status: status.optional(),
  errorCode: z.enum(['NOT_ENTITLED', 'AUTH_ERROR', 'INTEGRATION_ERROR']).optional(),
  metadata: metadata.optional(),
});

const updateInput = z.object({ status, metadata: metadata.optional() });

function mine(ctx: RouteContext): Installation {
  const installation = ctx.state.installations.get(ctx.caller.clientId, ctx.caller.subjectUrn);
  if (!installation) throw new ApiError(404, 'NOT_FOUND', 'Installation does not exist.');
  return installation;
}

export const installationRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/installations/me',
    // Pleo answers with the installation object itself, not wrapped in `data`.
    handle: (ctx) => ({ status: 200, body: mine(ctx) }),
  },
  {
    method: 'POST',
    path: '/v1/installations/me',
    handle: async (ctx) => {
      const input = parseWith(createInput, await ctx.json());
      const { installations } = ctx.state;
      if (input.errorCode && input.status !== 'INACTIVE') {
        throw new ApiError(400, 'VALIDATION_FAILED', 'errorCode can only be set when status is INACTIVE.');
      }
      const existing = installations.get(ctx.caller.clientId, ctx.caller.subjectUrn);
      const changes: Parameters<typeof installations.update>[1] = { status: input.status ?? 'ACTIVATED' };
      if (input.metadata) changes.metadata = input.metadata;
      if (input.errorCode) changes.errorCode = input.errorCode;
      const result = existing
        ? installations.update(existing, changes)
        : installations.create(ctx.caller.clientId, ctx.caller.subjectUrn, {
            status: input.status ?? 'ACTIVATED',
            metadata: input.metadata ?? {},
            ...(input.errorCode ? { errorCode: input.errorCode } : {}),
          });
      return { status: 200, body: result };
    },
  },
  {
    method: 'PUT',
    path: '/v1/installations/me',
    handle: async (ctx) => {
      const input = parseWith(updateInput, await ctx.json());
      const changes: Parameters<RouteContext['state']['installations']['update']>[1] = { status: input.status };
      if (input.metadata) changes.metadata = input.metadata;
      return { status: 200, body: ctx.state.installations.update(mine(ctx), changes) };
    },
  },
  {
    method: 'POST',
    path: '/v1/installations/me:activate',
    handle: (ctx) => ({ status: 200, body: ctx.state.installations.update(mine(ctx), { status: 'ACTIVATED', errorCode: null }) }),
  },
  {
    method: 'DELETE',
    path: '/v1/installations/me',
    handle: (ctx) => {
      mine(ctx);
      ctx.state.installations.remove(ctx.caller.clientId, ctx.caller.subjectUrn);
      ctx.state.revokeClientTokens(ctx.caller.clientId);
      return { status: 204 };
    },
  },
];
