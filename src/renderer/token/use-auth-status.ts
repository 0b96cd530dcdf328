import { useCallback, useEffect, useState } from 'react';
import type { AuthStatus } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { partner } from '../partner.js';

/**
 * Token status of an environment (no tokens), kept current from 'auth.statusChanged'. The
 * state remembers which environment it belongs to, so a switch never shows the old one's.
 */
export function useAuthStatus(environmentId: string | undefined) {
  const [state, setState] = useState<{ environmentId: string; status: AuthStatus } | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const setStatus = useCallback((status: AuthStatus) => setState({ environmentId: status.environmentId, status }), []);
  useEffect(() => {
    if (!environmentId) return;
    let alive = true;
    void partner()
      .auth.status({ environmentId })
      .then((r) => {
        if (!alive) return;
        if (r.ok) setStatus(r.value);
        else setError(r.error);
      });
    const off = partner().on('auth.statusChanged', (s) => {
      if (s.environmentId === environmentId) setStatus(s);
    });
    return () => {
      alive = false;
      off();
    };
  }, [environmentId, setStatus]);
  const status = state && state.environmentId === environmentId ? state.status : undefined;
  return { status, setStatus, error };
}
