import { SELF_CONFIRMED_ICON, SELF_CONFIRMED_LABEL, STATUS_ICONS, STATUS_LABELS, type ReportModel } from './onboarding.js';

/**
 * How a step's status reads in the readiness report (icon and words), the same in the saved
 * HTML file (core) and in the in-app preview (renderer): the next feature is "coming next", a
 * ticked step is "self-confirmed" (never "proven"), else the checked status.
 */
export function reportStepStatus(step: Pick<ReportModel['steps'][number], 'status' | 'comingNext' | 'selfConfirmed'>): {
  icon: string;
  label: string;
} {
  if (step.comingNext) return { icon: '→', label: 'Coming next' };
  if (step.selfConfirmed) return { icon: SELF_CONFIRMED_ICON, label: SELF_CONFIRMED_LABEL };
  return { icon: STATUS_ICONS[step.status], label: STATUS_LABELS[step.status] };
}
