/**
 * The SecretStore port: the OS keychain in the app (keytar), an in-memory store in
 * session-only mode and in tests. Accounts are strings like "<env>/<client>/client-secret".
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** In-memory store: session-only mode (keychain missing or locked) and unit tests. */
export function createMemorySecretStore(): SecretStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    async get(account) {
      return map.get(account) ?? null;
    },
    async set(account, value) {
      map.set(account, value);
    },
    async delete(account) {
      return map.delete(account);
    },
    size: () => map.size,
  };
}
