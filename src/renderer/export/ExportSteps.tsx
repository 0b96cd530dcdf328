import type { ExportStepView } from '../../shared/contract/export-channels.js';
import { StatusBadge } from '../onboarding/StatusBadge.js';

const time = (at: number) => new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** The seven steps, each with its status (icon + words) and the evidence recorded for it. */
export function ExportSteps({ steps }: { steps: ExportStepView[] }) {
  return (
    <ol className="step-list export-steps" aria-label="Export checklist steps">
      {steps.map((s) => (
        <li key={s.id} className={`step-card step-${s.status}`} data-testid={`export-step-${s.id}`} data-status={s.status}>
          <article aria-labelledby={`export-step-${s.id}-h`}>
            <header className="step-header">
              <h3 id={`export-step-${s.id}-h`}>
                <span className="step-number">Step {s.number}:</span> {s.title}
              </h3>
              <StatusBadge status={s.status} />
            </header>
            <p className="step-proof">{s.explanation}</p>
            {s.evidence.length > 0 && (
              <ul className="evidence-list">
                {[...s.evidence].reverse().map((e) => (
                  <li key={`${e.at}-${e.result.slice(0, 20)}`} className={`evidence-${e.outcome}`}>
                    <span className="evidence-outcome">
                      {e.outcome === 'passed' ? 'Passed' : e.outcome === 'failed' ? 'Failed' : 'Note'}
                    </span>{' '}
                    <span className="evidence-how">{time(e.at)}:</span> {e.result}
                  </li>
                ))}
              </ul>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
