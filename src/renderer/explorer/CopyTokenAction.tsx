/**
 * The separate, explicit "copy access token" action: a warning and a second click, done by main
 * (the renderer never sees the token). Not rendered at all in presenter mode; main refuses too.
 */
import { useState } from 'react';
import { usePresenterMode } from '../app/presenter-context.js';
import { partner } from '../partner.js';

export function CopyTokenAction({ onNote }: { onNote(text: string): void }) {
  const presenter = usePresenterMode();
  const [confirming, setConfirming] = useState(false);
  if (presenter) return null;
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} data-testid="copy-token">
        Copy access token…
      </button>
    );
  }
  return (
    <div className="notice notice-warning copy-token-confirm" role="group" aria-labelledby="copy-token-warning">
      <p id="copy-token-warning">
        <strong>Warning:</strong> the access token opens your company’s Pleo data to whoever holds it until it expires. Paste it only into a tool you trust, never into
        chats, tickets or screen shares. Prefer “Copy as cURL”, which uses $PLEO_ACCESS_TOKEN instead.
      </p>
      <button
        type="button"
        className="primary"
        data-testid="copy-token-confirm"
        onClick={async () => {
          setConfirming(false);
          const r = await partner().explorer.copyAccessToken({ confirm: true });
          onNote(r.ok ? 'Access token copied. Clear your clipboard when you are done.' : r.error.message);
        }}
      >
        Copy the token
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}
