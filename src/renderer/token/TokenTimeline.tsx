import type { TokenTimelineEntry, TokenTimelineKind } from '../../shared/environments.js';
import { formatWhen } from '../onboarding/format.js';

const KINDS: Record<TokenTimelineKind, { icon: string; label: string }> = {
  issued: { icon: '●', label: 'Issued' },
  refreshed: { icon: '↻', label: 'Refreshed' },
  rotated: { icon: '⇄', label: 'Refresh token rotated' },
  revoked: { icon: '⊘', label: 'Revoked' },
  expired: { icon: '⌛', label: 'Expired' },
  'signed-out': { icon: '⏏', label: 'Signed out' },
  'refresh-failed': { icon: '✗', label: 'Refresh failed' },
};

/** What happened to the tokens, newest first. */
export function TokenTimeline({ entries }: { entries: TokenTimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing yet: sign in to start the timeline.</p>;
  const sorted = [...entries].sort((a, b) => b.at - a.at);
  return (
    <ol className="timeline" reversed data-testid="token-timeline">
      {sorted.map((e, i) => (
        <li key={`${e.at}-${e.kind}-${i}`} className={`timeline-${e.kind}`}>
          <span aria-hidden="true" className="timeline-icon">
            {KINDS[e.kind]?.icon ?? '•'}
          </span>{' '}
          <strong>{KINDS[e.kind]?.label ?? e.kind}</strong> <time dateTime={new Date(e.at).toISOString()}>{formatWhen(e.at)}</time>
          {e.detail && <span className="timeline-detail"> — {e.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
