import { useState } from 'react';
import type { ScreenId } from '../app/screen-id.js';
import { Sensitive } from '../app/Sensitive.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ReportPanel } from './ReportPanel.js';
import { StepCard } from './StepCard.js';
import { useChecklist } from './use-checklist.js';

/**
 * The onboarding checklist: Pleo's "OAuth 2.0 Access to Staging" workflow as steps that prove
 * themselves, with evidence, the readiness report and "reset this environment".
 */
export function ChecklistScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { view, loadError } = useChecklist();
  const [confirmReset, setConfirmReset] = useState(false);
  const reset = async () => {
    setConfirmReset(false);
    if (view) await partner().onboarding.reset({ environmentId: view.environmentId });
  };
  return (
    <section aria-labelledby="onboarding-heading" className="checklist-screen">
      <h2 id="onboarding-heading">Onboarding checklist</h2>
      {loadError && <ErrorMessage error={loadError} />}
      {!view && !loadError && <p role="status">Loading the checklist…</p>}
      {view && (
        <>
          <p className="checklist-intro">
            Pleo's "OAuth 2.0 Access to Staging" workflow, step by step. Each step shows how it is proven and the evidence the app recorded, for{' '}
            <strong>{view.environmentName}</strong>
            {view.clientId ? (
              <>
                {' '}
                with Client ID <Sensitive value={view.clientId} label="Client ID" />
              </>
            ) : (
              ' (no Client ID set yet)'
            )}
            .
          </p>
          <div className="checklist-progress">
            <progress id="checklist-progress" value={view.done} max={view.total} aria-label="Checklist progress" />
            <span data-testid="checklist-progress">
              {view.done} of {view.total} steps proven
            </span>
          </div>
          <ol className="step-list" aria-label="Checklist steps">
            {view.steps.map((step) => (
              <StepCard key={step.id} step={step} environmentId={view.environmentId} details={view.details} navigate={navigate} />
            ))}
          </ol>
          <ReportPanel environmentId={view.environmentId} pdfAvailable={view.pdfAvailable} />
          <section className="reset-panel" aria-labelledby="reset-heading">
            <h3 id="reset-heading">Start over</h3>
            <p>Forget this environment's checklist progress and evidence. Your stored credentials and sign-in are kept.</p>
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
              All progress and evidence for {view.environmentName} will be forgotten. This cannot be undone. Credentials and tokens are not affected.
            </p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
