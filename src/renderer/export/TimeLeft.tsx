import { useEffect, useState } from 'react';
import { formatDuration } from '../onboarding/format.js';

/** Time left before Pleo expires the job (one hour after its last update), as text. */
export function TimeLeft({ expiresAt }: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = expiresAt - now;
  return (
    <span role="timer" aria-atomic="true" data-testid="job-time-left">
      {left > 0 ? (
        <>Expires in {formatDuration(left)} unless the job is updated (every reported batch resets the hour)</>
      ) : (
        <>
          <span aria-hidden="true">⚠ </span>Past its expiry time: Pleo fails the job when it next looks at it
        </>
      )}
    </span>
  );
}
