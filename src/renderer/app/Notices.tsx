import { useLive } from '../data/live-store.js';
import { dismissNotice, noticesStore } from '../data/stores.js';

/** Banners from main (e.g. "keychain unavailable: secrets are kept until you quit"). */
export function Notices() {
  const notices = useLive(noticesStore).data ?? [];
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.level}`}
          role={n.level === 'error' ? 'alert' : 'status'}
          data-testid={n.code ? `notice-${n.code}` : 'notice'}
        >
          <span className="notice-icon" aria-hidden="true">
            {n.level === 'error' ? '✗' : n.level === 'warning' ? '⚠' : 'ℹ'}
          </span>
          <span className="notice-text">
            <strong>{n.level === 'error' ? 'Error: ' : n.level === 'warning' ? 'Warning: ' : 'Note: '}</strong>
            {n.message}
          </span>
          <button type="button" className="link-button" onClick={() => dismissNotice(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
