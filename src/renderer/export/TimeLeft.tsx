import { Countdown } from '../app/Countdown.js';

/** Time left before Pleo expires the job (one hour after its last update), as text. */
export function TimeLeft({ expiresAt }: { expiresAt: number }) {
  return (
    <Countdown
      expiresAt={expiresAt}
      testId="job-time-left"
      left={(text) => <>Expires in {text} unless the job is updated (every reported batch resets the hour)</>}
      over={() => <>Past its expiry time: Pleo fails the job when it next looks at it</>}
    />
  );
}
