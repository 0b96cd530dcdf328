/** Doctor statuses as icon + word (never colour alone). */
import type { DoctorStatus } from '../../shared/contract/diagnostics-channels.js';

export const DOCTOR_STATUS_LABEL: Record<DoctorStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Failed', skip: 'Not needed' };
export const DOCTOR_STATUS_ICON: Record<DoctorStatus, string> = { pass: '✓', warn: '!', fail: '✕', skip: '–' };

export function DoctorStatusPill({ status }: { status: DoctorStatus }) {
  return (
    <span className={`doctor-pill doctor-${status}`} data-status={status}>
      <span aria-hidden="true">{DOCTOR_STATUS_ICON[status]}</span> {DOCTOR_STATUS_LABEL[status]}
    </span>
  );
}
