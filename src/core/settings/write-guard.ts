/**
 * ST-10 / ST-11: the settings file cannot be written (disk full, read-only profile folder,
 * no permission). conf / electron-store write atomically (temp file, then rename), so a failed
 * write leaves the previous file as it was; this guard makes sure nothing the user did is lost
 * either: the change is kept in memory and read back from there, the user is told once in plain
 * words, and every later write tries again to save what is pending. When a write succeeds
 * again, the notice is withdrawn. Errors that are not about the file system still throw.
 */
import type { KeyValueBackend } from '../ports.js';

/** File-system refusals a later write can get past (space freed, folder made writable). */
const UNWRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

export type SettingsWriteProblem = 'disk-full' | 'read-only';

export interface SettingsWriteGuardEvents {
  /** A write failed; what was written stays in memory until it can be saved. */
  onUnwritable(problem: SettingsWriteProblem): void;
  /** Everything pending has been saved. */
  onSaved(): void;
}

type Pending = { kind: 'set'; value: unknown } | { kind: 'delete' };

function problemOf(error: unknown): SettingsWriteProblem | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !UNWRITABLE.has(code)) return undefined;
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'read-only';
}

export function guardSettingsWrites(backend: KeyValueBackend, events: SettingsWriteGuardEvents): KeyValueBackend {
  // Insertion order is write order, so a retry replays the changes as the user made them.
  const pending = new Map<string, Pending>();

  const write = (key: string, change: Pending) => {
    if (change.kind === 'set') backend.set(key, change.value);
    else backend.delete(key);
  };

  // Whether the user has been told that saving fails; they are told once, and told again only
  // after a write has succeeded in between.
  let failing = false;

  /** Saves this change and everything still pending, in order; keeps in memory what fails. */
  const attempt = (key: string, change: Pending): void => {
    pending.delete(key);
    pending.set(key, change);
    try {
      for (const [k, c] of [...pending]) {
        write(k, c);
        pending.delete(k);
      }
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) {
        pending.delete(key);
        throw error;
      }
      if (!failing) events.onUnwritable(problem);
      failing = true;
      return;
    }
    if (failing) events.onSaved();
    failing = false;
  };

  const merged = (): Record<string, unknown> => {
    const store = { ...backend.store };
    for (const [k, c] of pending) {
      if (c.kind === 'set') store[k] = c.value;
      else delete store[k];
    }
    return store;
  };

  return {
    get(key) {
      const change = pending.get(key);
      if (change) return change.kind === 'set' ? change.value : undefined;
      return backend.get(key);
    },
    set: (key, value) => attempt(key, { kind: 'set', value }),
    delete: (key) => attempt(key, { kind: 'delete' }),
    clear() {
      for (const key of Object.keys(merged())) attempt(key, { kind: 'delete' });
    },
    get path() {
      return backend.path;
    },
    get store() {
      return merged();
    },
  };
}
