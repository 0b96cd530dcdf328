import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusContext } from '../../../src/core/onboarding/derive-status.js';
import type { StepEvidence, StepId } from '../../../src/shared/onboarding.js';

const ctx: StatusContext = { hasClientSecret: false, flowPending: false, detailsSaved: false };
let n = 0;
const ev = (stepId: StepId, outcome: StepEvidence['outcome'], at: number): StepEvidence => ({
  id: String(++n),
  stepId,
  outcome,
  at,
  how: 'automatic',
  checked: 'x',
  result: 'y',
});

describe('deriveStatus', () => {
  it('is not started without evidence', () => {
    for (const id of ['access-requested', 'authorized', 'first-api-call', 'export-next'] as const)
      expect(deriveStatus(id, [], ctx)).toBe('not-started');
  });

  it('lets the latest decisive evidence win, in either direction', () => {
    expect(deriveStatus('authorized', [ev('authorized', 'passed', 1), ev('authorized', 'failed', 2)], ctx)).toBe('failed');
    expect(deriveStatus('authorized', [ev('authorized', 'failed', 1), ev('authorized', 'passed', 2)], ctx)).toBe('done');
    // Order in the array does not matter, time does.
    expect(deriveStatus('authorized', [ev('authorized', 'passed', 5), ev('authorized', 'failed', 2)], ctx)).toBe('done');
  });

  it('ignores evidence of other steps', () => {
    expect(deriveStatus('first-api-call', [ev('authorized', 'passed', 1)], ctx)).toBe('not-started');
  });

  it('treats a cancelled sign-in (info) as history, not as a status change', () => {
    expect(deriveStatus('authorized', [ev('authorized', 'passed', 1), ev('authorized', 'info', 2)], ctx)).toBe('done');
  });

  it('shows a pending sign-in as in progress', () => {
    expect(deriveStatus('authorized', [ev('authorized', 'failed', 1)], { ...ctx, flowPending: true })).toBe('in-progress');
  });

  it('credentials: saved but unchecked is in progress; accepted is done; cleared reopens the step', () => {
    expect(deriveStatus('credentials-stored', [], { ...ctx, hasClientSecret: true })).toBe('in-progress');
    expect(deriveStatus('credentials-stored', [ev('credentials-stored', 'info', 1)], { ...ctx, hasClientSecret: true })).toBe(
      'in-progress',
    );
    expect(deriveStatus('credentials-stored', [ev('credentials-stored', 'passed', 1)], { ...ctx, hasClientSecret: true })).toBe('done');
    expect(deriveStatus('credentials-stored', [ev('credentials-stored', 'passed', 1)], ctx)).toBe('not-started');
    expect(deriveStatus('credentials-stored', [ev('credentials-stored', 'failed', 1)], ctx)).toBe('failed');
    // A new secret saved after a successful check must be checked again.
    expect(
      deriveStatus('credentials-stored', [ev('credentials-stored', 'passed', 1), ev('credentials-stored', 'info', 2)], {
        ...ctx,
        hasClientSecret: true,
      }),
    ).toBe('in-progress');
  });

  it('refresh without rotation is in progress, with rotation done', () => {
    expect(deriveStatus('refresh-works', [ev('refresh-works', 'info', 1)], ctx)).toBe('in-progress');
    expect(deriveStatus('refresh-works', [ev('refresh-works', 'info', 1), ev('refresh-works', 'passed', 2)], ctx)).toBe('done');
  });

  it('step 1 is in progress once its details are filled in', () => {
    expect(deriveStatus('access-requested', [], { ...ctx, detailsSaved: true })).toBe('in-progress');
  });

  it('"coming next" never changes status', () => {
    expect(deriveStatus('export-next', [ev('export-next', 'passed', 1)], ctx)).toBe('not-started');
  });
});
