import type { RouteDef } from '../route-types.js';

/** External Clients API v39.4.0: `GET /v1/introspect`, "who am I" for any valid token. */
export const introspectRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/introspect',
    handle: ({ caller }) => ({
      status: 200,
      body: {
        data: {
          authMethod: 'OAUTH2',
          clientId: caller.clientId,
          scope: caller.scope,
          applicationName: caller.applicationName,
          subjectURN: caller.subjectUrn,
        },
      },
    }),
  },
];
