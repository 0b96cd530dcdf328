import { useEffect, useState, type ReactNode } from 'react';
import { formatDuration } from '../onboarding/format.js';

/**
 * Time left until a moment, as text (never a colour or animation alone), ticking every second.
 * role="timer" keeps screen readers from announcing every tick; the text is there when they
 * read it. `left` words the time that remains, `over` the time since it passed.
 */
export function Countdown(props: {
  expiresAt: number;
  testId: string;
  left: (text: string) => ReactNode;
  over: (text: string) => ReactNode;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = props.expiresAt - now;
  return (
    <span role="timer" aria-atomic="true" data-testid={props.testId}>
      {left > 0 ? (
        props.left(formatDuration(left))
      ) : (
        <>
          <span aria-hidden="true">⚠ </span>
          {props.over(formatDuration(-left))}
        </>
      )}
    </span>
  );
}
