import { useEffect, useRef, useState } from 'react';
import type { DoctorCheck, DoctorReport } from '../../shared/contract/diagnostics-channels.js';
import type { AppError } from '../../shared/result.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { useEnvironments } from '../connect/use-environments.js';
import { partner } from '../partner.js';
import { DoctorStatusPill } from './DoctorStatusPill.js';
import { useDoctor } from './use-doctor.js';
import './doctor.css';

/**
 * The pre-flight doctor (issue 15): what a managed laptop can get in the way of (proxy,
 * secure connection and TLS inspection, clock, keychain, the sign-in's way back), each with
 * a plain-language result and what to do, and a copy for the partner's IT team.
 */
export function DoctorScreen() {
  const { active } = useEnvironments();
  const { report, loaded, running, error, run } = useDoctor(active?.id);
  const [copyState, setCopyState] = useState<{ message?: string; error?: AppError }>({});
  const started = useRef<string | undefined>(undefined);

  // Opening the screen is asking for the check: run it once if there is no result yet.
  useEffect(() => {
    if (active && loaded && !report && !running && started.current !== active.id) {
      started.current = active.id;
      void run();
    }
  }, [active, loaded, report, running, run]);

  const copy = async () => {
    setCopyState({});
    const r = await partner().diagnostics.copy({ environmentId: active?.id });
    setCopyState(
      r.ok
        ? { message: 'Copied. Paste it into an email or ticket for your IT team; it contains no passwords, secrets or tokens.' }
        : { error: r.error },
    );
  };

  return (
    <section aria-labelledby="doctor-heading" className="doctor-screen">
      <h2 id="doctor-heading">Network and setup check</h2>
      <p className="doctor-intro">
        Checks what a company laptop can get in the way of: the proxy, the secure connection to Pleo, this computer&apos;s clock, the
        keychain, and how the browser hands the sign-in back to the app. Nothing secret is sent or shown.
      </p>
      {active && (
        <p className="doctor-env">
          Environment: <strong>{active.name}</strong>
        </p>
      )}
      <div className="step-actions">
        <button type="button" className="primary" onClick={() => void run()} disabled={running || !active} data-testid="doctor-run">
          {report ? 'Run the checks again' : 'Run the checks'}
        </button>
        <button type="button" onClick={() => void copy()} disabled={!report || running} data-testid="doctor-copy">
          Copy for IT
        </button>
      </div>
      <div aria-live="polite" className="doctor-live">
        {running && <p role="status">Checking… this takes a few seconds.</p>}
        {copyState.message && <p role="status">{copyState.message}</p>}
      </div>
      {copyState.error && <ErrorMessage error={copyState.error} title="Not copied" />}
      {error && <ErrorMessage error={error} title="The check could not run" />}
      {report && <DoctorResult report={report} />}
    </section>
  );
}

function summaryLine(report: DoctorReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  if (failed === 0 && warned === 0) return 'Everything the app needs works on this computer.';
  const parts = [failed ? `${failed} failed` : '', warned ? `${warned} ${warned === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean);
  return `${parts.join(', ')}. ${failed ? 'Sign-in is likely to fail until the failed checks are fixed.' : 'Sign-in should work; read the warnings.'}`;
}

function DoctorResult({ report }: { report: DoctorReport }) {
  return (
    <div className="doctor-result" data-testid="doctor-result" data-overall={report.overall}>
      <p className="doctor-overall">
        <DoctorStatusPill status={report.overall} /> <span>{summaryLine(report)}</span>
      </p>
      <p className="muted">Checked {new Date(report.ranAt).toLocaleString()}.</p>
      <ul className="doctor-checks" aria-label="Check results">
        {report.checks.map((check) => (
          <DoctorCheckItem key={check.id} check={check} />
        ))}
      </ul>
    </div>
  );
}

function DoctorCheckItem({ check }: { check: DoctorCheck }) {
  const headingId = `doctor-check-${check.id}`;
  return (
    <li
      className={`doctor-check doctor-check-${check.status}`}
      aria-labelledby={headingId}
      data-testid={`doctor-check-${check.id}`}
      data-status={check.status}
    >
      <div className="doctor-check-head">
        <DoctorStatusPill status={check.status} />
        <h3 id={headingId}>{check.title}</h3>
      </div>
      <p>{check.summary}</p>
      {check.facts && check.facts.length > 0 && (
        <dl className="doctor-facts">
          {check.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {check.action && (
        <p className="doctor-action">
          <strong>What to do:</strong> {check.action}
        </p>
      )}
    </li>
  );
}
