/**
 * Puts a bounded wait and an explicit fallback around the OS keychain (security-test-plan
 * S-3, S-4, ST-01..ST-06). A locked keyring can block a D-Bus call for minutes, so every call
 * races a timeout (VS Code uses 5 s, the GitHub and Databricks CLIs 3 s). The first failure
 * switches the app to session-only mode for the rest of the run: secrets live in this
 * process's memory until quit, a banner says so, and nothing is ever written anywhere else.
 */
import { createMemorySecretStore, type SecretStore } from './secret-store.js';

export type KeychainProblem = 'KEYCHAIN_UNAVAILABLE' | 'KEYCHAIN_LOCKED';

export interface GuardedSecretStore extends SecretStore {
  sessionOnly(): boolean;
  problem(): KeychainProblem | undefined;
}

export interface GuardedOptions {
  /** Per-call wait before the keychain is treated as locked (default 4 s). */
  timeoutMs?: number;
  /**
   * Called once, when the store switches to session-only mode. `keychainReadable`: the
   * keychain still answers reads (a write failed), so what it already holds is still used.
   */
  onSessionOnly?: (problem: KeychainProblem, detail: { keychainReadable: boolean }) => void;
}

class KeychainTimeout extends Error {
  constructor() {
    super('keychain call timed out');
    this.name = 'KeychainTimeout';
  }
}

/** libsecret / macOS / Windows messages that mean "locked" rather than "not there". */
const LOCKED = /locked|user interaction|interaction is not allowed|cancel|denied by user|prompt/i;

/** Messages that mean there is no keychain to talk to at all (so reads will fail too). */
const NO_SERVICE =
  /not provided by any|autolaunch|dbus|secret ?service|org\.freedesktop\.secrets|no such interface|ServiceUnknown|keychain unavailable|cannot find module/i;

export function classifyKeychainError(error: unknown): KeychainProblem {
  if (error instanceof KeychainTimeout) return 'KEYCHAIN_LOCKED';
  const message = error instanceof Error ? error.message : String(error);
  return LOCKED.test(message) ? 'KEYCHAIN_LOCKED' : 'KEYCHAIN_UNAVAILABLE';
}

export function createGuardedSecretStore(inner: SecretStore, options: GuardedOptions = {}): GuardedSecretStore {
  const timeoutMs = options.timeoutMs ?? 4000;
  const memory = createMemorySecretStore();
  /** Accounts deleted during session-only mode: never fall back to a keychain value for them. */
  const deleted = new Set<string>();
  let problem: KeychainProblem | undefined;
  /**
   * After a failed write the keychain may still be readable (a broken item, a full disk); after
   * a timeout or a missing service, every further call would only wait again.
   */
  let keychainReadable = true;

  const withTimeout = <T>(run: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KeychainTimeout()), timeoutMs);
      timer.unref?.();
      let pending: Promise<T>;
      try {
        pending = run();
      } catch (error) {
        clearTimeout(timer);
        reject(error);
        return;
      }
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  const switchToSessionOnly = (error: unknown, during: 'read' | 'write') => {
    const kind = classifyKeychainError(error);
    const message = error instanceof Error ? error.message : String(error);
    if (during === 'read' || error instanceof KeychainTimeout || NO_SERVICE.test(message)) keychainReadable = false;
    if (problem) return;
    problem = kind;
    options.onSessionOnly?.(kind, { keychainReadable });
  };

  return {
    async get(account) {
      if (problem) {
        const held = await memory.get(account);
        if (held !== null || deleted.has(account) || !keychainReadable) return held;
      }
      try {
        const value = await withTimeout(() => inner.get(account));
        return typeof value === 'string' ? value : null;
      } catch (error) {
        switchToSessionOnly(error, 'read');
        return memory.get(account);
      }
    },
    async set(account, value) {
      deleted.delete(account);
      if (problem) {
        await memory.set(account, value);
        return;
      }
      try {
        await withTimeout(() => inner.set(account, value));
      } catch (error) {
        switchToSessionOnly(error, 'write');
        await memory.set(account, value);
      }
    },
    async delete(account) {
      const heldInMemory = await memory.delete(account);
      if (problem) {
        deleted.add(account);
        if (!keychainReadable) return heldInMemory;
      }
      try {
        return (await withTimeout(() => inner.delete(account))) || heldInMemory;
      } catch (error) {
        switchToSessionOnly(error, 'write');
        deleted.add(account);
        return heldInMemory;
      }
    },
    sessionOnly: () => problem !== undefined,
    problem: () => problem,
  };
}
