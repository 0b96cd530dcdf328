import { SELF_CONFIRMED_ICON, SELF_CONFIRMED_LABEL, STATUS_ICONS, STATUS_LABELS, type StepStatus } from '../../shared/onboarding.js';

/**
 * Status as icon + words (never colour alone); the colour only reinforces it. The same pills
 * everywhere: Proven, Self-confirmed, In progress, Failed, Not started, Coming next.
 */
export function StatusBadge({ status, comingNext, selfConfirmed }: { status: StepStatus; comingNext?: boolean; selfConfirmed?: boolean }) {
  if (comingNext) {
    return (
      <span className="status-badge status-next" data-status="coming-next">
        <span aria-hidden="true">→</span> Coming next
      </span>
    );
  }
  if (status === 'done' && selfConfirmed) {
    return (
      <span className="status-badge status-self" data-status="self-confirmed">
        <span aria-hidden="true">{SELF_CONFIRMED_ICON}</span> {SELF_CONFIRMED_LABEL}
      </span>
    );
  }
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {STATUS_LABELS[status]}
    </span>
  );
}
