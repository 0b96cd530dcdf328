/**
 * A bounded log of the requests the simulator answered, for tests and demos: what reached the
 * token endpoint with which grant type, which requests carried which kind of credentials, and
 * which ones got a fault. Credentials themselves are never recorded, only their kind.
 */

export interface AccessLogEntry {
  seq: number;
  /** Simulator clock (ms) when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** Names (not values) of the query parameters. */
  queryKeys: string[];
  status: number;
  durationMs: number;
  /** Kind of credentials presented: `basic` (client), `bearer` (access token) or `none`. */
  auth: 'basic' | 'bearer' | 'other' | 'none';
  grantType?: string;
  clientId?: string;
  fault?: string;
  /** OAuth error code of a failed token request. */
  error?: string;
  /** True if the connection ended before a complete answer was sent. */
  aborted?: boolean;
}

export interface TokenStats {
  /** Token endpoint requests by grant type (including failed ones). */
  tokenRequests: Record<string, number>;
  /** Token endpoint error answers by OAuth error code. */
  tokenErrors: Record<string, number>;
  /** Times an already-rotated refresh token was presented (each revoked its grant). */
  refreshTokenReuse: number;
}

export class AccessLog {
  private readonly entries: AccessLogEntry[] = [];
  private seq = 0;
  /** Requests recorded since start or the last clear (the entry list itself is capped). */
  total = 0;
  readonly stats: TokenStats = { tokenRequests: {}, tokenErrors: {}, refreshTokenReuse: 0 };

  constructor(private readonly capacity = 5000) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  record(entry: AccessLogEntry): void {
    this.total += 1;
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    if (entry.path === '/oauth/token') {
      const grant = entry.grantType ?? 'unknown';
      this.stats.tokenRequests[grant] = (this.stats.tokenRequests[grant] ?? 0) + 1;
      if (entry.error) this.stats.tokenErrors[entry.error] = (this.stats.tokenErrors[entry.error] ?? 0) + 1;
    }
  }

  list(): AccessLogEntry[] {
    return this.entries.map((e) => ({ ...e, queryKeys: [...e.queryKeys] }));
  }

  clear(): void {
    this.total = 0;
    this.entries.length = 0;
    this.stats.tokenRequests = {};
    this.stats.tokenErrors = {};
    this.stats.refreshTokenReuse = 0;
  }
}
