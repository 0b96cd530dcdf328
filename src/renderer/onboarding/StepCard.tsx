import { useState } from 'react';
import type { StepAction, StepView } from '../../shared/onboarding.js';
import type { OnboardingDetails } from '../../shared/onboarding.js';
import type { ScreenId } from '../app/screen-id.js';
import { ExplainedError } from '../connect/ExplainedError.js';
import { ConfirmForm } from './ConfirmForm.js';
import { DetailsForm } from './DetailsForm.js';
import { EvidenceList } from './EvidenceList.js';
import { PreparedList } from './PreparedList.js';
import { StatusBadge } from './StatusBadge.js';
import { ACTION_LABELS, runStepAction, type ActionOutcome } from './step-actions.js';

const CONFIRM_LABELS: Record<string, string> = {
  'access-requested': 'Confirm: request sent',
  'client-registered': 'Confirm: registration sent',
  'staging-access': 'Confirm: I see the dashboard and dummy data',
};

interface Props {
  step: StepView;
  environmentId: string;
  details: OnboardingDetails;
  navigate: (id: ScreenId) => void;
}

/** One checklist step: status, how it is proven, what to do, prepared texts, actions, evidence. */
export function StepCard({ step, environmentId, details, navigate }: Props) {
  const [busy, setBusy] = useState<StepAction | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome>({});
  const headingId = `step-${step.id}-heading`;
  const run = async (action: StepAction) => {
    setBusy(action);
    setOutcome({});
    try {
      setOutcome(await runStepAction(action, step.id, environmentId, navigate));
    } finally {
      setBusy(undefined);
    }
  };
  const buttons = step.actions.filter((a) => ACTION_LABELS[a]);
  const primary = step.status !== 'done' && !step.comingNext;
  return (
    <li className={`step-card step-${step.status}${step.comingNext ? ' step-next' : ''}`} data-testid={`step-${step.id}`} data-status={step.status}>
      <article aria-labelledby={headingId}>
        <header className="step-header">
          <h3 id={headingId}>
            <span className="step-number">Step {step.number}:</span> {step.title}
          </h3>
          <StatusBadge status={step.status} {...(step.comingNext ? { comingNext: true } : {})} />
        </header>
        <p className="step-proof">
          <span className={`proof-kind proof-${step.proof}`}>
            {step.proof === 'automatic' ? 'Automatic proof' : step.proof === 'manual' ? 'Manual confirmation' : 'Not proven here'}
          </span>{' '}
          {step.proofText}
        </p>
        <p className="step-todo">
          <strong>What to do: </strong>
          {step.whatToDo}
        </p>
        {step.actions.includes('save-details') && (
          <details className="step-details" open={step.status === 'not-started'}>
            <summary>Your details for Pleo's forms</summary>
            <DetailsForm environmentId={environmentId} details={details} />
          </details>
        )}
        {step.prepared && (step.id === 'access-requested' || step.id === 'client-registered') && (
          <details className="step-prepared" open={step.status !== 'done'}>
            <summary>{step.id === 'access-requested' ? 'Prepared text for the Partner API Access Request' : 'Prepared details for the Developer Partner Registration'}</summary>
            <PreparedList stepId={step.id} items={step.prepared} environmentId={environmentId} />
          </details>
        )}
        {buttons.length > 0 && (
          <div className="step-actions">
            {buttons.map((a, i) => (
              <button
                key={a}
                type="button"
                className={i === 0 && primary ? 'primary' : undefined}
                onClick={() => void run(a)}
                disabled={!!busy}
                aria-busy={busy === a}
                aria-describedby={headingId}
                data-testid={`action-${step.id}-${a}`}
              >
                {busy === a ? `${ACTION_LABELS[a]}…` : ACTION_LABELS[a]}
              </button>
            ))}
          </div>
        )}
        {step.actions.includes('confirm') && step.status !== 'done' && (step.id === 'access-requested' || step.id === 'client-registered' || step.id === 'staging-access') && (
          <ConfirmForm stepId={step.id} environmentId={environmentId} label={CONFIRM_LABELS[step.id]!} />
        )}
        <div role="status" aria-live="polite" className="step-message">
          {outcome.message}
        </div>
        {outcome.error && <ExplainedError error={outcome.error} />}
        {!step.comingNext && (
          <details className="step-evidence" open={step.evidence.length > 0 && step.status !== 'not-started'}>
            <summary>Evidence ({step.evidence.length})</summary>
            <EvidenceList evidence={step.evidence} />
          </details>
        )}
      </article>
    </li>
  );
}
