import { useState } from 'react';
import type { AppError } from '../../shared/result.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { useLive } from '../data/live-store.js';
import { aboutStore } from '../data/stores.js';
import { partner } from '../partner.js';

/**
 * About: what is running, where the app keeps its data, the licences of the bundled
 * open-source packages, and "Save a support bundle" (recent log and settings, redacted in main
 * before the file is written: the renderer never sees its content).
 */
export function AboutScreen() {
  const { data: about, error: loadError } = useLive(aboutStore);
  const [bundleError, setBundleError] = useState<AppError | undefined>();
  const error = bundleError ?? loadError;
  const [bundleMessage, setBundleMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const saveBundle = async () => {
    setBusy(true);
    setBundleError(undefined);
    setBundleMessage('');
    const r = await partner().app.saveSupportBundle({});
    setBusy(false);
    if (!r.ok) return setBundleError(r.error);
    if (!r.value.saved) return setBundleMessage('Not saved: the save dialog was closed.');
    const size = r.value.bytes !== undefined ? ` (${Math.max(1, Math.round(r.value.bytes / 1024))} KB)` : '';
    setBundleMessage(`Support bundle saved${r.value.path ? ` to ${r.value.path}` : ''}${size}.`);
  };
  return (
    <section aria-labelledby="about-heading" className="about-screen">
      <h2 id="about-heading">About</h2>
      {error && <ErrorMessage error={error} />}
      {!about && !error && <p role="status">Loading…</p>}
      {about && (
        <>
          <dl className="token-facts" data-testid="about-facts">
            <dt>App</dt>
            <dd>
              {about.name} {about.version}
            </dd>
            <dt>System</dt>
            <dd>{PLATFORM_NAMES[about.platform] ?? about.platform}</dd>
            {Object.entries(about.runtime).map(([name, version]) => (
              <RuntimeRow key={name} name={name} version={version} />
            ))}
          </dl>

          <h3>Where your data is kept</h3>
          <dl className="token-facts" data-testid="about-data">
            <dt>Settings</dt>
            <dd>
              <code>{about.dataLocations.settingsFile}</code>
              <span className="help">Environments, Client IDs, checklist progress and preferences. No secrets.</span>
            </dd>
            <dt>Secrets</dt>
            <dd>
              {about.dataLocations.keychain}
              <span className="help">Client secrets and tokens. They are never written to a file.</span>
            </dd>
            <dt>Log</dt>
            <dd>{about.dataLocations.log}</dd>
          </dl>

          <h3>Support bundle</h3>
          <p>
            If something goes wrong, save a support bundle and send it to whoever helps you. It holds the recent log and your settings in
            one file. Client secrets, tokens and sign-in codes are removed before it is written.
          </p>
          <div className="step-actions">
            <button type="button" onClick={() => void saveBundle()} disabled={busy} data-testid="save-support-bundle">
              {busy ? 'Saving…' : 'Save a support bundle…'}
            </button>
          </div>
          <p role="status" data-testid="support-bundle-status">
            {bundleMessage}
          </p>

          <h3>Open-source licences</h3>
          {about.licencesNote && <p>{about.licencesNote}</p>}
          {about.licences.length > 0 && (
            <details data-testid="about-licences">
              <summary>{about.licences.length} open-source packages are built into this app</summary>
              <table>
                <caption className="visually-hidden">Bundled packages and their licences</caption>
                <thead>
                  <tr>
                    <th scope="col">Package</th>
                    <th scope="col">Version</th>
                    <th scope="col">Licence</th>
                  </tr>
                </thead>
                <tbody>
                  {about.licences.map((l) => (
                    <tr key={`${l.name}@${l.version}`}>
                      <td>{l.name}</td>
                      <td>{l.version}</td>
                      <td>{l.licence}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <p className="help">
            Electron's and Chromium's own licence notices are installed beside the app, in LICENSE and LICENSES.chromium.html.
          </p>
        </>
      )}
    </section>
  );
}

const PLATFORM_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };
const RUNTIME_NAMES: Record<string, string> = { electron: 'Electron', chromium: 'Chromium', node: 'Node.js' };

function RuntimeRow({ name, version }: { name: string; version: string }) {
  if (!version) return null;
  return (
    <>
      <dt>{RUNTIME_NAMES[name] ?? name}</dt>
      <dd>{version}</dd>
    </>
  );
}
