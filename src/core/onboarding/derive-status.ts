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
}

const INFO_MEANS_IN_PROGRESS: ReadonlySet<StepId> = new Set(['credentials-stored', 'refresh-works']);

export function deriveStatus(stepId: StepId, evidence: readonly StepEvidence[], ctx: StatusContext): StepStatus {
  if (stepId === 'export-next') return 'not-started';
  if (stepId === 'authorized' && ctx.flowPending) return 'in-progress';
  const relevant = evidence.filter(
    (e) => e.stepId === stepId && (e.outcome !== 'info' || INFO_MEANS_IN_PROGRESS.has(stepId)),
  );
  const latest = relevant.reduce<StepEvidence | undefined>((a, e) => (!a || e.at >= a.at ? e : a), undefined);
  let status: StepStatus = latest ? (latest.outcome === 'passed' ? 'done' : latest.outcome === 'failed' ? 'failed' : 'in-progress') : 'not-started';
  if (stepId === 'credentials-stored') {
    // Proof is about the secret now in the keychain: once it is cleared, the step is open again.
    if (!ctx.hasClientSecret && status !== 'failed') status = 'not-started';
    else if (ctx.hasClientSecret && status === 'not-started') status = 'in-progress';
  }
  if (stepId === 'access-requested' && status === 'not-started' && ctx.detailsSaved) status = 'in-progress';
  return status;
}
