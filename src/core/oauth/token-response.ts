/**
 * What the engine keeps from a token response, and the checks oauth4webapi leaves to the
 * client (security-test-plan TK-05..TK-12, TK-21):
 * - `token_type` must be Bearer in any case; DPoP was never requested (TK-09).
 * - `expires_in` must be a positive number (oauth4webapi lets 0 through); huge values are
 *   clamped to 24 h so a timer never overflows and a token is never trusted for days (TK-10).
 * - Expiry is local receive time + expires_in, never the server's clock or a JWT `exp` (TK-21).
 * - No new refresh token means the old one stays valid (RFC 6749 §6, RF-03).
 * - No `scope` means the scopes already granted: those requested for a code exchange, those
 *   of the original grant for a refresh (RFC 6749 §5.1); never the environment's current list.
 * - Each rejection names the check that failed in plain words (issue 9, defect 4); the words
 *   never quote the body, which may hold tokens.
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
  /**
   * Granted scopes: as sent by the server, else as requested (code) or as originally granted
   * (refresh). Absent only in sets stored by builds before issue 9.
   */
  scope?: string;
  /** True when this set came from a refresh that rotated the refresh token. */
  rotated?: boolean;
}

export class TokenResponseRejected extends Error {
  /** `check`: a plain sentence fragment for the user and the log, e.g. "the answer was not JSON". */
  constructor(readonly check: string) {
    super(`token response rejected: ${check}`);
    this.name = 'TokenResponseRejected';
  }
}

/** 200 responses must be JSON; an HTML error page that happens to parse is still not a token (TK-06). */
export function assertJsonResponse(response: Response): void {
  if (response.status !== 200) return;
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    const shown = type
      .split(';')[0]!
      .trim()
      .slice(0, 60)
      .replace(/[^\w.+/-]/g, '');
    throw new TokenResponseRejected(`the answer was not JSON (its content type was ${shown ? `"${shown}"` : 'missing'})`);
  }
}

export function toTokenSet(
  response: oauth.TokenEndpointResponse,
  receivedAt: number,
  previousRefreshToken?: string,
  fallbackScope?: string,
): TokenSet {
  if (response.token_type !== 'bearer') throw new TokenResponseRejected('the token type was not Bearer');
  if (response.access_token.length > MAX_TOKEN_LENGTH) throw new TokenResponseRejected('the access token was implausibly long');
  if (response.refresh_token !== undefined && response.refresh_token.length > MAX_TOKEN_LENGTH)
    throw new TokenResponseRejected('the refresh token was implausibly long');
  let lifetimeMs: number | undefined;
  if (response.expires_in !== undefined) {
    if (!(typeof response.expires_in === 'number' && response.expires_in > 0))
      throw new TokenResponseRejected('the lifetime (expires_in) was not a positive number');
    lifetimeMs = Math.round(Math.min(response.expires_in, MAX_TRUSTED_LIFETIME_SECONDS) * 1000);
  }
  const refreshToken = response.refresh_token ?? previousRefreshToken;
  return {
    accessToken: response.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    receivedAt,
    ...(lifetimeMs !== undefined ? { expiresAt: receivedAt + lifetimeMs, lifetimeMs } : {}),
    ...(typeof response.scope === 'string' ? { scope: response.scope } : fallbackScope !== undefined ? { scope: fallbackScope } : {}),
    ...(previousRefreshToken !== undefined && response.refresh_token !== undefined && response.refresh_token !== previousRefreshToken
      ? { rotated: true }
      : {}),
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
