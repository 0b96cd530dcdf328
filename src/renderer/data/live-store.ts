/**
 * The renderer's one data layer: a value that main owns, loaded once and kept current from
 * main's events. Every screen reads it through useLive(store), so the rules live here once:
 *
 * - subscribe BEFORE loading, so no event can slip between the answer and the subscription;
 * - an answer never overwrites a newer event: a load applies only if no event changed the
 *   value while it was in flight (or through `merge`, for lists that combine both);
 * - only the newest load applies (an environment switch reloads; the old answer is dropped);
 * - a failed load is kept as `error` for the screen to show, never dropped.
 *
 * Stores start with their first subscriber and stop with their last (StrictMode mounts twice).
 */
import { useSyncExternalStore } from 'react';
import type { AppError, Result } from '../../shared/result.js';

export interface LiveSnapshot<T> {
  data: T | undefined;
  error: AppError | undefined;
}

export type Update<T> = (current: T | undefined) => T | undefined;

export interface LiveSpec<T> {
  load(): Promise<Result<T>>;
  /** Wires main's events: `push` applies one, `reload` fetches again. Returns the unsubscribe. */
  listen(push: (update: Update<T>) => void, reload: () => void): () => void;
  /** How an answer meets the current value; default: keep the current one if an event changed it meanwhile. */
  merge?(current: T | undefined, loaded: T, eventsSinceLoad: boolean): T;
}

export interface LiveStore<T> {
  subscribe(onChange: () => void): () => void;
  get(): LiveSnapshot<T>;
  reload(): Promise<void>;
  /** A local change (e.g. the answer to a request that changed the value). Counts as an event. */
  set(update: Update<T>): void;
}

export function createLiveStore<T>(spec: LiveSpec<T>): LiveStore<T> {
  let snapshot: LiveSnapshot<T> = { data: undefined, error: undefined };
  const listeners = new Set<() => void>();
  let stopListening: (() => void) | undefined;
  let changes = 0;
  let loads = 0;

  const publish = (next: LiveSnapshot<T>) => {
    snapshot = next;
    for (const l of [...listeners]) l();
  };

  const set = (update: Update<T>) => {
    const next = update(snapshot.data);
    if (next === snapshot.data) return;
    changes += 1;
    publish({ data: next, error: undefined });
  };

  const reload = async () => {
    const mine = ++loads;
    const changesAtStart = changes;
    let r: Result<T>;
    try {
      r = await spec.load();
    } catch {
      r = {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'The app could not load this information.',
          hint: 'Try again; if it keeps failing, restart the app.',
        },
      };
    }
    if (mine !== loads) return; // a newer load was started: its answer is the one that counts
    if (!r.ok) {
      publish({ data: snapshot.data, error: r.error });
      return;
    }
    const eventsSince = changes !== changesAtStart;
    const data = spec.merge
      ? spec.merge(snapshot.data, r.value, eventsSince)
      : eventsSince && snapshot.data !== undefined
        ? snapshot.data
        : r.value;
    publish({ data, error: undefined });
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      if (!stopListening) {
        stopListening = spec.listen(set, () => void reload());
        void reload();
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && stopListening) {
          stopListening();
          stopListening = undefined;
          // Unwatched data goes stale: the next subscriber starts from a fresh load.
          loads += 1;
          snapshot = { data: undefined, error: undefined };
        }
      };
    },
    get: () => snapshot,
    reload,
    set,
  };
}

/** Stores keyed by a value (e.g. an environment id), created on first use. */
export function keyedStores<T>(make: (key: string) => LiveStore<T>): (key: string) => LiveStore<T> {
  const stores = new Map<string, LiveStore<T>>();
  return (key) => {
    let s = stores.get(key);
    if (!s) stores.set(key, (s = make(key)));
    return s;
  };
}

const NOTHING: LiveSnapshot<never> = { data: undefined, error: undefined };
const EMPTY: LiveStore<never> = {
  subscribe: () => () => undefined,
  get: () => NOTHING,
  reload: async () => undefined,
  set: () => undefined,
};

/** Reads a store in a component; with no store (nothing to load yet) it reads as empty. */
export function useLive<T>(store: LiveStore<T> | undefined): LiveSnapshot<T> {
  const s = (store ?? EMPTY) as LiveStore<T>;
  return useSyncExternalStore(s.subscribe, s.get);
}
