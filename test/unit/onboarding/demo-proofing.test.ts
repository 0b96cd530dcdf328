/** Issue 13 rules in the checklist model: unreachable is not rejected, proofs are not demoted, ticks are not proofs. */
import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusContext } from '../../../src/core/onboarding/derive-status.js';
import { evidenceFromAuth } from '../../../src/core/onboarding/evidence-from-auth.js';
import { buildView, confirmBlocked } from '../../../src/core/onboarding/build-view.js';
import { emptyRecord } from '../../../src/core/onboarding/progress-store.js';
import { progressHeadline, type StepEvidence } from '../../../src/shared/onboarding.js';
import { simulatorEnv } from './fakes.js';

const ctx: StatusContext = { hasClientSecret: true, flowPending: false, detailsSaved: false };
const ev = (e: Partial<StepEvidence> & Pick<StepEvidence, 'stepId' | 'outcome' | 'at'>): StepEvidence => ({
  id: String(e.at),
  how: 'automatic',
  checked: 'x',
  result: 'y',
  ...e,
});

describe('demo-proofing rules', () => {
  it('D2: an unreachable credential check is history, not a failure: the proven step stays proven', () => {
    const [unreachable] = evidenceFromAuth({
      kind: 'credentials-checked',
      environmentId: 'simulator',
      clientId: 'c',
      at: 2,
      summary: 'x',
      details: { credentialCheck: { outcome: 'unreachable', checkedAt: 2, detail: 'no answer' } },
    });
    expect(unreachable).toMatchObject({ outcome: 'info', errorCode: 'AS_UNAVAILABLE' });
    const evidence = [ev({ stepId: 'credentials-stored', outcome: 'passed', at: 1 }), { ...unreachable!, id: 'u' }];
    expect(deriveStatus('credentials-stored', evidence, ctx)).toBe('done');
  });

  it('D3: an abandoned sign-in (timed out) is not a failure, and a valid session keeps step 5 proven', () => {
    const [expired] = evidenceFromAuth({
      kind: 'sign-in-failed',
      environmentId: 'simulator',
      clientId: 'c',
      at: 2,
      summary: 'x',
      details: { errorCode: 'FLOW_EXPIRED' },
    });
    expect(expired!.outcome).toBe('info');
    const denied = ev({ stepId: 'authorized', outcome: 'failed', at: 3, errorCode: 'AUTH_DENIED' });
    const evidence = [ev({ stepId: 'authorized', outcome: 'passed', at: 1 }), denied];
    expect(deriveStatus('authorized', evidence, { ...ctx, signedIn: true })).toBe('done');
    expect(deriveStatus('authorized', evidence, { ...ctx, signedIn: false })).toBe('failed');
  });

  it('D5: ticked steps are self-confirmed, never counted as proven; a client name with "Pleo" blocks step 2', () => {
    const rec = emptyRecord();
    rec.evidence.push(ev({ stepId: 'access-requested', outcome: 'passed', at: 1, how: 'manual' }));
    rec.evidence.push(ev({ stepId: 'staging-access', outcome: 'passed', at: 2 }));
    const view = buildView({ env: simulatorEnv({ clientId: 'c' }), record: rec, flowPending: false, pdfAvailable: false });
    expect(view.steps[0]!.selfConfirmed).toBe(true);
    expect(view.steps[2]!.selfConfirmed).toBeUndefined();
    expect(progressHeadline(view)).toBe('1 of 7 steps proven, 1 self-confirmed');
    expect(confirmBlocked('client-registered', { ...rec.details, clientName: 'Books for PLEO' })).toMatch(/Pleo/);
    expect(confirmBlocked('client-registered', { ...rec.details, clientName: 'Books Sync' })).toBeUndefined();
  });
});
