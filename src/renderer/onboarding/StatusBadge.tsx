import { STATUS_ICONS, STATUS_LABELS, type StepStatus } from '../../shared/onboarding.js';

/** Status as icon + words (never colour alone); the colour only reinforces it. */
export function StatusBadge({ status, comingNext }: { status: StepStatus; comingNext?: boolean }) {
  if (comingNext) {
    return (
      <span className="status-badge status-next" data-status="coming-next">
        <span aria-hidden="true">→</span> Coming next
      </span>
    );
  }
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {STATUS_LABELS[status]}
    </span>
  );
}
