import { useState } from 'react';
import type { CredentialCheck, EnvironmentSummary } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { ActionForm } from '../app/ActionForm.js';
import { BusyButton } from '../app/BusyButton.js';
import { Sensitive } from '../app/Sensitive.js';
import { credentialError } from '../onboarding/step-actions.js';
import { ExplainedError } from './ExplainedError.js';
import { TextField } from './TextField.js';
import { partner } from '../partner.js';

/**
 * Write-only Client Secret entry: the secret goes to main (keychain) and is never shown again;
 * the screen shows only "saved, fingerprint …". Saving runs the credential check (step 4).
 */
export function SecretForm({ env, onSaved }: { env: EnvironmentSummary; onSaved: (env: EnvironmentSummary) => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<AppError | undefined>();
  const [check, setCheck] = useState<CredentialCheck | undefined>();
  const [busy, setBusy] = useState(false);
  const runCheck = async () => {
    setBusy(true);
    const r = await partner().credentials.check({ environmentId: env.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setCheck(r.value);
    setError(r.value.outcome === 'accepted' ? undefined : credentialError(r.value.outcome, r.value.detail, env.name));
  };
  const save = async () => {
    setCheck(undefined);
    setError(undefined);
    const r = await partner().credentials.setClientSecret({ environmentId: env.id, clientSecret: secret.trim() });
    // Clear the field either way: the secret must not linger in the page.
    setSecret('');
    if (!r.ok) return setError(r.error);
    onSaved(r.value);
    await runCheck();
  };
  return (
    <section aria-labelledby="secret-heading" className="connect-section">
      <h3 id="secret-heading">3. Client Secret</h3>
      <p className="saved-secret" data-testid="secret-state">
        {env.hasClientSecret ? (
          <>
            <span aria-hidden="true">✓</span> Saved in your system keychain, fingerprint{' '}
            <Sensitive value={env.clientSecretFingerprint ?? '…'} label="Secret fingerprint" />. It is never shown again.
          </>
        ) : (
          <>
            <span aria-hidden="true">○</span> No Client Secret saved yet.
          </>
        )}
      </p>
      <ActionForm
        onSubmit={() => {
          if (secret.trim()) void save();
        }}
      >
        <TextField
          id="client-secret"
          label={env.hasClientSecret ? 'Replace the Client Secret' : 'Client Secret'}
          value={secret}
          onChange={setSecret}
          type="password"
          maxLength={1000}
        />
        <div className="step-actions">
          <button type="submit" className={env.hasClientSecret ? undefined : 'primary'} disabled={!secret.trim()} data-testid="save-secret">
            Save secret
          </button>
          <BusyButton busy={busy} busyLabel="Checking…" onClick={runCheck} disabled={!env.hasClientSecret} testId="check-credentials">
            Check credentials
          </BusyButton>
        </div>
      </ActionForm>
      <div role="status" aria-live="polite" className="form-status" data-testid="credential-result">
        {check?.outcome === 'accepted' && (
          <span className="status-badge status-done">
            <span aria-hidden="true">✓</span> Pleo accepted the Client ID and Secret. Checklist step 4 is proven.
          </span>
        )}
      </div>
      {error && <ExplainedError error={error} />}
      {error?.code === 'AS_UNAVAILABLE' && (
        <div className="step-actions">
          <button type="button" className="primary" onClick={() => void runCheck()} disabled={busy} data-testid="retry-credentials">
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
