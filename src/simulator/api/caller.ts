import type { IncomingMessage } from 'node:http';

import type Provider from 'oidc-provider';

import type { SimulatorClient } from '../auth/clients.js';
import { subjectOf } from '../auth/provider.js';
import type { StagingUser } from '../data/model.js';
import type { Dataset } from '../data/seed.js';
import { ApiError } from './respond.js';

/**
 * Resource-server side of OAuth: who is calling the External API, with which scopes, and which
 * companies the token's subject can see.
 *
 * Access tokens are opaque and looked up in the authorization server's store (the simulator
 * runs both in one process), which is why revocation and `DELETE /v1/installations/me` take
 * effect on the very next API call.
 */

export interface ApiCaller {
  accessToken: string;
  clientId: string;
  applicationName: string;
  scope: string;
  scopes: ReadonlySet<string>;
  user: StagingUser;
  subjectUrn: string;
  /** Companies the subject may read: its own company, or every company of its organisation. */
  companyIds: ReadonlySet<string>;
}

export interface CallerDeps {
  provider: Provider;
  clients: readonly SimulatorClient[];
  users: readonly StagingUser[];
  data: Dataset;
  resource: string;
  now: () => number;
  /** When (on the simulator's clock) the access token with this jti was issued. */
  issuedAt?: (jti: string) => number | undefined;
}

function invalidToken(description: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', description, {
    // The brief asks for error="invalid_token" even when the token is missing (RFC 6750 would
    // omit the error code there); clients can rely on it in every 401 the simulator sends.
    'WWW-Authenticate': `Bearer realm="pleo-simulator", error="invalid_token", error_description="${description}"`,
  });
}

export async function authenticate(req: IncomingMessage, deps: CallerDeps): Promise<ApiCaller> {
  const header = req.headers.authorization;
  const match = header ? /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim()) : null;
  if (!match) throw invalidToken(header ? 'The Authorization header is not a Bearer token' : 'The access token is missing');
  const value = match[1] as string;

  // Expiry is judged by the simulator's clock (injectable), not oidc-provider's wall clock, so
  // tests can expire tokens by moving time forward instead of waiting.
  const token = await deps.provider.AccessToken.find(value, { ignoreExpiration: true });
  if (!token) throw invalidToken('The access token is unknown or has been revoked');
  const issued = deps.issuedAt?.(token.jti);
  const expiresAt = issued !== undefined ? issued + (token.exp - token.iat) * 1000 : token.exp * 1000;
  if (expiresAt <= deps.now() || token.isExpired) throw invalidToken('The access token has expired');
  const audiences = Array.isArray(token.aud) ? token.aud : [token.aud];
  if (!audiences.includes(deps.resource)) throw invalidToken('The access token is not meant for this API');
  if (!(await deps.provider.Grant.find(token.grantId))) throw invalidToken('The access token has been revoked');

  const user = deps.users.find((u) => u.id === token.accountId);
  if (!user) throw invalidToken('The access token belongs to an unknown user');
  const client = deps.clients.find((c) => c.clientId === token.clientId);
  const scope = token.scope ?? '';
  const companyIds =
    user.subject.kind === 'company'
      ? new Set([user.subject.id])
      : new Set(deps.data.companies.filter((c) => c.company.organizationId === user.subject.id).map((c) => c.company.id));
  return {
    accessToken: value,
    clientId: token.clientId,
    applicationName: client?.name ?? token.clientId,
    scope,
    scopes: new Set(scope.split(' ').filter(Boolean)),
    user,
    subjectUrn: subjectOf(user).urn,
    companyIds,
  };
}

export function requireScope(caller: ApiCaller, scope: string): void {
  if (caller.scopes.has(scope)) return;
  throw new ApiError(403, 'INSUFFICIENT_SCOPE', `The access token lacks the scope ${scope} that this operation requires`, {
    'WWW-Authenticate': `Bearer realm="pleo-simulator", error="insufficient_scope", error_description="The access token lacks a required scope", scope="${scope}"`,
  });
}

/** 403 for a company the token's subject cannot see (Pleo: "lacks permission"). */
export function requireCompany(caller: ApiCaller, companyId: string): void {
  if (!caller.companyIds.has(companyId)) {
    throw new ApiError(403, 'ACCESS_DENIED', `The token's subject (${caller.subjectUrn}) has no access to company ${companyId}`);
  }
}
