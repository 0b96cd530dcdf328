import { useState } from 'react';
import type { AppError } from '../../shared/result.js';
import { BusyButton } from '../app/BusyButton.js';
import type { ScreenId } from '../app/screen-id.js';
import { Sensitive } from '../app/Sensitive.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { ExplainedError } from '../connect/ExplainedError.js';
import { useEnvironments } from '../connect/use-environments.js';
import { partner } from '../partner.js';
import { ExpiryCountdown } from './ExpiryCountdown.js';
import { ScopeTable } from './ScopeTable.js';
import { SignOutDialog } from './SignOutDialog.js';
import { TokenTimeline } from './TokenTimeline.js';
import { useAuthStatus } from './use-auth-status.js';

/** The token panel: status, scopes, expiry, refresh, sign-out and the token timeline. */
export function TokenScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { active } = useEnvironments();
  const { status, setStatus, error: loadError } = useAuthStatus(active?.id);
  const [error, setError] = useState<AppError | undefined>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [signOutOpen, setSignOutOpen] = useState(false);
  const refresh = async () => {
    setBusy(true);
    setError(undefined);
    setMessage('');
    const r = await partner().auth.refresh({ environmentId: active?.id });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value);
      setMessage('Refreshed: new access and refresh tokens are stored.');
    } else setError(r.error);
  };
  const signOut = async (disconnectInstallation: boolean) => {
    setSignOutOpen(false);
    setError(undefined);
    const r = await partner().auth.signOut({ environmentId: active?.id, disconnectInstallation });
    if (r.ok) {
      setStatus(r.value);
      setMessage(disconnectInstallation ? 'Signed out and the Pleo installation was disconnected.' : 'Signed out.');
    } else setError(r.error);
  };
  return (
    <section aria-labelledby="token-heading" className="token-screen">
      <h2 id="token-heading">Token</h2>
      <p className="token-intro">
        When you sign in, Pleo gives the app an <strong>access token</strong>: a temporary key the app uses to call Pleo's API for the
        company. With it comes a <strong>refresh token</strong>, which lets the app get a new key without asking you to sign in again.
      </p>
      {loadError && <ErrorMessage error={loadError} />}
      {!status && !loadError && <p role="status">Loading the token status…</p>}
      {status && active && (
        <>
          <div className="token-summary" data-testid="token-status">
            {status.signedIn ? (
              <p className="status-line">
                <span className="status-badge status-done">
                  <span aria-hidden="true">✓</span> Signed in
                </span>{' '}
                to {active.name}
                {status.companyName ? (
                  <>
                    {' '}
                    for <strong data-testid="company-name">{status.companyName}</strong>
                  </>
                ) : status.subject ? (
                  ' for the company shown below'
                ) : null}
                .
              </p>
            ) : (
              <p className="status-line">
                <span className="status-badge status-not-started">
                  <span aria-hidden="true">○</span> Not signed in
                </span>{' '}
                to {active.name}.{' '}
                <button type="button" className="link-button" onClick={() => navigate('connect')}>
                  Go to Connect to sign in
                </button>
              </p>
            )}
            {status.signedIn && status.accessTokenExpiresAt !== undefined && (
              <p>
                <ExpiryCountdown expiresAt={status.accessTokenExpiresAt} />.
              </p>
            )}
            <dl className="token-facts">
              {status.subject && (
                <>
                  <dt>Company ID</dt>
                  <dd>
                    <Sensitive value={status.subject} label="Company identifier" />
                  </dd>
                </>
              )}
              <dt>Access token</dt>
              <dd>
                {status.accessTokenFingerprint ? (
                  <Sensitive value={status.accessTokenFingerprint} label="Access token fingerprint" />
                ) : (
                  'None'
                )}
              </dd>
              <dt>Refresh token</dt>
              <dd>
                {status.hasRefreshToken ? (
                  status.refreshTokenFingerprint ? (
                    <Sensitive value={status.refreshTokenFingerprint} label="Refresh token fingerprint" />
                  ) : (
                    'Stored'
                  )
                ) : (
                  'None'
                )}
              </dd>
              <dt>Kept in</dt>
              <dd>{status.sessionOnly ? 'Memory only until you quit (the system keychain is not available)' : 'Your system keychain'}</dd>
            </dl>
            <p className="muted">Tokens themselves are never shown: only the last characters of a fingerprint, to tell them apart.</p>
          </div>
          <div className="step-actions">
            <BusyButton
              busy={busy}
              busyLabel="Refreshing…"
              className="primary"
              onClick={refresh}
              disabled={!status.signedIn}
              testId="refresh-now"
            >
              Refresh now
            </BusyButton>
            <button type="button" onClick={() => setSignOutOpen(true)} disabled={!status.signedIn} data-testid="sign-out">
              Sign out…
            </button>
          </div>
          <p role="status" aria-live="polite" className="form-status">
            {message}
          </p>
          {error && <ExplainedError error={error} />}
          <h3>Scopes</h3>
          <ScopeTable
            requested={status.requestedScopes.length ? status.requestedScopes : active.scopes}
            granted={status.grantedScopes}
            signedIn={status.signedIn}
          />
          <h3>Timeline</h3>
          <TokenTimeline entries={status.timeline} />
          <SignOutDialog open={signOutOpen} env={active} onConfirm={(d) => void signOut(d)} onCancel={() => setSignOutOpen(false)} />
        </>
      )}
    </section>
  );
}
