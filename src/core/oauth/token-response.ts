/**
 * What the engine keeps from a token response, and the checks oauth4webapi leaves to the
 * client (security-test-plan TK-05..TK-12, TK-21):
 * - `token_type` must be Bearer in any case; DPoP was never requested (TK-09).
 * - `expires_in` must be a positive number (oauth4webapi lets 0 through); huge values are
 *   clamped to 24 h so a timer never overflows and a token is never trusted for days (TK-10).
 * - Expiry is local receive time + expires_in, never the server's clock or a JWT `exp` (TK-21).
 * - No new refresh token means the old one stays valid (RFC 6749 §6, RF-03).
 */
import type * as oauth from 'oauth4webapi';
import { z } from 'zod';

export const MAX_TRUSTED_LIFETIME_SECONDS = 24 * 60 * 60;
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  receivedAt: number;
  /** Local epoch ms; absent when the server sent no expires_in (TK-11). */
  expiresAt?: number;
  lifetimeMs?: number;
  /** Granted scopes as sent by the server (absent = as requested, RFC 6749 §5.1). */
  scope?: string;
  /** True when this set came from a refresh that rotated the refresh token. */
  rotated?: boolean;
}

export class TokenResponseRejected extends Error {
  constructor(reason: string) {
    super(`token response rejected: ${reason}`);
    this.name = 'TokenResponseRejected';
  }
}

/** 200 responses must be JSON; an HTML error page that happens to parse is still not a token (TK-06). */
export function assertJsonResponse(response: Response): void {
  if (response.status !== 200) return;
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) throw new TokenResponseRejected('not JSON');
}

export function toTokenSet(response: oauth.TokenEndpointResponse, receivedAt: number, previousRefreshToken?: string): TokenSet {
  if (response.token_type !== 'bearer') throw new TokenResponseRejected('unsupported token_type');
  if (response.access_token.length > MAX_TOKEN_LENGTH) throw new TokenResponseRejected('access_token too long');
  if (response.refresh_token !== undefined && response.refresh_token.length > MAX_TOKEN_LENGTH) throw new TokenResponseRejected('refresh_token too long');
  let lifetimeMs: number | undefined;
  if (response.expires_in !== undefined) {
    if (!(typeof response.expires_in === 'number' && response.expires_in > 0)) throw new TokenResponseRejected('expires_in not positive');
    lifetimeMs = Math.round(Math.min(response.expires_in, MAX_TRUSTED_LIFETIME_SECONDS) * 1000);
  }
  const refreshToken = response.refresh_token ?? previousRefreshToken;
  return {
    accessToken: response.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    receivedAt,
    ...(lifetimeMs !== undefined ? { expiresAt: receivedAt + lifetimeMs, lifetimeMs } : {}),
    ...(typeof response.scope === 'string' ? { scope: response.scope } : {}),
    ...(previousRefreshToken !== undefined && response.refresh_token !== undefined && response.refresh_token !== previousRefreshToken ? { rotated: true } : {}),
  };
}

const stored = z.object({
  v: z.literal(1),
  accessToken: z.string().min(1).max(MAX_TOKEN_LENGTH),
  refreshToken: z.string().min(1).max(MAX_TOKEN_LENGTH).optional(),
  receivedAt: z.number().finite(),
  expiresAt: z.number().finite().optional(),
  lifetimeMs: z.number().finite().positive().optional(),
  scope: z.string().max(4096).optional(),
});

/** One keychain entry holds the whole set, so access and refresh token can never be mixed (E4). */
export function serializeTokenSet(tokens: TokenSet): string {
  const { rotated: _rotated, ...rest } = tokens;
  return JSON.stringify({ v: 1, ...rest });
}

/** A damaged or foreign keychain value counts as "no tokens" (ST-05); it is never logged. */
export function parseStoredTokenSet(raw: string | null): TokenSet | undefined {
  if (typeof raw !== 'string' || raw.length > 64 * 1024) return undefined;
  try {
    const parsed = stored.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    const { v: _v, ...tokens } = parsed.data;
    return tokens;
  } catch {
    return undefined;
  }
}
