import { useState } from 'react';
import type { EnvironmentSummary, FlowProgress, SignInPhase } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import type { ScreenId } from '../app/screen-id.js';
import { ActionForm } from '../app/ActionForm.js';
import { ExplainedError } from './ExplainedError.js';
import { DoctorLink } from '../doctor/DoctorLink.js';
import { TextField } from './TextField.js';
import { partner } from '../partner.js';
import { isPending, useSignInProgress, useTimeLeft } from './sign-in-progress.js';
import { useAuthStatus } from '../token/use-auth-status.js';

/** Ends of a new attempt that change nothing about a session the app already holds. */
const HARMLESS_WHEN_SIGNED_IN = new Set(['FLOW_EXPIRED', 'FLOW_CANCELLED', 'FLOW_SUPERSEDED']);

/** Each stage in words while it runs and, where it reads differently, once it is done. */
const STAGES: Array<{ phase: SignInPhase; label: string; doneLabel?: string }> = [
  { phase: 'opening-browser', label: 'Browser opened' },
  {
    phase: 'waiting-for-callback',
    label: 'Waiting for you to sign in and approve in the browser',
    doneLabel: 'You signed in and approved in the browser',
  },
  { phase: 'exchanging-code', label: 'Getting the tokens from Pleo', doneLabel: 'Tokens received from Pleo' },
  { phase: 'storing', label: 'Stored in your system keychain' },
];
const ORDER: SignInPhase[] = ['opening-browser', 'waiting-for-callback', 'exchanging-code', 'storing', 'signed-in'];

function stageState(stage: SignInPhase, progress: FlowProgress): 'done' | 'current' | 'todo' {
  if (progress.phase === 'signed-in') return 'done';
  const at = ORDER.indexOf(progress.phase);
  const mine = ORDER.indexOf(stage);
  if (at < 0) return 'todo';
  return mine < at ? 'done' : mine === at ? 'current' : 'todo';
}

const INTRO: Record<EnvironmentSummary['callbackMode'], string> = {
  'private-scheme':
    "Your browser opens Pleo's sign-in page. Log in with the staging user and approve the access; the browser then hands the answer back to this app.",
  loopback:
    "Your browser opens Pleo's sign-in page. Log in with the staging user and approve the access; the browser then returns the answer to this app on this computer.",
  'paste-back':
    "Your browser opens Pleo's sign-in page. Log in with the staging user and approve the access. Then copy the address the browser lands on and paste it here.",
};

/**
 * "Sign in with Pleo": starts the flow in the system browser and shows its live progress.
 * Progress comes only from main's ordered events (data/stores.ts), never from the answer to
 * the start request, so a fast failure cannot be overwritten by a late "waiting".
 */
