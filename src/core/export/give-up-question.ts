/**
 * The question main asks before an export job is given up (issue 14): giving up sends `failed`
 * with `canceled_by_user`, which Pleo cannot take back, and the customer has to export again.
 */
import type { ConfirmRequest } from '../ports.js';

export function giveUpQuestion(jobId: string, reported: number): ConfirmRequest {
  return {
    kind: 'give-up-export-job',
    title: 'Give up this export job?',
    message: 'Pleo marks the job as failed (cancelled by you). This cannot be undone: the customer has to start a new export in Pleo.',
    detail: [
      `Job …${jobId.slice(-6)}`,
      reported > 0
        ? `${reported.toLocaleString('en')} items were already reported back to Pleo; the rest are marked as not exported.`
        : 'No item was reported back to Pleo yet.',
      'To go on with the export instead, choose Cancel and then Resume.',
    ].join('\n'),
    confirmLabel: 'Give up the job',
  };
}
