import { useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { describeScope } from '../../shared/scope-descriptions.js';
import { ActionForm } from '../app/ActionForm.js';
import { usePresenterMode } from '../app/presenter-context.js';
import { ExplainedError } from './ExplainedError.js';
import { TextField } from './TextField.js';
import { ClientAuthField } from './ClientAuthField.js';
import { partner } from '../partner.js';

const CALLBACK_TEXT: Record<EnvironmentSummary['callbackMode'], string> = {
  'private-scheme': 'After you approve, the browser hands the answer straight back to this app.',
  loopback: 'After you approve, the browser returns to a one-time address on this computer that the app listens on.',
  'paste-back': 'After you approve, copy the address the browser lands on and paste it into this app.',
};

/**
 * Client ID, the registered redirect URI and the scopes of the environment (validated in main).
 * The parent keys it by environment, so switching environments starts from that one's values.
 */
export function ClientForm({ env, onSaved }: { env: EnvironmentSummary; onSaved: (env: EnvironmentSummary) => void }) {
  const presenter = usePresenterMode();
  const [clientId, setClientId] = useState(env.clientId);
  const [redirectUri, setRedirectUri] = useState(env.redirectUri);
  const [scopes, setScopes] = useState(env.scopes.join(' '));
  const [clientAuth, setClientAuth] = useState(env.clientAuth ?? 'client_secret_basic');
  const [error, setError] = useState<AppError | undefined>();
  const [saved, setSaved] = useState('');
  const save = async () => {
    setSaved('');
    const r = await partner().environments.update({
      environmentId: env.id,
      clientId: clientId.trim(),
      redirectUri: redirectUri.trim(),
      scopes: scopes.split(/\s+/).filter(Boolean),
      ...(env.capabilities?.clientAuthEditable ? { clientAuth } : {}),
    });
    if (r.ok) {
      setError(undefined);
      setSaved('Saved.');
      onSaved(r.value);
    } else setError(r.error);
  };
  /** The simulator's own client (ID, redirect URI, scopes), after the user edited it. */
  const restore = async () => {
    setSaved('');
    const r = await partner().environments.restoreDefaults({ environmentId: env.id });
    if (!r.ok) return setError(r.error);
    setError(undefined);
    setClientId(r.value.clientId);
    setRedirectUri(r.value.redirectUri);
    setScopes(r.value.scopes.join(' '));
    setSaved('The built-in client is back.');
    onSaved(r.value);
  };
  const scopeList = scopes.split(/\s+/).filter(Boolean);
  return (
    <section aria-labelledby="client-heading" className="connect-section">
      <h3 id="client-heading">2. Client details</h3>
      <ActionForm onSubmit={save}>
        <TextField
          id="client-id"
          label="Client ID"
          value={clientId}
          onChange={setClientId}
          sensitive
          maxLength={200}
          help={<>From the 1Password item Pleo sent you.{presenter ? ' Hidden in presenter mode.' : ''}</>}
        />
        <TextField
          id="redirect-uri"
          label="Registered redirect URI"
          value={redirectUri}
          onChange={setRedirectUri}
          maxLength={2048}
          help={<>Exactly as registered with Pleo. {CALLBACK_TEXT[env.callbackMode]}</>}
        />
        <TextField
          id="scopes"
          label="Scopes (separated by spaces)"
          value={scopes}
          onChange={setScopes}
          help="What the app asks Pleo to allow. Pleo grants only scopes approved for your client."
        />
        {scopeList.length > 0 && (
          <details className="scope-details">
            <summary>What these {scopeList.length} scopes allow</summary>
            <ul className="scope-meanings" aria-label="What these scopes allow">
              {scopeList.map((s) => (
                <li key={s}>
                  <code>{s}</code>: {describeScope(s).meaning}
                </li>
              ))}
            </ul>
          </details>
        )}
        <ClientAuthField env={env} value={clientAuth} onChange={setClientAuth} />
        <div className="step-actions">
          <button type="submit" data-testid="save-client">
            Save client details
          </button>
          {env.kind === 'simulator' && (
            <button type="button" onClick={() => void restore()} data-testid="restore-simulator-client">
              Restore the built-in client
            </button>
          )}
        </div>
        <span role="status" aria-live="polite" className="form-status">
          {saved}
        </span>
      </ActionForm>
      {error && <ExplainedError error={error} />}
    </section>
  );
}
