import type { UiPreferences } from '../../shared/contract/app-channels.js';
import type { KeyValueBackend } from '../ports.js';

const KEY = 'ui';
const DEFAULTS: UiPreferences = { theme: 'system', presenterMode: false };

/** Theme and presenter mode: non-secret, kept in the settings backend. */
export function createPreferences(backend: KeyValueBackend) {
  const read = (): UiPreferences => {
    const raw = backend.get(KEY) as Partial<UiPreferences> | undefined;
    return {
      theme: raw?.theme === 'light' || raw?.theme === 'dark' || raw?.theme === 'system' ? raw.theme : DEFAULTS.theme,
      presenterMode: typeof raw?.presenterMode === 'boolean' ? raw.presenterMode : DEFAULTS.presenterMode,
    };
  };
  return {
    get: read,
    update(patch: Partial<UiPreferences>): UiPreferences {
      const next = { ...read(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      backend.set(KEY, next);
      return next;
    },
  };
}
export type Preferences = ReturnType<typeof createPreferences>;
