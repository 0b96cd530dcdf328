import { useState } from 'react';
import { useEnvironments } from '../data/stores.js';
import { isPending, useSignInProgress, useTimeLeft } from '../connect/sign-in-progress.js';
import { partner } from '../partner.js';
import { useAuthStatus } from '../token/use-auth-status.js';
import type { ScreenId } from './screens.js';

/**
 * The header's sign-in state, on every screen: signed out, signing in (with time left, reopen
 * and cancel, so an abandoned browser tab is never a dead end), signed in (as which company),
 * or session ended. Icon + words, never colour alone.
 */
export function SignInStatus({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { active } = useEnvironments();
  const { status } = useAuthStatus(active?.id);
  const progress = useSignInProgress(active?.id);
  const pending = isPending(progress);
  const timeLeft = useTimeLeft(pending ? progress.expiresAt : undefined);
  const [note, setNote] = useState('');
  if (!active) return null;
  if (pending) {
    return (
      <div className="header-signin pill pill-waiting" data-testid="header-sign-in" data-state="signing-in">
        <span aria-hidden="true">◐</span>
        <span>
          Signing in{timeLeft ? ` · ${timeLeft}` : '…'}
          <span className="visually-hidden"> {note}</span>
        </span>
        {progress.phase === 'waiting-for-callback' && (
          <button
            type="button"
            className="pill-action"
            onClick={() =>
              void partner()
                .auth.reopen({})
                .then((r) => setNote(r.ok && r.value.reopened ? 'Sign-in page reopened.' : ''))
            }
            data-testid="header-reopen-sign-in"
          >
            Reopen page
          </button>
        )}
        <button type="button" className="pill-action" onClick={() => void partner().auth.cancel({})} data-testid="header-cancel-sign-in">
          Cancel
        </button>
      </div>
    );
  }
  if (status?.signedIn) {
    const company = status.companyName;
    return (
      <div className="header-signin pill pill-ok" data-testid="header-sign-in" data-state="signed-in">
        <span aria-hidden="true">✓</span>
        <span>
          Signed in
          {company ? (
            <>
              {' '}
              to <span data-testid="header-company">{company}</span>
            </>
          ) : null}
        </span>
      </div>
    );
  }
  const ended = status?.timeline.some((e) => e.kind === 'expired') && !status.signedIn;
  return (
    <div className="header-signin pill pill-neutral" data-testid="header-sign-in" data-state={ended ? 'session-ended' : 'signed-out'}>
      <span aria-hidden="true">{ended ? '⚠' : '○'}</span>
      <span>{ended ? 'Session ended' : 'Signed out'}</span>
      <button type="button" className="pill-action" onClick={() => navigate('connect')}>
        Sign in…
      </button>
    </div>
  );
}
