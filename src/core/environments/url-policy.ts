/**
 * Which URLs an environment may point at (security-test-plan B-14, B-15, S-8, AR-03, ST-08,
 * IPC-12) and how a registered redirect URI decides the callback path (docs/architecture.md,
 * "Sign-in").
 * Everything is parsed with URL and compared by component, never with startsWith.
 */
import type { CallbackMode } from '../../shared/environments.js';
import { CALLBACK_SCHEME } from '../../shared/csp.js';

export const MAX_URL_LENGTH = 2048;

export type PolicyResult<T> = { ok: true; value: T } | { ok: false; code: 'INSECURE_URL' | 'ENVIRONMENT_INVALID'; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Loopback per RFC 8252 §7.3 (plus `localhost`, which Pleo documents for development). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function parse(raw: string, label: string): PolicyResult<URL> {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${label} is empty.` };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${label} is too long.` };
  if (/[\u0000-\u0020\u007f]/.test(raw))
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${label} contains spaces or control characters.` };
  try {
    return { ok: true, value: new URL(raw) };
  } catch {
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${label} is not a valid address.` };
  }
}

/**
 * An endpoint the app sends credentials or tokens to (authorize, token, introspection,
 * revocation, API base). https, or http only on loopback when the caller allows it (the
 * built-in simulator and a partner's local mock). No user info, query or fragment: none has a
 * legitimate use here, and each has been used to smuggle a different host past a check.
 */
export function checkEndpointUrl(raw: string, options: { label: string; allowLoopbackHttp: boolean }): PolicyResult<URL> {
  const parsed = parse(raw, options.label);
  if (!parsed.ok) return parsed;
  const url = parsed.value;
  if (url.username || url.password)
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${options.label} must not contain a user name or password.` };
  if (url.search || url.hash || raw.includes('#') || raw.includes('?')) {
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${options.label} must not contain "?" or "#".` };
  }
  if (url.protocol === 'https:')
    return url.hostname
      ? { ok: true, value: url }
      : { ok: false, code: 'ENVIRONMENT_INVALID', reason: `The ${options.label} has no host.` };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return options.allowLoopbackHttp
      ? { ok: true, value: url }
      : { ok: false, code: 'INSECURE_URL', reason: `The ${options.label} must use https.` };
  }
  return {
    ok: false,
    code: 'INSECURE_URL',
    reason: `The ${options.label} must use https (plain http is allowed only on this computer: 127.0.0.1 or localhost).`,
  };
}

/** The API base without a trailing slash, so `${apiBase}/v2/employees` is always one slash. */
export function normaliseApiBase(url: URL): string {
  const text = url.toString();
  return text.endsWith('/') ? text.slice(0, -1) : text;
}

/**
 * The expected issuer. Pleo does not document `iss` (production was seen as the bare string
 * "pleo.production"), so any printable string is allowed; only an http URL off loopback is
 * refused, because that would mean the user meant a real server over plain http.
 */
export function checkIssuer(raw: string): PolicyResult<string> {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The issuer is empty.' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The issuer is too long.' };
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw))
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The issuer contains spaces or control characters.' };
  if (/^http:/i.test(raw)) {
    try {
      if (!isLoopbackHost(new URL(raw).hostname)) return { ok: false, code: 'INSECURE_URL', reason: 'The issuer must use https.' };
    } catch {
      return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The issuer is not a valid address.' };
    }
  }
  return { ok: true, value: raw };
}

export interface RedirectClassification {
  mode: CallbackMode;
  url: URL;
  /** Private-use scheme without the colon, lower-case (RFC 3986 §3.1). */
  scheme?: string;
}

/** Schemes that must never be used as "ours", even though they contain no dot. */
const RESERVED_SCHEMES = new Set([
  'javascript',
  'data',
  'file',
  'vbscript',
  'about',
  'blob',
  'ftp',
  'ws',
  'wss',
  'mailto',
  'chrome',
  'app',
]);

/**
 * Decides the callback path from the registered redirect URI:
 * - a private-use scheme (reverse DNS, one slash: `io.pleo.partnerdesktop:/oauth/callback`,
 *   RFC 8252 §7.1) -> OS protocol handler;
 * - `http://127.0.0.1|[::1]|localhost[:port]/path` -> one-shot loopback listener;
 * - any other `https://` URI -> paste-back of the address the browser landed on.
 */
export function classifyRedirectUri(raw: string): PolicyResult<RedirectClassification> {
  const parsed = parse(raw, 'redirect URI');
  if (!parsed.ok) return parsed;
  const url = parsed.value;
  if (url.hash || raw.includes('#')) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The redirect URI must not contain "#".' };
  if (url.username || url.password)
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The redirect URI must not contain a user name or password.' };
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'https') {
    if (!url.hostname) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The redirect URI has no host.' };
    return { ok: true, value: { mode: 'paste-back', url } };
  }
  if (scheme === 'http') {
    if (!isLoopbackHost(url.hostname)) {
      return {
        ok: false,
        code: 'INSECURE_URL',
        reason: 'An http redirect URI must point at this computer (127.0.0.1); anything else must use https.',
      };
    }
    if (url.search) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'A loopback redirect URI must not contain "?".' };
    return { ok: true, value: { mode: 'loopback', url } };
  }
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme) || !scheme.includes('.') || RESERVED_SCHEMES.has(scheme)) {
    return {
      ok: false,
      code: 'ENVIRONMENT_INVALID',
      reason: 'A private-use redirect scheme must be a reverse domain name such as io.pleo.partnerdesktop (letters, digits, dots; no "_").',
    };
  }
  // One slash after the colon (RFC 8252 §7.1): "scheme://x" would make "x" a host, which
  // other apps could claim differently and which the OS may rewrite.
  const rest = raw.slice(scheme.length + 1);
  if (!rest.startsWith('/') || rest.startsWith('//') || url.host !== '') {
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `Use one slash after the scheme, e.g. ${scheme}:/oauth/callback.` };
  }
  if (url.search) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'The redirect URI must not contain "?".' };
  // The OS hands the app only the one scheme it registers (electron-builder.yml, start-app.ts).
  // Any other private-use scheme would be accepted here but its callback could never arrive,
  // and the sign-in would wait for ten minutes (issue 9, defect 6): refuse it when saved.
  if (scheme !== CALLBACK_SCHEME) {
    return {
      ok: false,
      code: 'ENVIRONMENT_INVALID',
      reason: `This app can only receive sign-in responses on its own scheme (${CALLBACK_SCHEME}:/oauth/callback), so "${scheme}:" would never reach it. Register ${CALLBACK_SCHEME}:/oauth/callback or http://127.0.0.1/oauth/callback with your server, or use any https address you have registered and paste the final address back into the app.`,
    };
  }
  return { ok: true, value: { mode: 'private-scheme', url, scheme } };
}

/**
 * Is `received` an address on the registered redirect URI? Scheme is compared lower-case
 * (URL already does that), everything else exactly. `actualRedirectUri` is what was sent in
 * the authorization request (for loopback it carries the port actually bound).
 */
export function matchesRedirectUri(received: URL, actualRedirectUri: string): boolean {
  let expected: URL;
  try {
    expected = new URL(actualRedirectUri);
  } catch {
    return false;
  }
  return (
    received.protocol === expected.protocol &&
    received.username === '' &&
    received.password === '' &&
    received.host === expected.host &&
    received.pathname === expected.pathname
  );
}
