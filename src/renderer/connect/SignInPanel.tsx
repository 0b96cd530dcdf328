import { useEffect, useState } from 'react';
import type { EnvironmentSummary, FlowProgress, SignInPhase } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import type { ScreenId } from '../app/screen-id.js';
import { usePresenterMode } from '../app/presenter-context.js';
import { ExplainedError } from './ExplainedError.js';
import { TextField } from './TextField.js';
import { partner } from '../partner.js';

/** Each stage in words while it runs and, where it reads differently, once it is done. */
const STAGES: Array<{ phase: SignInPhase; label: string; doneLabel?: string }> = [
  { phase: 'opening-browser', label: 'Browser opened' },
  { phase: 'waiting-for-callback', label: 'Waiting for you to sign in and approve in the browser', doneLabel: 'You signed in and approved in the browser' },
  { phase: 'exchanging-code', label: 'Getting the tokens from Pleo', doneLabel: 'Tokens received from Pleo' },
  { phase: 'storing', label: 'Stored in your system keychain' },
];
const ORDER: SignInPhase[] = ['opening-browser', 'waiting-for-callback', 'exchanging-code', 'storing', 'signed-in'];
const PENDING = new Set<SignInPhase>(['opening-browser', 'waiting-for-callback', 'exchanging-code', 'storing']);

function stageState(stage: SignInPhase, progress: FlowProgress): 'done' | 'current' | 'todo' {
  if (progress.phase === 'signed-in') return 'done';
  const at = ORDER.indexOf(progress.phase);
  const mine = ORDER.indexOf(stage);
  if (at < 0) return 'todo';
  return mine < at ? 'done' : mine === at ? 'current' : 'todo';
}

/** "Sign in with Pleo": starts the flow in the system browser and shows its live progress. */
export function SignInPanel({ env, navigate }: { env: EnvironmentSummary; navigate: (id: ScreenId) => void }) {
  const presenter = usePresenterMode();
  const [progress, setProgress] = useState<FlowProgress | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [pasted, setPasted] = useState('');
  useEffect(() => {
    return partner().on('auth.flowProgress', (p) => {
      if (p.environmentId !== env.id) return;
      setProgress(p);
      setError(p.phase === 'failed' && p.error ? p.error : undefined);
    });
  }, [env.id]);
  const signIn = async () => {
    setError(undefined);
    const r = await partner().auth.signIn({ environmentId: env.id });
    if (r.ok) setProgress((cur) => (cur && cur.flowId === r.value.flowId && ORDER.indexOf(cur.phase) > ORDER.indexOf(r.value.phase) ? cur : r.value));
    else setError(r.error);
  };
  const cancel = async () => {
    await partner().auth.cancel({});
  };
  const paste = async () => {
    const url = pasted.trim();
    // The address holds a one-time code: clear it from the page straight away.
    setPasted('');
    const r = await partner().auth.pasteCallback({ url });
    if (!r.ok) setError(r.error);
  };
  const pending = !!progress && PENDING.has(progress.phase);
  const needsPaste = pending && (progress?.awaitingPaste || (env.callbackMode === 'paste-back' && progress?.phase === 'waiting-for-callback'));
  const missing = !env.clientId ? 'Enter the Client ID first.' : !env.hasClientSecret ? 'Save the Client Secret first.' : undefined;
  return (
    <section aria-labelledby="signin-heading" className="connect-section">
      <h3 id="signin-heading">4. Sign in</h3>
      <p>Your browser opens Pleo's sign-in page. Log in with the staging user and approve the access; the app does the rest.</p>
      <div className="step-actions">
        <button type="button" className="primary" onClick={() => void signIn()} disabled={pending || !!missing} aria-describedby={missing ? 'signin-missing' : undefined} data-testid="sign-in">
          Sign in with Pleo
        </button>
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
      {progress && progress.phase !== 'idle' && (
        <ol className="flow-progress" aria-label="Sign-in progress" data-testid="flow-progress">
          {STAGES.map((s) => {
            const state = stageState(s.phase, progress);
            return (
              <li key={s.phase} className={`flow-stage flow-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span aria-hidden="true">{state === 'done' ? '✓' : state === 'current' ? '◐' : '○'}</span> {state === 'done' ? (s.doneLabel ?? s.label) : s.label}
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
        <form
          className="paste-back"
          onSubmit={(e) => {
            e.preventDefault();
            if (pasted.trim()) void paste();
          }}
        >
          <TextField
            id="paste-url"
            label="Address the browser landed on after you approved"
            value={pasted}
            onChange={setPasted}
            type={presenter ? 'password' : 'url'}
            testId="paste-url"
            help={'Copy it from the browser\'s address bar, including everything after "?".'}
          />
          <button type="submit" className="primary" disabled={!pasted.trim()}>
            Continue sign-in
          </button>
        </form>
      )}
      {error && <ExplainedError error={error} title="Sign-in did not complete" />}
    </section>
  );
}
