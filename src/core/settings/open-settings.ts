/**
 * Opens the non-secret settings file with an explicit, tested reaction to damage
 * (security-test-plan S-6, ST-07, ST-09). conf / electron-store changed the default of
 * `clearInvalidConfig` between versions (silent wipe vs throw), so it is pinned to false and
 * the throw is handled here: the damaged file is copied aside as
 * `<name>.corrupt-<time>.json`, defaults are recreated, and the caller gets `reset` so the UI
 * can show SETTINGS_RESET. The keychain is never touched by any of this.
 *
 * The backend comes from a factory so the same code opens `new Conf(options)` in Node tests
 * and `new ElectronStore(options)` in the app.
 */
import { copyFileSync, existsSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { KeyValueBackend } from '../ports.js';

/**
 * The file's shape, in zod like every other check of untrusted data in core (it used to be
 * conf's JSON schema): an object whose `ui` and `auth` are objects; each feature validates
 * its own keys when it reads them (e.g. history-store.ts, environment-registry.ts).
 */
export const settingsFileSchema = z.looseObject({
  ui: z.looseObject({}).optional(),
  auth: z.looseObject({}).optional(),
});

/** Thrown from conf's `deserialize` when the JSON parses but has the wrong shape. */
export class SettingsShapeError extends Error {
  constructor(detail: string) {
    super(`The settings file has the wrong shape: ${detail}`);
    this.name = 'SettingsShapeError';
  }
}

/** conf / electron-store call this for every read of the file: parse, then check the shape. */
export function parseSettingsFile(text: string): Record<string, unknown> {
  const checked = settingsFileSchema.safeParse(JSON.parse(text));
  if (!checked.success)
    throw new SettingsShapeError(checked.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; '));
  return checked.data;
}

export interface SettingsBackendOptions {
  cwd: string;
  configName: string;
  /** electron-store takes the file name as `name` (and overwrites configName with it). */
  name: string;
  deserialize: (text: string) => Record<string, unknown>;
  clearInvalidConfig: false;
}

export type SettingsResetReason = 'invalid-json' | 'schema-violation' | 'too-large' | 'unreadable';

export interface OpenedSettings {
  backend: KeyValueBackend;
  reset?: { backupPath: string; reason: SettingsResetReason };
}

export interface OpenSettingsOptions {
  cwd: string;
  configName?: string;
  /** Files larger than this are treated as damaged without parsing them (ST-09). */
  maxBytes?: number;
  now?: () => number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

function reasonOf(error: unknown): SettingsResetReason | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'SyntaxError') return 'invalid-json';
  if (error instanceof SettingsShapeError) return 'schema-violation';
  // A file-system error (EACCES, ENOSPC, EROFS...) is not damage: backing up would fail too.
  if (typeof (error as NodeJS.ErrnoException).code === 'string') return undefined;
  return 'unreadable';
}

export function openSettings(factory: (options: SettingsBackendOptions) => KeyValueBackend, options: OpenSettingsOptions): OpenedSettings {
  const configName = options.configName ?? 'config';
  const backendOptions: SettingsBackendOptions = {
    cwd: options.cwd,
    configName,
    name: configName,
    deserialize: parseSettingsFile,
    clearInvalidConfig: false,
  };
  const file = path.join(options.cwd, `${configName}.json`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  let reason: SettingsResetReason | undefined;
  if (existsSync(file) && statSync(file).size > maxBytes) {
    reason = 'too-large';
  } else {
    try {
      const backend = factory(backendOptions);
      // conf reads lazily on some paths; touch the store so a damaged file fails here, not later.
      void backend.store;
      return { backend };
    } catch (error) {
      reason = reasonOf(error);
      if (!reason || !existsSync(file)) throw error;
    }
  }

  const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
  let backupPath = path.join(options.cwd, `${configName}.corrupt-${stamp}.json`);
  for (let n = 1; existsSync(backupPath); n++) backupPath = path.join(options.cwd, `${configName}.corrupt-${stamp}-${n}.json`);
  copyFileSync(file, backupPath);
  unlinkSync(file);
  return { backend: factory(backendOptions), reset: { backupPath, reason } };
}
