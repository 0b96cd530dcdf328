import { useCallback, useEffect, useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { partner } from '../partner.js';

/** All environments and the active one, kept current from 'environments.changed'. */
export function useEnvironments() {
  const [environments, setEnvironments] = useState<EnvironmentSummary[]>([]);
  const [activeId, setActiveId] = useState<string | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const reload = useCallback(async () => {
    const r = await partner().environments.list({});
    if (r.ok) {
      setEnvironments(r.value.environments);
      setActiveId(r.value.activeId);
      setError(undefined);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    let alive = true;
    void partner()
      .environments.list({})
      .then((r) => {
        if (!alive) return;
        if (r.ok) {
          setEnvironments(r.value.environments);
          setActiveId(r.value.activeId);
        } else setError(r.error);
      });
    const off = partner().on('environments.changed', (v) => {
      setEnvironments(v.environments);
      setActiveId(v.activeId);
    });
    return () => {
      alive = false;
      off();
    };
  }, []);
  const active = environments.find((e) => e.id === activeId);
  /** Apply a summary returned by a request straight away (the event may come later). */
  const apply = useCallback((env: EnvironmentSummary) => setEnvironments((list) => list.map((e) => (e.id === env.id ? env : e))), []);
  return { environments, active, error, reload, apply };
}
