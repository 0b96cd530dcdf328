import { useCallback } from 'react';
import type { AuthStatus } from '../../shared/environments.js';
import { useLive } from '../data/live-store.js';
import { authStatusStore } from '../data/stores.js';

/**
 * Token status of an environment (no tokens), kept current from 'auth.statusChanged'. Each
 * environment has its own store, so a switch never shows the old one's status.
 */
export function useAuthStatus(environmentId: string | undefined) {
  const store = environmentId ? authStatusStore(environmentId) : undefined;
  const { data, error } = useLive(store);
  const setStatus = useCallback((status: AuthStatus) => authStatusStore(status.environmentId).set(() => status), []);
  return { status: data, setStatus, error };
}
