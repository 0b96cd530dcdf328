import { useCallback, useEffect } from 'react';
import type { UiPreferences } from '../../shared/contract/app-channels.js';
import { useLive } from '../data/live-store.js';
import { preferencesStore } from '../data/stores.js';
import { partner } from '../partner.js';

const DEFAULTS: UiPreferences = { theme: 'system', presenterMode: false };

/** Theme and presenter mode, kept in main and mirrored on <html> as data attributes. */
export function usePreferences() {
  const { data, error } = useLive(preferencesStore);
  const prefs = data ?? DEFAULTS;
  useEffect(() => {
    const html = document.documentElement;
    html.dataset.theme = prefs.theme;
    html.dataset.presenter = prefs.presenterMode ? 'on' : 'off';
  }, [prefs]);
  const update = useCallback(async (patch: Partial<UiPreferences>) => {
    const r = await partner().app.setPreferences(patch);
    if (r.ok) preferencesStore.set(() => r.value);
  }, []);
  return { prefs, update, error };
}
