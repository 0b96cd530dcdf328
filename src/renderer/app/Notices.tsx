import { useEffect, useState } from 'react';
import type { EventPayload } from '../../shared/contract/index.js';
import { partner } from '../partner.js';

type Notice = EventPayload<'app.notice'> & { id: number };

/** Banners from main (e.g. "keychain unavailable: secrets are kept until you quit"). */
export function Notices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let next = 1;
    let alive = true;
    const add = (n: EventPayload<'app.notice'>) =>
      setNotices((list) => [...list.filter((x) => !n.code || x.code !== n.code), { ...n, id: next++ }]);
    const off = partner().on('app.notice', add);
    // Notices raised before this window subscribed (e.g. a reset settings file at start-up).
    void partner()
      .app.notices({})
      .then((r) => {
        if (alive && r.ok) r.value.notices.forEach(add);
      });
    return () => {
      alive = false;
      off();
    };
  }, []);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid={n.code ? `notice-${n.code}` : 'notice'}>
          <strong>{n.level === 'error' ? 'Error: ' : n.level === 'warning' ? 'Warning: ' : 'Note: '}</strong>
          {n.message}
          <button type="button" className="link-button" onClick={() => setNotices((l) => l.filter((x) => x.id !== n.id))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
