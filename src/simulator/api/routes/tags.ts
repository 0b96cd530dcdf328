import { z } from 'zod';

import type { Tag, TagGroup } from '../../data/model.js';
import { requireCompany } from '../caller.js';
import { ApiError } from '../respond.js';
import { companiesInScope, findReachable, getRoute, listRoute, newRecord, writeRoute } from '../resource-routes.js';
import type { RouteContext, RouteDef } from '../route-types.js';
import { omitNulls } from '../omit-nulls.js';
import { parseWith, uuidParam } from '../validate.js';

/**
 * Tags API v31.38.0 (`/v0/tag-groups`, `/v0/tags`): reads need tag-groups:read, creates need
 * tag-groups:write (the staging scope spelling from pleo-facts.md §4). Dimensions and
 * aggregations are not simulated.
 */

const TAG_SORTABLE = ['id', 'groupId', 'code', 'name', 'archived', 'createdAt', 'updatedAt'];

const tagGroupCreate = z.object({
  archived: z.boolean(),
  code: z.string().min(1),
  name: z.string().min(1),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const tagCreate = z.object({
  archived: z.boolean(),
  code: z.string().min(1),
  name: z.string().optional(),
});

function findGroup(ctx: RouteContext): TagGroup {
  return findReachable(ctx, { param: 'groupId', records: ctx.state.data.tagGroups, notFound: 'Tag group not found.' });
}

function companyOfGroup(ctx: RouteContext, groupId: string): string | undefined {
  return ctx.state.data.tagGroups.find((g) => g.id === groupId)?.companyId;
}

/**
 * Both tag lists: the tags of groups the token reaches that pass the request's filter, paged.
 * `filterFor` reads the request first, so its checks (a group's 404, a company's 403) answer
 * before any tag is looked at.
 */
function tagListRoute(path: string, filterFor: (ctx: RouteContext) => (tag: Tag, owner: string) => boolean): RouteDef {
  return listRoute({
    path,
    scope: 'tag-groups:read',
    sortable: TAG_SORTABLE,
    select: (ctx) => {
      const keep = filterFor(ctx);
      return ctx.state.data.tags.filter((t) => {
        const owner = companyOfGroup(ctx, t.groupId);
        return owner !== undefined && ctx.caller.companyIds.has(owner) && keep(t, owner);
      });
    },
  });
}

export const tagRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v0/tag-groups',
    scope: 'tag-groups:read',
    handle: (ctx) => {
      const companyId = uuidParam(ctx.url, 'company_id');
      const organizationId = uuidParam(ctx.url, 'organization_id');
      if (companyId) requireCompany(ctx.caller, companyId);
      if (organizationId && organizationId !== ctx.state.data.organization.id) {
        throw new ApiError(403, 'ACCESS_DENIED', `No access to organization ${organizationId}`);
      }
      const groups = ctx.state.data.tagGroups.filter(
        (g) => ctx.caller.companyIds.has(g.companyId) && (!companyId || g.companyId === companyId),
      );
      // Pleo returns tag groups as a plain `data` list, not a paginated envelope.
      return { status: 200, body: { data: groups } };
    },
  },
  {
    method: 'POST',
    path: '/v0/tag-groups',
    scope: 'tag-groups:write',
    handle: async (ctx) => {
      // Pleo marks company_id optional; without it the group goes to the token's company, which
      // is only clear when the token reaches exactly one company.
      const only = ctx.caller.companyIds.size === 1 ? [...ctx.caller.companyIds][0] : undefined;
      const companyId = uuidParam(ctx.url, 'company_id') ?? only;
      if (!companyId)
        throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', 'company_id is required when the token reaches several companies');
      requireCompany(ctx.caller, companyId);
      const input = parseWith(tagGroupCreate, await ctx.json());
      if (ctx.state.data.tagGroups.some((g) => g.companyId === companyId && g.code === input.code)) {
        throw new ApiError(409, 'CONFLICT', `A tag group with code ${input.code} already exists.`);
      }
      const group: TagGroup = newRecord(ctx, {
        companyId,
        code: input.code,
        name: input.name,
        archived: input.archived,
        metadata: input.metadata ?? {},
      });
      ctx.state.data.tagGroups.push(group);
      return { status: 201, body: { data: group } };
    },
  },
  // A group's metadata is the partner's own JSON: it goes back as stored, nulls included.
  getRoute({ path: '/v0/tag-groups/{groupId}', scope: 'tag-groups:read', find: findGroup, toBody: (group) => group }),
  tagListRoute('/v0/tag-groups/{groupId}/tags', (ctx) => {
    const group = findGroup(ctx);
    const includeArchived = ctx.url.searchParams.get('include_archived') === 'true';
    return (t) => t.groupId === group.id && (includeArchived || !t.archived);
  }),
  writeRoute({
    method: 'POST',
    path: '/v0/tag-groups/{groupId}/tags',
    scope: 'tag-groups:write',
    target: findGroup,
    body: tagCreate,
    write: (ctx, group, input) => {
      if (ctx.state.data.tags.some((t) => t.groupId === group.id && t.code === input.code)) {
        throw new ApiError(409, 'CONFLICT', `A tag with code ${input.code} already exists in this group.`);
      }
      const tag: Tag = newRecord(ctx, { groupId: group.id, code: input.code, name: input.name ?? null, archived: input.archived });
      ctx.state.data.tags.push(tag);
      return { status: 201, body: { data: omitNulls(tag) } };
    },
  }),
  tagListRoute('/v0/tags', (ctx) => {
    const companies = companiesInScope(ctx);
    const text = ctx.url.searchParams.get('text_search')?.toLowerCase();
    return (t, owner) =>
      companies.has(owner) && (!text || t.code.toLowerCase().includes(text) || (t.name ?? '').toLowerCase().includes(text));
  }),
  getRoute({
    path: '/v0/tags/{tagId}',
    scope: 'tag-groups:read',
    find: (ctx) =>
      findReachable(ctx, {
        param: 'tagId',
        records: ctx.state.data.tags,
        ownerOf: (tag) => companyOfGroup(ctx, tag.groupId),
        notFound: 'Tag not found.',
      }),
  }),
];
