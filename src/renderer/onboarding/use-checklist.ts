import { useCallback, useEffect, useState } from 'react';
import type { ChecklistView } from '../../shared/onboarding.js';
import type { AppError } from '../../shared/result.js';
import { partner } from '../partner.js';

/**
 * The active environment's checklist, kept current from 'onboarding.changed' (evidence from a
 * sign-in in the browser, a check, a confirmation) and from environment switches.
 */
export function useChecklist() {
  const [view, setView] = useState<ChecklistView | undefined>();
  const [loadError, setLoadError] = useState<AppError | undefined>();
  const reload = useCallback(async () => {
    const r = await partner().onboarding.get({});
    if (r.ok) {
      setView(r.value);
      setLoadError(undefined);
    } else setLoadError(r.error);
  }, []);
  useEffect(() => {
    let alive = true;
    void partner()
      .onboarding.get({})
      .then((r) => {
        if (!alive) return;
        if (r.ok) setView(r.value);
        else setLoadError(r.error);
      });
    const offChanged = partner().on('onboarding.changed', (v) => setView((cur) => (!cur || cur.environmentId === v.environmentId ? v : cur)));
    const offEnv = partner().on('environments.changed', () => void reload());
    return () => {
      alive = false;
      offChanged();
      offEnv();
    };
  }, [reload]);
  return { view, setView, loadError, reload };
}
