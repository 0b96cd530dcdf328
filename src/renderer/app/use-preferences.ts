import { useCallback, useEffect, useState } from 'react';
import type { UiPreferences } from '../../shared/contract/app-channels.js';
import { partner } from '../partner.js';

/** Theme and presenter mode, kept in main and mirrored on <html> as data attributes. */
export function usePreferences() {
  const [prefs, setPrefs] = useState<UiPreferences>({ theme: 'system', presenterMode: false });
  useEffect(() => {
    let alive = true;
    void partner()
      .app.getPreferences({})
      .then((r) => {
        if (alive && r.ok) setPrefs(r.value);
      });
    const off = partner().on('app.preferencesChanged', (p) => setPrefs(p));
    return () => {
      alive = false;
      off();
    };
  }, []);
  useEffect(() => {
    const html = document.documentElement;
    html.dataset.theme = prefs.theme;
    html.dataset.presenter = prefs.presenterMode ? 'on' : 'off';
  }, [prefs]);
  const update = useCallback(async (patch: Partial<UiPreferences>) => {
    const r = await partner().app.setPreferences(patch);
    if (r.ok) setPrefs(r.value);
  }, []);
  return { prefs, update };
}
