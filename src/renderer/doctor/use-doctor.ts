import { useCallback, useEffect, useState } from 'react';
import type { DoctorReport } from '../../shared/contract/diagnostics-channels.js';
import type { AppError } from '../../shared/result.js';
import { partner } from '../partner.js';

/**
 * The doctor's last result for an environment, kept current from 'diagnostics.finished'
 * (a run started elsewhere, e.g. the pre-flight on Connect, shows up here too).
 */
export function useDoctor(environmentId: string | undefined) {
  // Kept per environment, so switching environments never shows the other one's result.
  const [state, setState] = useState<{ environmentId: string; report?: DoctorReport; needsRun: boolean }>();
  const [running, setRunning] = useState(false);
  /** The doctor was run from this component (not just loaded). */
  const [ranHere, setRanHere] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  const current = state && state.environmentId === environmentId ? state : undefined;

  useEffect(() => {
    if (!environmentId) return;
    let alive = true;
    void partner()
      .diagnostics.last({ environmentId })
      .then((r) => {
        if (!alive) return;
        if (r.ok) setState({ environmentId, needsRun: r.value.needsRun, ...(r.value.report ? { report: r.value.report } : {}) });
        else {
          setError(r.error);
          setState({ environmentId, needsRun: false });
        }
      });
    const off = partner().on('diagnostics.finished', (next) => {
      if (next.environmentId !== environmentId) return;
      setState({ environmentId, report: next, needsRun: false });
    });
    return () => {
      alive = false;
      off();
    };
  }, [environmentId]);

  const run = useCallback(async () => {
    if (!environmentId) return;
    setRunning(true);
    setRanHere(true);
    setError(undefined);
    const r = await partner().diagnostics.run({ environmentId });
    setRunning(false);
    if (r.ok) setState({ environmentId, report: r.value, needsRun: false });
    else setError(r.error);
  }, [environmentId]);

  return { report: current?.report, needsRun: current?.needsRun ?? false, loaded: current !== undefined, running, ranHere, error, run };
}
