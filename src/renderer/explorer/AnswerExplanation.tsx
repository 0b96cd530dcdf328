/**
 * What an answer means, in plain language (contract E1): a stable data-testid per code, what
 * happened, what to do, Pleo's own error labelled as coming from Pleo, the missing scope next
 * to the granted ones, and a live countdown for a 429. Server text is rendered as text only.
 */
import { useEffect, useState } from 'react';
import type { Explanation } from '../../shared/contract/explorer-channels.js';

export function AnswerExplanation({ explanation, now = Date.now }: { explanation: Explanation; now?: () => number }) {
  const e = explanation;
  const seconds = useCountdown(e.retryAt, now);
  const severity = e.code === 'REDIRECT_REFUSED' || e.code === 'RATE_LIMITED' ? 'warning' : 'error';
  return (
    <div className={`notice notice-${severity} explanation`} role="alert" data-testid={`error-${e.code}`} data-error-code={e.code}>
      <p>
        <strong>{e.title}: </strong>
        {e.message}
      </p>
      {e.scopes && (
        <dl className="scope-compare" data-testid="scope-compare">
          <dt>Needs</dt>
          <dd>{e.scopes.required.length ? e.scopes.required.join(' or ') : '—'}</dd>
          <dt>Missing</dt>
          <dd data-testid="missing-scopes">{e.scopes.missing.length ? e.scopes.missing.join(', ') : 'none'}</dd>
          <dt>Granted to your token</dt>
          <dd data-testid="granted-scopes">{e.scopes.granted.length ? e.scopes.granted.join(', ') : 'none (or unknown)'}</dd>
        </dl>
      )}
      {e.retryAt !== undefined && (
        <p data-testid="retry-after" aria-live="off">
          {seconds > 0 ? (
            <>
              You can try again in <strong>{seconds}</strong> second{seconds === 1 ? '' : 's'}.
            </>
          ) : (
            'You can try again now.'
          )}
        </p>
      )}
      {e.redirectTo && (
        <p>
          Redirect target (not followed): <code className="break-anywhere">{e.redirectTo}</code>
        </p>
      )}
      {e.pleoError && (
        <p className="error-server-text" data-testid="pleo-error">
          Message from Pleo: <code>{e.pleoError.type}</code>
          {e.pleoError.message && (
            <>
              {' '}
              — <q>{e.pleoError.message}</q>
            </>
          )}
        </p>
      )}
      {e.hint && <p className="error-hint">What to do: {e.hint}</p>}
    </div>
  );
}

/** Seconds left until `at`, re-rendered once a second (a visible countdown, not announced every tick). */
export function useCountdown(at: number | undefined, now: () => number = Date.now): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (at === undefined) return;
    const t = setInterval(() => {
      setTick((n) => n + 1);
      if (at - now() <= 0) clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
  }, [at, now]);
  return at === undefined ? 0 : Math.max(0, Math.ceil((at - now()) / 1000));
}
