import { z } from 'zod';
import type { UiPreferences } from '../../shared/contract/app-channels.js';
import type { KeyValueBackend } from '../ports.js';

const KEY = 'ui';
const DEFAULTS: UiPreferences = { theme: 'system', presenterMode: false };

/** Each stored field on its own: a bad value falls back to its default, the other is kept. */
const storedPreferences = z.object({
  theme: z.enum(['light', 'dark', 'system']).catch(DEFAULTS.theme),
  presenterMode: z.boolean().catch(DEFAULTS.presenterMode),
});

/** Theme and presenter mode: non-secret, kept in the settings backend. */
export function createPreferences(backend: KeyValueBackend) {
  const read = (): UiPreferences => {
    const checked = storedPreferences.safeParse(backend.get(KEY) ?? {});
    return checked.success ? checked.data : { ...DEFAULTS };
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
