import { useState } from 'react';
import type { StepAction, StepView } from '../../shared/onboarding.js';
import type { OnboardingDetails } from '../../shared/onboarding.js';
import type { AppError } from '../../shared/result.js';
import type { ScreenId } from '../app/screen-id.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { ExplainedError } from '../connect/ExplainedError.js';
import { partner } from '../partner.js';
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
  /** The step to work on now: open unless the user closed it. The others start collapsed. */
  current: boolean;
}

/**
 * One checklist step. Collapsed, it is one line: number, title, status pill and its latest proof.
 * Open, it shows how it is proven, what to do, Pleo's own pages, prepared texts, actions and
 * the evidence.
 */
export function StepCard({ step, environmentId, details, navigate, current }: Props) {
  const [busy, setBusy] = useState<StepAction | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome>({});
  const [toggled, setToggled] = useState<boolean | undefined>();
  const [undoError, setUndoError] = useState<AppError | undefined>();
  const open = toggled ?? current;
  const headingId = `step-${step.id}-heading`;
  const bodyId = `step-${step.id}-body`;
  const run = async (action: StepAction) => {
    setBusy(action);
    setOutcome({});
    try {
      setOutcome(await runStepAction(action, step.id, environmentId, navigate));
    } finally {
      setBusy(undefined);
    }
  };
  const undo = async () => {
    if (step.id !== 'access-requested' && step.id !== 'client-registered' && step.id !== 'staging-access') return;
    const r = await partner().onboarding.undoConfirm({ environmentId, stepId: step.id });
    setUndoError(r.ok ? undefined : r.error);
  };
  const openLink = async (url: string) => {
    const r = await partner().app.openExternal({ url });
    setOutcome(r.ok ? { message: 'Opened in your browser.' } : { error: r.error });
  };
  const buttons = step.actions.filter((a) => ACTION_LABELS[a]);
  const primary = step.status !== 'done' && !step.comingNext;
  const manualId = step.id === 'access-requested' || step.id === 'client-registered' || step.id === 'staging-access' ? step.id : undefined;
  const manual = manualId !== undefined;
  const latest = step.evidence.find((e) => e.outcome !== 'info') ?? step.evidence[0];
  const cls = `step-card step-${step.status}${step.comingNext ? ' step-next' : ''}${step.selfConfirmed ? ' step-self' : ''}${open ? ' step-open' : ''}${current ? ' step-current' : ''}`;
  return (
    <li className={cls} data-testid={`step-${step.id}`} data-status={step.status} data-open={open ? 'true' : 'false'}>
      <article aria-labelledby={headingId}>
        <header className="step-header">
          <h3 id={headingId}>
            <button
              type="button"
              className="step-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              onClick={() => setToggled(!open)}
              data-testid={`toggle-${step.id}`}
            >
              <span className="step-chevron" aria-hidden="true">
                {open ? '▾' : '▸'}
              </span>
              <span className="step-number">Step {step.number}:</span> {step.title}
            </button>
          </h3>
          <StatusBadge
            status={step.status}
            {...(step.comingNext ? { comingNext: true } : {})}
            {...(step.selfConfirmed ? { selfConfirmed: true } : {})}
          />
        </header>
        {!open && latest && !step.comingNext && (
          <p className="step-summary muted">
            {latest.how === 'manual' ? 'Confirmed by you' : 'Checked by the app'}: {latest.result}
          </p>
        )}
        <div id={bodyId} hidden={!open}>
          {open && (
            <>
              <p className="step-proof">
                <span className={`proof-kind proof-${step.proof}`}>
                  {step.proof === 'automatic' ? 'Automatic proof' : step.proof === 'manual' ? 'Self-confirmed' : 'Not proven here'}
                </span>{' '}
                {step.proofText}
              </p>
              <p className="step-todo">
                <strong>What to do: </strong>
                {step.whatToDo}
              </p>
              {step.links && step.links.length > 0 && (
                <ul className="step-links" aria-label="Pleo's pages for this step">
                  {step.links.map((l) => (
                    <li key={l.url}>
                      <button type="button" className="link-button" onClick={() => void openLink(l.url)} data-testid="pleo-link">
                        {l.label} <span aria-hidden="true">↗</span>
                        <span className="visually-hidden"> (opens in your browser)</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {step.actions.includes('save-details') && (
                <details className="step-details" open={step.status === 'not-started'}>
                  <summary>Your details for Pleo's forms</summary>
                  <DetailsForm environmentId={environmentId} details={details} />
                </details>
              )}
              {step.prepared && (step.id === 'access-requested' || step.id === 'client-registered') && (
                <details className="step-prepared" open={step.status !== 'done'}>
                  <summary>
                    {step.id === 'access-requested'
                      ? 'Prepared text for the Partner API Access Request'
                      : 'Prepared details for the Developer Partner Registration'}
                  </summary>
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
                      {busy === a
                        ? `${ACTION_LABELS[a]}…`
                        : outcome.error && a !== 'open-connect' && a !== 'open-explorer' && a !== 'open-staging'
                          ? `Retry: ${ACTION_LABELS[a]}`
                          : ACTION_LABELS[a]}
                    </button>
                  ))}
                </div>
              )}
              {step.blockedReason && step.status !== 'done' && (
                <p className="notice notice-warning" role="note" data-testid={`blocked-${step.id}`}>
                  <span aria-hidden="true">⚠ </span>
                  {step.blockedReason}
                </p>
              )}
              {step.actions.includes('confirm') && step.status !== 'done' && manualId && (
                <ConfirmForm
                  stepId={manualId}
                  environmentId={environmentId}
                  label={CONFIRM_LABELS[step.id]!}
                  blocked={!!step.blockedReason}
                />
              )}
              {step.selfConfirmed && manual && (
                <div className="step-actions">
                  <button type="button" onClick={() => void undo()} data-testid={`undo-${step.id}`}>
                    Undo this confirmation
                  </button>
                </div>
              )}
              {undoError && <ErrorMessage error={undoError} />}
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
            </>
          )}
        </div>
      </article>
    </li>
  );
}
