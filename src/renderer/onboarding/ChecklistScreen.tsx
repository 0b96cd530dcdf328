import { useState } from 'react';
import { progressHeadline } from '../../shared/onboarding.js';
import type { ScreenId } from '../app/screen-id.js';
import { Sensitive } from '../app/Sensitive.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ReportPanel } from './ReportPanel.js';
import { StepCard } from './StepCard.js';
import { useChecklist } from './use-checklist.js';

/**
 * The onboarding checklist: Pleo's "OAuth 2.0 Access to Staging" workflow (its Early Access
 * Programme) as steps that prove themselves. One thing at a time: the current step is open,
 * the others are one line each with their status and latest proof.
 */
export function ChecklistScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { view, loadError } = useChecklist();
  const [confirmReset, setConfirmReset] = useState(false);
  const reset = async () => {
    setConfirmReset(false);
    if (view) await partner().onboarding.reset({ environmentId: view.environmentId });
  };
  const currentId = view?.steps.find((s) => s.status !== 'done' && !s.comingNext)?.id;
  return (
    <section aria-labelledby="onboarding-heading" className="checklist-screen">
      <div className="screen-head">
        <h2 id="onboarding-heading">Onboarding checklist</h2>
        {view && (
          <div className="checklist-progress">
            <progress id="checklist-progress" value={view.done - view.selfConfirmed} max={view.total} aria-label="Steps proven" />
            <span data-testid="checklist-progress">{progressHeadline(view)}</span>
          </div>
        )}
      </div>
      {loadError && <ErrorMessage error={loadError} />}
      {!view && !loadError && <p role="status">Loading the checklist…</p>}
      {view && (
        <>
          <p className="checklist-intro muted">
            Pleo's "OAuth 2.0 Access to Staging" workflow (Early Access Programme), step by step, for{' '}
            <strong>{view.environmentName}</strong>
            {view.clientId ? (
              <>
                {' '}
                with Client ID <Sensitive value={view.clientId} label="Client ID" />
              </>
            ) : (
              ' (no Client ID set yet)'
            )}
            . The app proves each step it can check; steps only you can know are marked self-confirmed.
          </p>
          <ol className="step-list" aria-label="Checklist steps">
            {view.steps.map((step) => (
              <StepCard
                key={step.id}
                step={step}
                environmentId={view.environmentId}
                details={view.details}
                navigate={navigate}
                current={step.id === currentId}
              />
            ))}
          </ol>
          <ReportPanel
            environmentId={view.environmentId}
            pdfAvailable={view.pdfAvailable}
            simulator={view.environmentKind === 'simulator'}
          />
          <section className="reset-panel" aria-labelledby="reset-heading">
            <h3 id="reset-heading">Start over</h3>
            <p className="muted">
              Forget this environment's checklist progress and evidence. Your stored credentials and sign-in are kept.
            </p>
            <button type="button" onClick={() => setConfirmReset(true)} data-testid="reset-environment">
              Reset this environment…
            </button>
          </section>
          <ConfirmDialog
            open={confirmReset}
            title="Reset this environment's checklist?"
            confirmLabel="Reset checklist"
            onConfirm={() => void reset()}
            onCancel={() => setConfirmReset(false)}
            testId="reset-dialog"
          >
            <p>
              All progress and evidence for {view.environmentName} will be forgotten. This cannot be undone. Credentials and tokens are not
              affected.
            </p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
