import { useCallback, useEffect, useState } from 'react';
import type { ExportView } from '../../shared/contract/export-channels.js';
import type { AppError } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { partner } from '../partner.js';

/**
 * The active environment's export checklist, kept current from 'export.changed' (progress of a
 * background run, step evidence) and from environment switches. `act` runs one action and
 * keeps its error for the screen.
 */
export function useExport() {
  const [view, setView] = useState<ExportView | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const reload = useCallback(async () => {
    const r = await partner().export.get({});
    if (r.ok) setView(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    let alive = true;
    void partner()
      .export.get({})
      .then((r) => {
        if (!alive) return;
        if (r.ok) setView(r.value);
        else setError(r.error);
      });
    const offChanged = partner().on('export.changed', (v) => setView((cur) => (!cur || cur.environmentId === v.environmentId ? v : cur)));
    const offEnv = partner().on('environments.changed', () => void reload());
    return () => {
      alive = false;
      offChanged();
      offEnv();
    };
  }, [reload]);

  const act = useCallback(
    async <T>(name: string, run: () => Promise<Result<T>>, pick: (value: T) => ExportView): Promise<T | undefined> => {
      setBusy(name);
      setError(undefined);
      try {
        const r = await run();
        if (!r.ok) {
          setError(r.error);
          void reload();
          return undefined;
        }
        setView(pick(r.value));
        return r.value;
      } finally {
        setBusy(undefined);
      }
    },
    [reload],
  );

  return { view, error, busy, act, reload };
}
