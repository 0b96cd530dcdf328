/**
 * Everything the renderer shows that main owns, one store each (see live-store.ts). There is
 * one copy of the environment list, one of the preferences, one of the notices, one sign-in
 * progress, and per environment one token status.
 */
import type { EventPayload } from '../../shared/contract/index.js';
import type { AboutInfo, UiPreferences } from '../../shared/contract/app-channels.js';
import type { ExportView } from '../../shared/contract/export-channels.js';
import type { AuthStatus, EnvironmentSummary, FlowProgress } from '../../shared/environments.js';
import type { ChecklistView } from '../../shared/onboarding.js';
import { partner } from '../partner.js';
import { createLiveStore, keyedStores, useLive, type LiveSpec } from './live-store.js';

export interface EnvironmentList {
  environments: EnvironmentSummary[];
  activeId: string;
}

export const environmentsStore = createLiveStore<EnvironmentList>({
  load: () => partner().environments.list({}),
  listen: (push) => partner().on('environments.changed', (v) => push(() => v)),
});

/** Applies a summary returned by a request straight away (the event may come a moment later). */
export function applyEnvironment(env: EnvironmentSummary): void {
  environmentsStore.set((cur) => (cur ? { ...cur, environments: cur.environments.map((e) => (e.id === env.id ? env : e)) } : cur));
}

export function useEnvironments() {
  const { data, error } = useLive(environmentsStore);
  const active = data?.environments.find((e) => e.id === data.activeId);
  return { environments: data?.environments ?? [], active, error, reload: environmentsStore.reload, apply: applyEnvironment };
}

export const preferencesStore = createLiveStore<UiPreferences>({
  load: () => partner().app.getPreferences({}),
  listen: (push) => partner().on('app.preferencesChanged', (p) => push(() => p)),
});

export type Notice = EventPayload<'app.notice'> & { id: number };
let nextNotice = 1;
const addNotice = (list: Notice[] | undefined, n: EventPayload<'app.notice'>): Notice[] => {
  const rest = (list ?? []).filter((x) => !n.code || x.code !== n.code);
  return n.withdrawn ? rest : [...rest, { ...n, id: nextNotice++ }];
};

/** Banners from main; those raised before this window subscribed come with the first load. */
export const noticesStore = createLiveStore<Notice[]>({
  load: async () => {
    const r = await partner().app.notices({});
    return r.ok ? { ok: true, value: r.value.notices.reduce<Notice[]>(addNotice, []) } : r;
  },
  listen: (push) => partner().on('app.notice', (n) => push((list) => addNotice(list, n))),
  // Both count: kept notices from the load, then anything that arrived while it was in flight.
  merge: (current, loaded) => {
    const seen = new Set((current ?? []).map((n) => n.code ?? `#${n.id}`));
    return [...loaded.filter((n) => !seen.has(n.code ?? `#${n.id}`)), ...(current ?? [])];
  },
});

export function dismissNotice(id: number): void {
  noticesStore.set((list) => list?.filter((n) => n.id !== id));
}

/**
 * The sign-in's progress, from ONE ordered source: main's auth.flowProgress events (plus the
 * latest one when a window opens mid-flow). The answer to auth.signIn is never applied: it can
 * arrive after a later event (a fast failure) and would turn "Failed" back into "Waiting".
 */
export const signInProgressStore = createLiveStore<FlowProgress | null>({
  load: async () => {
    const r = await partner().auth.progress({});
    return r.ok ? { ok: true, value: r.value.progress ?? null } : r;
  },
  listen: (push) => partner().on('auth.flowProgress', (p) => push(() => p)),
});

export const authStatusStore = keyedStores((environmentId) =>
  createLiveStore<AuthStatus>({
    load: () => partner().auth.status({ environmentId }),
    listen: (push) =>
      partner().on('auth.statusChanged', (s) => {
        if (s.environmentId === environmentId) push(() => s);
      }),
  }),
);

/**
 * Listening for a view of the active environment: `on` delivers main's new views, applied when
 * `belongs` says so (not a late one of the environment just left); an environment switch
 * loads the new environment's view.
 */
function followActiveEnvironment<T>(
  on: (apply: (view: T) => void) => () => void,
  belongs: (current: T | undefined, view: T) => boolean,
): LiveSpec<T>['listen'] {
  return (push, reload) => {
    const offChanged = on((view) => push((current) => (belongs(current, view) ? view : current)));
    const offEnv = partner().on('environments.changed', () => reload());
    return () => {
      offChanged();
      offEnv();
    };
  };
}

/** The active environment's checklist; an environment switch loads the new one. */
export const checklistStore = createLiveStore<ChecklistView>({
  load: () => partner().onboarding.get({}),
  listen: followActiveEnvironment(
    (apply) => partner().on('onboarding.changed', apply),
    (cur, v) => !cur || cur.environmentId === v.environmentId || v.environmentId === environmentsStore.get().data?.activeId,
  ),
});

/** The active environment's export checklist, with the progress of a background run. */
export const exportStore = createLiveStore<ExportView>({
  load: () => partner().export.get({}),
  listen: followActiveEnvironment(
    (apply) => partner().on('export.changed', apply),
    (cur, v) => !cur || cur.environmentId === v.environmentId,
  ),
});

/** What is running and where the app keeps its data: it does not change while the app runs. */
export const aboutStore = createLiveStore<AboutInfo>({
  load: () => partner().app.about({}),
  listen: () => () => undefined,
});
