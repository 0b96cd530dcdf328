/**
 * The explorer's data, through the shared data layer (data/live-store.ts): the endpoint
 * catalog, the active environment with its token status, and the request history.
 */
import type { Catalog } from '../../shared/catalog/types.js';
import type { HistoryEntry } from '../../shared/contract/explorer-channels.js';
import { createLiveStore, keyedStores, useLive } from '../data/live-store.js';
import { useEnvironments } from '../data/stores.js';
import { partner } from '../partner.js';
import { useAuthStatus } from '../token/use-auth-status.js';

const catalogStore = createLiveStore<Catalog>({
  load: () => partner().explorer.catalog({}),
  // The catalog changes only through this window (imports), which reloads it.
  listen: () => () => undefined,
});

export function useCatalog() {
  const { data, error } = useLive(catalogStore);
  return { catalog: data, error, reload: catalogStore.reload };
}

/** The active environment and the scopes its token was granted (empty when not signed in). */
export function useSession() {
  const { active: env } = useEnvironments();
  const { status } = useAuthStatus(env?.id);
  return { env, granted: status?.signedIn ? status.grantedScopes : [], signedIn: !!status?.signedIn, status };
}

const historyStore = keyedStores((environmentId) =>
  createLiveStore<HistoryEntry[]>({
    load: async () => {
      const r = await partner().explorer.history({ environmentId });
      return r.ok ? { ok: true, value: r.value.entries } : r;
    },
    // History grows only through requests sent from this window, which reload it.
    listen: () => () => undefined,
  }),
);

export function useHistory(environmentId: string | undefined) {
  const store = environmentId ? historyStore(environmentId) : undefined;
  const { data, error } = useLive(store);
  return { entries: data ?? [], error, reload: async () => store?.reload() };
}
