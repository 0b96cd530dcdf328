import type { ScreenId } from '../app/screen-id.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { ClientForm } from './ClientForm.js';
import { EnvironmentPicker } from './EnvironmentPicker.js';
import { SecretForm } from './SecretForm.js';
import { SignInPanel } from './SignInPanel.js';
import { useEnvironments } from './use-environments.js';

/** Connect: environment, client details, write-only secret, and "Sign in with Pleo". */
export function ConnectScreen({ navigate }: { navigate: (id: ScreenId) => void }) {
  const { environments, active, error, apply } = useEnvironments();
  return (
    <section aria-labelledby="connect-heading" className="connect-screen">
      <h2 id="connect-heading">Connect to Pleo</h2>
      {error && <ErrorMessage error={error} />}
      {!active && !error && <p role="status">Loading environments…</p>}
      {active && (
        <>
          <EnvironmentPicker environments={environments} active={active} />
          <ClientForm key={active.id} env={active} onSaved={apply} />
          <SecretForm env={active} onSaved={apply} />
          <SignInPanel key={active.id} env={active} navigate={navigate} />
        </>
      )}
    </section>
  );
}
