/**
 * Deep-link intake for the OAuth callback on the private-use scheme. The OS delivers it three
 * ways (architecture.md "Sign-in"): macOS `open-url` (registered in will-finish-launching,
 * before ready), `second-instance` argv on Windows/Linux, and the cold-start argv. All three
 * end in the same call; the sign-in engine decides whether a flow is waiting for it.
 */
import { CALLBACK_SCHEME } from '../shared/csp.js';

/** URLs longer than this are dropped before any parsing (CB-20). */
export const MAX_DEEP_LINK_LENGTH = 8192;

/**
 * Finds our callback URL in an argv array. Only an argument that starts with our scheme
 * (case-insensitive, RFC 3986) counts; Chromium switches smuggled in by a crafted URL
 * (CVE-2018-1000006) are never interpreted because the registration puts `--` before the URL.
 */
export function findDeepLinkInArgv(argv: readonly string[]): string | undefined {
  const prefix = `${CALLBACK_SCHEME}:`;
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_DEEP_LINK_LENGTH) continue;
    if (arg.slice(0, prefix.length).toLowerCase() === prefix) return arg;
  }
  return undefined;
}

/**
 * Arguments for app.setAsDefaultProtocolClient. In development Electron runs as
 * `electron <app path>`, so the app path is passed; the trailing `--` stops Chromium from
 * parsing the URL as switches on Windows (security-test-plan CB-24).
 */
export function protocolClientArgs(processArgv: readonly string[], defaultApp: boolean): string[] {
  const appPath = defaultApp && processArgv[1] ? [processArgv[1]] : [];
  return [...appPath, '--'];
}

export interface DeepLinkApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'will-finish-launching', listener: () => void): unknown;
}

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