export function SignInPanel({ env, navigate }: { env: EnvironmentSummary; navigate: (id: ScreenId) => void }) {
  const progress = useSignInProgress(env.id);
  const [requestError, setRequestError] = useState<AppError | undefined>();
  const [pasted, setPasted] = useState('');
  const [reopened, setReopened] = useState('');
  const pending = isPending(progress);
  const timeLeft = useTimeLeft(pending ? progress.expiresAt : undefined);
  const signIn = async () => {
    setRequestError(undefined);
    setReopened('');
    const r = await partner().auth.signIn({ environmentId: env.id });
    if (!r.ok) setRequestError(r.error);
  };
  const cancel = async () => {
    await partner().auth.cancel({});
  };
  const reopen = async () => {
    const r = await partner().auth.reopen({});
    setReopened(r.ok && r.value.reopened ? 'The sign-in page is open in your browser again.' : 'There is no sign-in waiting any more.');
  };
  const paste = async () => {
    const url = pasted.trim();
    // The address holds a one-time code: clear it from the page straight away.
    setPasted('');
    const r = await partner().auth.pasteCallback({ url });
    if (!r.ok) setRequestError(r.error);
  };
  const { status } = useAuthStatus(env.id);
  const lastFailure = progress?.phase === 'failed' ? progress.error : undefined;
  // A new attempt that timed out does not undo the session the app holds: say so, calmly.
  const stillSignedIn = !!status?.signedIn && !!lastFailure && HARMLESS_WHEN_SIGNED_IN.has(lastFailure.code);
  const flowError = stillSignedIn ? undefined : lastFailure;
  const error = requestError ?? flowError;
  const needsPaste =
    pending && (progress.awaitingPaste || (env.callbackMode === 'paste-back' && progress.phase === 'waiting-for-callback'));
  const missing = !env.clientId ? 'Enter the Client ID first.' : !env.hasClientSecret ? 'Save the Client Secret first.' : undefined;
  return (
    <section aria-labelledby="signin-heading" className="connect-section signin-panel">
      <h3 id="signin-heading">4. Sign in</h3>
      <p>{INTRO[env.callbackMode]}</p>
      <div className="step-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void signIn()}
          disabled={pending || !!missing}
          aria-describedby={missing ? 'signin-missing' : undefined}
          data-testid="sign-in"
        >
          Sign in with Pleo
        </button>
        {pending && progress.phase === 'waiting-for-callback' && (
          <button type="button" onClick={() => void reopen()} data-testid="reopen-sign-in">
            Reopen the sign-in page
          </button>
        )}
        {pending && (
          <button type="button" onClick={() => void cancel()} data-testid="cancel-sign-in">
            Cancel sign-in
          </button>
        )}
      </div>
      {missing && (
        <p id="signin-missing" className="muted">
          {missing}
        </p>
      )}
      {pending && timeLeft && (
        <p className="muted" data-testid="sign-in-time-left">
          <span aria-hidden="true">⏱ </span>
          {timeLeft} to finish the sign-in in the browser. Closed the tab? Reopen the sign-in page.
        </p>
      )}
      {progress && progress.phase !== 'idle' && progress.phase !== 'cancelled' && !stillSignedIn && (
        <ol className="flow-progress" aria-label="Sign-in progress" data-testid="flow-progress" data-phase={progress.phase}>
          {STAGES.map((s) => {
            const state = stageState(s.phase, progress);
            return (
              <li key={s.phase} className={`flow-stage flow-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span aria-hidden="true">{state === 'done' ? '✓' : state === 'current' ? '◐' : '○'}</span>{' '}
                {state === 'done' ? (s.doneLabel ?? s.label) : s.label}
                <span className="visually-hidden">{state === 'done' ? ' (done)' : state === 'current' ? ' (now)' : ' (to do)'}</span>
              </li>
            );
          })}
        </ol>
      )}
      <div role="status" aria-live="polite" className="form-status" data-testid="flow-status">
        {progress?.phase === 'signed-in' && (
          <span className="status-badge status-done">
            <span aria-hidden="true">✓</span> Signed in. Checklist step 5 is proven.
          </span>
        )}
        {progress?.phase === 'cancelled' && 'Sign-in cancelled.'}
        {stillSignedIn && 'The new sign-in was not finished in time. You are still signed in; nothing changed.'}
        {reopened}
      </div>
      {progress?.phase === 'signed-in' && (
        <div className="step-actions">
          <button type="button" onClick={() => navigate('token')}>
            See the token
          </button>
          <button type="button" onClick={() => navigate('checklist')}>
            Back to the checklist
          </button>
        </div>
      )}
      {needsPaste && (
        <ActionForm
          className="paste-back"
          onSubmit={() => {
            if (pasted.trim()) void paste();
          }}
        >
          <TextField
            id="paste-url"
            label="Address the browser landed on after you approved"
            value={pasted}
            onChange={setPasted}
            type="url"
            sensitive
            help={'Copy it from the browser\'s address bar, including everything after "?".'}
          />
          <button type="submit" className="primary" disabled={!pasted.trim()}>
            Continue sign-in
          </button>
        </ActionForm>
      )}
      {error && <ExplainedError error={error} title="Sign-in did not complete" />}
      <DoctorLink error={error} navigate={navigate} />
    </section>
  );
}
