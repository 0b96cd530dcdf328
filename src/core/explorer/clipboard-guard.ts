/**
 * The copied access token does not stay on the clipboard (security issue 11, point 6): a
 * minute after the copy, and when the app quits, the clipboard is cleared if it still holds
 * that token. Anything the user copied since is left alone. Hosts without a clipboard reader
 * never clear (they cannot tell whose text is there).
 */
import type { ClipboardPort, ConfirmRequest } from '../ports.js';

export const TOKEN_CLIPBOARD_MS = 60_000;

export const COPY_TOKEN_QUESTION: ConfirmRequest = {
  kind: 'copy-access-token',
  title: 'Copy the access token?',
  message: 'The access token opens your company\u2019s Pleo data to whoever holds it until it expires.',
  detail: [
    'Paste it only into a tool you trust, never into chats, tickets or screen shares.',
    'The app clears it from the clipboard after one minute if it is still there.',
    'Prefer "Copy as cURL", which uses $PLEO_ACCESS_TOKEN instead.',
  ].join('\n'),
  confirmLabel: 'Copy the token',
};

export function createClipboardGuard(clipboard: ClipboardPort, clearAfterMs: number) {
  let pending: { token: string; timer: ReturnType<typeof setTimeout> } | undefined;

  const clearIfStillThere = async (token: string): Promise<void> => {
    if (!clipboard.readText) return;
    try {
      if ((await clipboard.readText()) === token) await clipboard.writeText('');
    } catch {
      // best effort: a clipboard that cannot be read is left as it is
    }
  };

  return {
    copied(token: string): void {
      if (pending) clearTimeout(pending.timer);
      const timer = setTimeout(() => {
        pending = undefined;
        void clearIfStillThere(token);
      }, clearAfterMs);
      timer.unref?.();
      pending = { token, timer };
    },
    async dispose(): Promise<void> {
      const current = pending;
      pending = undefined;
      if (!current) return;
      clearTimeout(current.timer);
      await clearIfStillThere(current.token);
    },
  };
}
