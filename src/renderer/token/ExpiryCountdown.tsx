import { Countdown } from '../app/Countdown.js';

/** Time left on the access token, as text. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number }) {
  return (
    <Countdown
      expiresAt={expiresAt}
      testId="expiry-countdown"
      left={(text) => <>Access token expires in {text}</>}
      over={(text) => <>Access token expired {text} ago; the app refreshes it before the next call</>}
    />
  );
}
