/**
 * The OS keychain through keytar (on Linux: the Secret Service, e.g. gnome-keyring, over D-Bus). keytar is archived upstream, so it stays
 * behind the SecretStore port and this ~40-line adapter is the only file that knows it
 * (security-test-plan S-2). It is imported lazily: a missing or broken native module then
 * surfaces as an ordinary error on first use, which the guarded store turns into
 * "keychain unavailable" instead of a crash at start-up.
 *
 * Development and packaged builds use different service names, so a dev build never reads or
 * overwrites the secrets of an installed app (GitHub Desktop does the same).
 */
import type { SecretStore } from './secret-store.js';

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const PACKAGED_SERVICE_NAME = 'Pleo Partner Desktop';
export const DEVELOPMENT_SERVICE_NAME = 'Pleo Partner Desktop (dev)';

export function keychainServiceName(packaged: boolean): string {
  return packaged ? PACKAGED_SERVICE_NAME : DEVELOPMENT_SERVICE_NAME;
}

export class KeychainModuleMissing extends Error {
  constructor(cause: unknown) {
    super('The OS keychain module could not be loaded (keychain unavailable).', { cause });
    this.name = 'KeychainModuleMissing';
  }
}

async function importKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  const api = mod.default ?? mod;
  if (typeof api.getPassword !== 'function') throw new Error('keytar has no getPassword');
  return api;
}

export function createKeytarSecretStore(options: {
  packaged: boolean;
  /** Overrides the service name (tests use a unique one per run). */
  service?: string;
  /** Test seam: how keytar is loaded. */
  loadKeytar?: () => Promise<KeytarLike>;
}): SecretStore & { readonly service: string } {
  const service = options.service ?? keychainServiceName(options.packaged);
  const load = options.loadKeytar ?? importKeytar;
  let loaded: Promise<KeytarLike> | undefined;
  const keytar = () => {
    loaded ??= load().catch((error: unknown) => {
      throw new KeychainModuleMissing(error);
    });
    return loaded;
  };
  return {
    service,
    async get(account) {
      return (await keytar()).getPassword(service, account);
    },
    async set(account, value) {
      await (await keytar()).setPassword(service, account, value);
    },
    async delete(account) {
      return (await keytar()).deletePassword(service, account);
    },
  };
}
