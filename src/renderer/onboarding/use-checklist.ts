import { checklistStore } from '../data/stores.js';
import { useLive } from '../data/live-store.js';

/**
 * The active environment's checklist, kept current from 'onboarding.changed' (evidence from a
 * sign-in in the browser, a check, a confirmation) and from environment switches.
 */
export function useChecklist() {
  const { data, error } = useLive(checklistStore);
  return { view: data, loadError: error, reload: checklistStore.reload };
}
