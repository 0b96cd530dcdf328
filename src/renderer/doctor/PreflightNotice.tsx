import { useEffect, useRef } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { DoctorStatusPill } from './DoctorStatusPill.js';
import { useDoctor } from './use-doctor.js';

/**
 * Before the first sign-in on a real (non-simulator) environment, the doctor runs by itself
 * and this line says how it went, with a way to the details. Silent on the simulator and
 * once the doctor has run for the environment.
 */
export function PreflightNotice({ env, navigate }: { env: EnvironmentSummary; navigate: (id: 'doctor') => void }) {
  const { report, needsRun, loaded, running, ranHere, run } = useDoctor(env.kind === 'simulator' ? undefined : env.id);
  const started = useRef(false);
  useEffect(() => {
    if (loaded && needsRun && !running && !started.current) {
      started.current = true;
      void run();
    }
  }, [loaded, needsRun, running, run]);
  if (env.kind === 'simulator') return null;
  if (running) {
    return (
      <p className="doctor-preflight" role="status">
        Checking this computer&apos;s network before your first sign-in to {env.name}…
      </p>
    );
  }
  if (!report || !ranHere) return null;
  const problems = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').length;
  return (
    <div className="doctor-preflight" role="status" data-testid="doctor-preflight">
      <DoctorStatusPill status={report.overall} />{' '}
      {report.overall === 'pass'
        ? 'Network and setup check passed.'
        : `The network and setup check found ${problems} ${problems === 1 ? 'thing' : 'things'} to look at.`}{' '}
      <button type="button" className="link-button" onClick={() => navigate('doctor')}>
        See the details
      </button>
    </div>
  );
}
