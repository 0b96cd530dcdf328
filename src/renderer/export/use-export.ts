import { useCallback, useState } from 'react';
import type { ExportView } from '../../shared/contract/export-channels.js';
import type { AppError } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { useLive } from '../data/live-store.js';
import { exportStore } from '../data/stores.js';

/**
 * The active environment's export checklist, kept current from 'export.changed' (progress of a
 * background run, step evidence) and from environment switches (exportStore). `act` runs one
 * action and keeps its error for the screen.
 */
export function useExport() {
  const { data: view, error: loadError } = useLive(exportStore);
  const [error, setError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const reload = exportStore.reload;

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
        exportStore.set(() => pick(r.value));
        return r.value;
      } finally {
        setBusy(undefined);
      }
    },
    [reload],
  );

  return { view, error: error ?? loadError, busy, act, reload };
}
