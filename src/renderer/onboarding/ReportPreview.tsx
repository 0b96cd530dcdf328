import { Fragment } from 'react';
import { progressHeadline, type ReportModel } from '../../shared/onboarding.js';
import { reportStepStatus } from '../../shared/report-step-status.js';
import { formatWhen } from './format.js';

/**
 * The readiness report, rendered in the app from the same model as the saved HTML file (the
 * renderer's CSP forbids frames and inline styles, so the file itself is not embedded).
 */
export function ReportPreview({ model }: { model: ReportModel }) {
  return (
    <div className="report-preview" data-testid="report-preview" aria-label="Report preview" role="region">
      {model.simulator && (
        <p className="sim-band" data-testid="report-simulator-band">
          <span aria-hidden="true">◆ </span>SIMULATOR — dummy data. This rehearsal does not show access to Pleo staging.
        </p>
      )}
      <h3>{model.title}</h3>
      <p className="muted">
        Generated {formatWhen(model.generatedAt)} by Pleo Partner Desktop {model.appVersion}
      </p>
      <dl className="report-meta">
        {model.company && (
          <>
            <dt>Company</dt>
            <dd>{model.company}</dd>
          </>
        )}
        <dt>Environment</dt>
        <dd>{model.environmentName}</dd>
        <dt>API</dt>
        <dd>{model.apiBase}</dd>
        <dt>Client ID</dt>
        <dd>{model.clientIdMasked}</dd>
      </dl>
      <p className="report-progress">{progressHeadline(model)}</p>
      <ol className="report-steps">
        {model.steps.map((s) => (
          <li key={s.number}>
            <strong>{s.title}</strong> —{' '}
            <span className={`status-badge status-${s.comingNext ? 'next' : s.selfConfirmed ? 'self' : s.status}`}>
              <span aria-hidden="true">{reportStepStatus(s).icon}</span> {reportStepStatus(s).label}
            </span>
            {s.evidence[0] && (
              <p className="muted">
                Latest evidence ({s.evidence[0].how === 'manual' ? 'manual confirmation' : 'automatic check'},{' '}
                {formatWhen(s.evidence[0].at)}): {s.evidence[0].result}
              </p>
            )}
          </li>
        ))}
      </ol>
      {model.sections?.map((section) => (
        <section key={section.id} aria-label={section.title} data-testid={`report-section-${section.id}`}>
          <h4>{section.title}</h4>
          <dl className="report-meta">
            {section.facts.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ))}
      <ul className="report-notes muted">
        {model.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
