/** Data the explorer screen loads from main: catalog, environment, granted scopes, history. */
import { useCallback, useEffect, useState } from 'react';
import type { Catalog } from '../../shared/catalog/types.js';
import type { HistoryEntry } from '../../shared/contract/explorer-channels.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { partner } from '../partner.js';

export function useCatalog() {
  const [catalog, setCatalog] = useState<Catalog | undefined>();
  const reload = useCallback(
    () =>
      partner()
        .explorer.catalog({})
        .then((r) => {
          if (r.ok) setCatalog(r.value);
        }),
    [],
  );
  useEffect(() => {
    let alive = true;
    void partner()
      .explorer.catalog({})
      .then((r) => {
        if (alive && r.ok) setCatalog(r.value);
      });
    return () => {
      alive = false;
    };
  }, []);
  return { catalog, reload };
}

/** The active environment and the scopes its token was granted (empty when not signed in). */
export function useSession() {
  const [env, setEnv] = useState<EnvironmentSummary | undefined>();
  const [granted, setGranted] = useState<string[]>([]);
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    let alive = true;
    const loadStatus = async () => {
      const s = await partner().auth.status({});
      if (alive && s.ok) {
        setGranted(s.value.grantedScopes);
        setSignedIn(s.value.signedIn);
      }
    };
    void partner()
      .environments.list({})
      .then((r) => {
        if (alive && r.ok) setEnv(r.value.environments.find((e) => e.id === r.value.activeId));
      });
    void loadStatus();
    const offEnv = partner().on('environments.changed', (v) => {
      setEnv(v.environments.find((e) => e.id === v.activeId));
      void loadStatus();
    });
    const offStatus = partner().on('auth.statusChanged', (s) => {
      setGranted(s.grantedScopes);
      setSignedIn(s.signedIn);
    });
    return () => {
      alive = false;
      offEnv();
      offStatus();
    };
  }, []);
  return { env, granted, signedIn };
}

export function useHistory(environmentId: string | undefined) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const load = useCallback(() => partner().explorer.history(environmentId ? { environmentId } : {}), [environmentId]);
  const reload = useCallback(
    () =>
      load().then((r) => {
        if (r.ok) setEntries(r.value.entries);
      }),
    [load],
  );
  useEffect(() => {
    let alive = true;
    void load().then((r) => {
      if (alive && r.ok) setEntries(r.value.entries);
    });
    return () => {
      alive = false;
    };
  }, [load]);
  return { entries, reload };
}
