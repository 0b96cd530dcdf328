/**
 * The separate, explicit "copy access token" action. Main asks the user in a native dialog
 * (the renderer cannot answer it), copies the token itself (the renderer never sees it) and
 * clears the clipboard after a minute if the token is still there. Not rendered at all in
 * presenter mode; main refuses too.
 */
import { usePresenterMode } from '../app/presenter-context.js';
import { partner } from '../partner.js';

export function CopyTokenAction({ onNote }: { onNote(text: string): void }) {
  const presenter = usePresenterMode();
  if (presenter) return null;
  return (
    <button
      type="button"
      data-testid="copy-token"
      onClick={async () => {
        const r = await partner().explorer.copyAccessToken({});
        onNote(r.ok ? 'Access token copied. The app clears it from the clipboard after one minute.' : r.error.message);
      }}
    >
      Copy access token…
    </button>
  );
}
