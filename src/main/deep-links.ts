/**
 * Deep-link intake for the OAuth callback on the private-use scheme. The OS delivers it three
 * ways (docs/architecture.md, "Sign-in: one flow, three ways back"): macOS `open-url` (registered in will-finish-launching,
 * before ready), `second-instance` argv on Windows/Linux, and the cold-start argv. All three
 * end in the same call; the sign-in engine decides whether a flow is waiting for it.
 */
import type { SeamDeepLinkApp } from './electron-seam.js';
import { CALLBACK_SCHEME } from '../shared/csp.js';
import { findCallbackUrlInArgv, MAX_DEEP_LINK_LENGTH } from '../core/oauth/deep-link.js';

export { MAX_DEEP_LINK_LENGTH };

/**
 * Finds our callback URL in an argv array (second instance or cold start). The parsing rules
 * (one candidate after `--`, no switches, length cap) live in core/oauth/deep-link.ts.
 */
export function findDeepLinkInArgv(argv: readonly string[]): string | undefined {
  return findCallbackUrlInArgv(argv, [CALLBACK_SCHEME]);
}

export type DeepLinkApp = SeamDeepLinkApp;

/**
 * Connects the three delivery paths to `deliver`. URLs that arrive before the engine is
 * ready are queued (cold start, or macOS open-url before ready).
 */
export function createDeepLinkIntake(app: DeepLinkApp, onSecondInstance: () => void) {
  let deliver: ((url: string) => void) | undefined;
  const queue: string[] = [];
  const accept = (url: string | undefined) => {
    if (!url || url.length > MAX_DEEP_LINK_LENGTH) return;
    if (deliver) deliver(url);
    else if (queue.length < 5) queue.push(url);
  };
  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault();
      accept(url);
    });
  });
  app.on('second-instance', (_event, argv) => {
    onSecondInstance();
    accept(findDeepLinkInArgv(argv));
  });
  return {
    acceptArgv: (argv: readonly string[]) => accept(findDeepLinkInArgv(argv)),
    setDeliver(fn: (url: string) => void) {
      deliver = fn;
      for (const url of queue.splice(0)) fn(url);
    },
  };
}
