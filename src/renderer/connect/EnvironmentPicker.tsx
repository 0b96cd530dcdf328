import { useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { ExplainedError } from './ExplainedError.js';
import { partner } from '../partner.js';

/** Choose the environment to work in; the shell's banner always names the active one. */
export function EnvironmentPicker({ environments, active }: { environments: EnvironmentSummary[]; active: EnvironmentSummary }) {
  const [error, setError] = useState<AppError | undefined>();
  const select = async (environmentId: string) => {
    const r = await partner().environments.select({ environmentId });
    setError(r.ok ? undefined : r.error);
  };
  return (
    <section aria-labelledby="env-heading" className="connect-section">
      <h3 id="env-heading">1. Environment</h3>
      <div className="field">
        <label htmlFor="env-select">Work in</label>
        <select id="env-select" value={active.id} onChange={(e) => void select(e.currentTarget.value)} data-testid="environment-select">
          {environments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">
        {active.kind === 'simulator'
          ? 'The built-in simulator behaves like Pleo staging with a dummy company. It works offline and is safe for demos.'
          : active.kind === 'pleo-staging'
            ? "Pleo's staging environment: use the Client ID and Secret Pleo sent you through 1Password."
            : 'A custom environment with its own addresses.'}
      </p>
      {error && <ExplainedError error={error} />}
    </section>
  );
}
