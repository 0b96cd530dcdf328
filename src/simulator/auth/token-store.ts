import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * In-memory storage for oidc-provider (codes, tokens, grants, sessions, interactions).
 *
 * oidc-provider's bundled memory adapter is a process-wide LRU capped at 1000 entries: two
 * simulators in one test process would share it, and a long benchmark would silently evict live
 * tokens. This store belongs to one simulator, never evicts a live entry, and can revoke every
 * token of a client at once, which `DELETE /v1/installations/me` needs.
 */

interface Entry {
  payload: AdapterPayload;
  /** Wall-clock ms after which the entry is gone; oidc-provider computes TTLs from Date.now(). */
  expiresAt: number;
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const CLIENT_BOUND = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'Grant']);

export class TokenStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grantMembers = new Map<string, Set<string>>();
  private readonly sessionsByUid = new Map<string, string>();

  /** The factory oidc-provider's `adapter` option expects. */
  readonly adapterFactory = (model: string): Adapter => new ModelAdapter(this, model);

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(model: string, id: string, payload: AdapterPayload, expiresIn?: number): void {
    const key = `${model}:${id}`;
    this.delete(key);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
    this.entries.set(key, { payload, expiresAt });
    if (GRANTABLE.has(model) && typeof payload.grantId === 'string') {
      let members = this.grantMembers.get(payload.grantId);
      if (!members) {
        members = new Set();
        this.grantMembers.set(payload.grantId, members);
      }
      members.add(key);
    }
    if (model === 'Session' && typeof payload.uid === 'string') this.sessionsByUid.set(payload.uid, id);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const { grantId, uid } = entry.payload;
    if (typeof grantId === 'string') this.grantMembers.get(grantId)?.delete(key);
    if (typeof uid === 'string' && key.startsWith('Session:')) this.sessionsByUid.delete(uid);
  }

  sessionIdByUid(uid: string): string | undefined {
    return this.sessionsByUid.get(uid);
  }

  /** Removes every code and token issued under a grant; the grant itself is a separate entry. */
  revokeGrantMembers(grantId: string): void {
    for (const key of [...(this.grantMembers.get(grantId) ?? [])]) this.delete(key);
    this.grantMembers.delete(grantId);
  }

  /** Removes the access tokens of a grant except one (the token just issued by a refresh). */
  revokeOtherAccessTokens(grantId: string, keepId: string): void {
    for (const key of [...(this.grantMembers.get(grantId) ?? [])]) {
      if (key.startsWith('AccessToken:') && key !== `AccessToken:${keepId}`) this.delete(key);
    }
  }

  /**
   * Removes every code, token and grant of one client (of every client if undefined).
   * Returns how many access and refresh tokens were revoked.
   */
  revokeClient(clientId: string | undefined): number {
    let revoked = 0;
    for (const [key, entry] of [...this.entries]) {
      const model = key.slice(0, key.indexOf(':'));
      if (!CLIENT_BOUND.has(model)) continue;
      if (clientId !== undefined && entry.payload.clientId !== clientId) continue;
      if (model === 'AccessToken' || model === 'RefreshToken') revoked += 1;
      this.delete(key);
    }
    return revoked;
  }

  /** Live entries per model, for stats and the memory test. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) continue;
      const model = key.slice(0, key.indexOf(':'));
      counts[model] = (counts[model] ?? 0) + 1;
    }
    return counts;
  }

  clear(): void {
    this.entries.clear();
    this.grantMembers.clear();
    this.sessionsByUid.clear();
  }
}

class ModelAdapter implements Adapter {
  constructor(
    private readonly store: TokenStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.model, id, payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.sessionIdByUid(uid);
    return id === undefined ? undefined : this.store.get(this.key(id));
  }

  async findByUserCode(): Promise<AdapterPayload | undefined> {
    // The device flow is not enabled in the simulator.
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrantMembers(grantId);
  }
}
