/**
 * IPC sender validation (security E-17, IPC-06..IPC-08): a request is served only when it
 * comes from the top frame of the app's own window showing the app's own origin. Destroyed
 * or detached frames, iframes, about:blank and any other origin are refused.
 */
import { APP_ORIGIN } from '../shared/csp.js';

export interface SenderLike {
  senderFrame?: { url: string; parent: unknown; isDestroyed?(): boolean } | null;
  sender?: { id: number };
}

export function isTrustedSender(event: SenderLike, trustedWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed?.() === true) return false;
  if (frame.parent !== null) return false;
  if (!event.sender || !trustedWebContentsIds.has(event.sender.id)) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return `${url.protocol}//${url.host}` === APP_ORIGIN;
}
