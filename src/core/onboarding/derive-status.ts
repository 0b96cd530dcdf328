/**
 * Step status from evidence: a pure function, so the rules are unit-tested in isolation.
 *
 * The latest decisive evidence wins (a later failure outranks an earlier success: the checklist
 * tells the truth about the last attempt). "Info" evidence is history, except where it means
 * "started but not proven" (secret saved but not checked; refreshed without rotation).
 */
import type { StepEvidence, StepId, StepStatus } from '../../shared/onboarding.js';

export interface StatusContext {
  /** A Client Secret is stored for this environment. */
  hasClientSecret: boolean;
  /** A sign-in is under way (browser opened, waiting for the callback, exchanging). */
  flowPending: boolean;
  /** Step 1's details have been filled in. */
  detailsSaved: boolean;
  /** The environment holds a valid session now (the proof of step 5 still holds). */
  signedIn?: boolean;
}

const INFO_MEANS_IN_PROGRESS: ReadonlySet<StepId> = new Set(['credentials-stored', 'refresh-works']);

export function deriveStatus(stepId: StepId, evidence: readonly StepEvidence[], ctx: StatusContext): StepStatus {
  if (stepId === 'export-next') return 'not-started';
  if (stepId === 'authorized' && ctx.flowPending) return 'in-progress';
  // An 'info' carrying an error code is an attempt nobody judged (e.g. the server could not
  // be reached): history only, it neither proves nor fails the step.
  const relevant = evidence.filter(
    (e) => e.stepId === stepId && (e.outcome !== 'info' || (INFO_MEANS_IN_PROGRESS.has(stepId) && !e.errorCode)),
  );
  const latest = relevant.reduce<StepEvidence | undefined>((a, e) => (!a || e.at >= a.at ? e : a), undefined);
  let status: StepStatus = latest
    ? latest.outcome === 'passed'
      ? 'done'
      : latest.outcome === 'failed'
        ? 'failed'
        : 'in-progress'
    : 'not-started';
  if (stepId === 'credentials-stored') {
    // Proof is about the secret now in the keychain: once it is cleared, the step is open again.
    if (!ctx.hasClientSecret && status !== 'failed') status = 'not-started';
    else if (ctx.hasClientSecret && status === 'not-started') status = 'in-progress';
  }
  if (stepId === 'access-requested' && status === 'not-started' && ctx.detailsSaved) status = 'in-progress';
  // Never demote a proven sign-in while its proof (a valid session) still holds: a later
  // attempt that failed or was abandoned does not undo the session the app holds.
  if (stepId === 'authorized' && status === 'failed' && ctx.signedIn && relevant.some((e) => e.outcome === 'passed')) status = 'done';
  return status;
}
