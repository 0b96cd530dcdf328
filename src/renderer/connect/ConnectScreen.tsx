import type { ScreenId } from '../app/screen-id.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { ClientForm } from './ClientForm.js';
import { EnvironmentPicker } from './EnvironmentPicker.js';
import { SecretForm } from './SecretForm.js';
import { SignInPanel } from './SignInPanel.js';
import { useEnvironments } from './use-environments.js';
import { PreflightNotice } from '../doctor/PreflightNotice.js';

/**
 * Connect: environment, client details, write-only secret, and "Sign in with Pleo". The forms
 * are keyed per environment (distinct keys: two siblings with one key made React keep stale
 * copies, so every switch added another "Client details" form).
 */
export function ConnectScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { environments, active, error, apply } = useEnvironments();
  return (
    <section aria-labelledby="connect-heading" className="connect-screen">
      <h2 id="connect-heading">Connect to Pleo</h2>
      {error && <ErrorMessage error={error} />}
      {!active && !error && <p role="status">Loading environments…</p>}
      {active && (
        <div className="connect-layout">
          <div className="connect-forms">
            <EnvironmentPicker environments={environments} active={active} />
            <ClientForm key={`client-${active.id}`} env={active} onSaved={apply} />
            <SecretForm key={`secret-${active.id}`} env={active} onSaved={apply} />
          </div>
          <div className="connect-side">
            <PreflightNotice key={`preflight-${active.id}`} env={active} navigate={navigate} />
            <SignInPanel key={`signin-${active.id}`} env={active} navigate={navigate} />
          </div>
        </div>
      )}
    </section>
  );
}
