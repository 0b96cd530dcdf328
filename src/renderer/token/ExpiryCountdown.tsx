import { useEffect, useState } from 'react';
import { formatDuration } from '../onboarding/format.js';

/**
 * Time left on the access token, as text (never a colour or animation alone). role="timer"
 * keeps screen readers from announcing every second; the text is there when they read it.
 */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = expiresAt - now;
  return (
    <span role="timer" aria-atomic="true" data-testid="expiry-countdown">
      {left > 0 ? (
        <>Access token expires in {formatDuration(left)}</>
      ) : (
        <>
          <span aria-hidden="true">⚠ </span>Access token expired {formatDuration(-left)} ago; the app refreshes it before the next call
        </>
      )}
    </span>
  );
}
