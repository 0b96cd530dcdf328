import { useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { AppError } from '../../shared/result.js';
import { describeScope } from '../../shared/scope-descriptions.js';
import { usePresenterMode } from '../app/presenter-context.js';
import { ExplainedError } from './ExplainedError.js';
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
  const [error, setError] = useState<AppError | undefined>();
  const [saved, setSaved] = useState('');
  const save = async () => {
    setSaved('');
    const r = await partner().environments.update({
      environmentId: env.id,
      clientId: clientId.trim(),
      redirectUri: redirectUri.trim(),
      scopes: scopes.split(/\s+/).filter(Boolean),
    });
    if (r.ok) {
      setError(undefined);
      setSaved('Saved.');
      onSaved(r.value);
    } else setError(r.error);
  };
  const scopeList = scopes.split(/\s+/).filter(Boolean);
  return (
    <section aria-labelledby="client-heading" className="connect-section">
      <h3 id="client-heading">2. Client details</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="client-id">Client ID</label>
          <input
            id="client-id"
            value={clientId}
            onChange={(e) => setClientId(e.currentTarget.value)}
            type={presenter ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            aria-describedby="client-id-help"
            data-testid="client-id"
          />
          <span id="client-id-help" className="help">
            From the 1Password item Pleo sent you.{presenter ? ' Hidden in presenter mode.' : ''}
          </span>
        </div>
        <div className="field">
          <label htmlFor="redirect-uri">Registered redirect URI</label>
          <input
            id="redirect-uri"
            value={redirectUri}
            onChange={(e) => setRedirectUri(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={2048}
            aria-describedby="redirect-help"
            data-testid="redirect-uri"
          />
          <span id="redirect-help" className="help">
            Exactly as registered with Pleo. {CALLBACK_TEXT[env.callbackMode]}
          </span>
        </div>
        <div className="field">
          <label htmlFor="scopes">Scopes (separated by spaces)</label>
          <input id="scopes" value={scopes} onChange={(e) => setScopes(e.currentTarget.value)} autoComplete="off" spellCheck={false} aria-describedby="scopes-help" data-testid="scopes" />
          <span id="scopes-help" className="help">
            What the app asks Pleo to allow. Pleo grants only scopes approved for your client.
          </span>
        </div>
        {scopeList.length > 0 && (
          <ul className="scope-meanings" aria-label="What these scopes allow">
            {scopeList.map((s) => (
              <li key={s}>
                <code>{s}</code>: {describeScope(s).meaning}
              </li>
            ))}
          </ul>
        )}
        <button type="submit" data-testid="save-client">
          Save client details
        </button>
        <span role="status" aria-live="polite" className="form-status">
          {saved}
        </span>
      </form>
      {error && <ExplainedError error={error} />}
    </section>
  );
}
