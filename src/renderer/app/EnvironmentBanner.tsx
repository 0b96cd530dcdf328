import { useEffect, useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { partner } from '../partner.js';

/**
 * The always-visible banner naming the active environment. Status is given in words and an
 * icon, never by colour alone; it stays visible in presenter mode.
 */
export function EnvironmentBanner() {
  const [env, setEnv] = useState<EnvironmentSummary | undefined>();
  useEffect(() => {
    let alive = true;
    void partner()
      .environments.list({})
      .then((r) => {
        if (alive && r.ok) setEnv(r.value.environments.find((e) => e.id === r.value.activeId));
      });
    const off = partner().on('environments.changed', (v) => setEnv(v.environments.find((e) => e.id === v.activeId)));
    return () => {
      alive = false;
      off();
    };
  }, []);
  const kind = env?.kind ?? 'simulator';
  return (
    <div className={`env-banner env-${kind}`} role="status" aria-live="polite" data-testid="environment-banner">
      <span className="env-icon" aria-hidden="true">
        {kind === 'simulator' ? '◆' : kind === 'pleo-staging' ? '●' : '▲'}
      </span>
      <span className="env-label">{env ? env.bannerLabel : 'Loading environment…'}</span>
      {env && kind === 'simulator' && <span className="env-note"> — built-in simulator with dummy data, works offline</span>}
      {env && kind === 'pleo-staging' && <span className="env-note"> — Pleo's staging environment (dummy company data)</span>}
      {env && kind === 'custom' && <span className="env-note"> — custom environment</span>}
    </div>
  );
}
