/** Shared reading of the sign-in progress: which phases are pending, and time left as words. */
import { useEffect, useState } from 'react';
import { PENDING_SIGN_IN_PHASES, type FlowProgress, type SignInPhase } from '../../shared/environments.js';
import { useLive } from '../data/live-store.js';
import { signInProgressStore } from '../data/stores.js';
import { formatDuration } from '../onboarding/format.js';

export const PENDING_PHASES = new Set<SignInPhase>(PENDING_SIGN_IN_PHASES);

export function isPending(p: FlowProgress | null | undefined): p is FlowProgress {
  return !!p && PENDING_PHASES.has(p.phase);
}

/** The latest sign-in progress, optionally only for one environment. */
export function useSignInProgress(environmentId?: string): FlowProgress | undefined {
  const p = useLive(signInProgressStore).data ?? undefined;
  if (!p || (environmentId && p.environmentId !== environmentId)) return undefined;
  return p;
}

/** "9 min 12 s left", re-rendered every second while a deadline is set. */
export function useTimeLeft(expiresAt: number | undefined): string | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (expiresAt === undefined) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [expiresAt]);
  if (expiresAt === undefined) return undefined;
  const left = expiresAt - now;
  return left > 0 ? `${formatDuration(left)} left` : 'time is up';
}
