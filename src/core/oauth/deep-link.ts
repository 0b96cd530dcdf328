/**
 * Pure helpers for the private-use-scheme callback (RFC 8252 §7.1). The OS delivers it as a
 * macOS `open-url` event, as `second-instance` argv (Windows, Linux) or in the cold-start
 * argv; main hands each to `auth.handleDeepLink(url)` / `auth.handleArgv(argv)`.
 *
 * Windows: the scheme is registered as `"<exe>" [app] -- "%1"`. The `--` is what stops a
 * crafted link from becoming Chromium switches (CVE-2018-1000006, CB-24), so the helper that
 * builds the registration always ends with it, and the argv parser accepts only a single
 * argument that is a URL on one of our schemes.
 */
import path from 'node:path';

/** Deep links longer than this are dropped before any parsing (CB-20). */
export const MAX_DEEP_LINK_LENGTH = 8192;

/** The lower-case scheme of `value` if it is `scheme:...` on one of `schemes`. */
function schemeOf(value: string, schemes: readonly string[]): string | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const scheme = value.slice(0, colon).toLowerCase();
  return schemes.some((s) => s.toLowerCase() === scheme) ? scheme : undefined;
}

/**
 * Finds the callback URL in an argv array. Switches (`-x`, `--x`) are never taken, and if
 * more than one argument looks like a callback none is (a launch we did not produce).
 */
export function findCallbackUrlInArgv(argv: readonly unknown[], schemes: readonly string[]): string | undefined {
  const sentinel = argv.indexOf('--');
  const candidates = (sentinel >= 0 ? argv.slice(sentinel + 1) : argv).filter(
    (arg): arg is string =>
      typeof arg === 'string' && !arg.startsWith('-') && arg.length <= MAX_DEEP_LINK_LENGTH && schemeOf(arg, schemes) !== undefined,
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

export interface ProtocolRegistration {
  scheme: string;
  /** Executable to register (process.execPath). */
  path: string;
  /** Arguments placed before "%1"; always ends with "--". */
  args: string[];
}

/**
 * Arguments for `app.setAsDefaultProtocolClient(scheme, path, args)`. In development Electron
 * runs as `electron <app entry>`, so the entry is passed (resolved, so the registration does
 * not depend on the working directory).
 */
export function protocolRegistration(options: {
  scheme: string;
  execPath: string;
  defaultApp: boolean;
  appEntry?: string;
}): ProtocolRegistration {
  const entry = options.defaultApp && options.appEntry ? [path.resolve(options.appEntry)] : [];
  return { scheme: options.scheme, path: options.execPath, args: [...entry, '--'] };
}

/** The command line Windows will run, for tests and diagnostics: `"<exe>" [args] "%1"`. */
export function windowsOpenCommand(registration: ProtocolRegistration): string {
  const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;
  return [quote(registration.path), ...registration.args.map((a) => (a === '--' ? a : quote(a))), '"%1"'].join(' ');
}
