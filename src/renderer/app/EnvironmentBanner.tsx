import { useEnvironments } from '../data/stores.js';

const ICON = { simulator: '◆', 'pleo-staging': '●', custom: '▲' } as const;
const NOTE = {
  simulator: 'Built-in simulator: dummy data, works offline. Nothing here reaches Pleo.',
  'pleo-staging': "Pleo's staging environment (dummy company data)",
  custom: 'Custom environment',
} as const;

/**
 * The always-visible band naming the active environment (like a "test mode" band): a simulator
 * run is unmistakable on every screen. Words and an icon, never colour alone; it stays in
 * presenter mode.
 */
export function EnvironmentBanner() {
  const { active: env } = useEnvironments();
  const kind = env?.kind ?? 'simulator';
  return (
    <div className={`env-banner env-${kind}`} role="status" aria-live="polite" data-testid="environment-banner">
      <span className="env-icon" aria-hidden="true">
        {ICON[kind]}
      </span>
      <span className="env-label">{env ? env.bannerLabel : 'Loading environment…'}</span>
      {env && <span className="env-note">{NOTE[kind]}</span>}
    </div>
  );
}
