/**
 * The network seam (issue 15). Every HTTP request core makes (OAuth token, introspection and
 * revocation calls, API explorer calls, onboarding checks, the doctor's probes) goes through
 * the `fetch` of one NetworkPort:
 * - in the app, main supplies Electron's `net.fetch` from the app's session, so requests use
 *   Chromium's stack: the system proxy or PAC file, the OS trust store, proxy sign-in prompts
 *   (src/main/electron-network.ts);
 * - in plain Node (tests, the browser test host) core/net/node-network.ts supplies undici with
 *   the standard proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and optional extra CAs.
 * Callers keep their own rules on top of it: redirects are never followed (`redirect:
 * 'manual'`), bodies are read with a byte cap, the explorer's origin lock and every timeout.
 * Loopback (the built-in simulator, a local mock) never goes through a proxy.
 */
import { isLoopbackHost } from '../environments/url-policy.js';

export type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** How the platform routes a URL: direct, or through a proxy (never with credentials). */
export type ProxyRoute = { kind: 'direct'; source: ProxySource } | { kind: 'proxy'; proxy: string; source: ProxySource };
export type ProxySource = 'system' | 'environment' | 'loopback' | 'unknown';

/** What the doctor learns about the certificate a host presented. */
export interface TlsPeer {
  /** The certificate was verified against the trust store the app uses. */
  verified: boolean;
  /** Subject common name / organisation of the leaf, e.g. "auth.staging.pleo.io". */
  subject?: string;
  /** Who issued the leaf certificate, e.g. "Amazon RSA 2048 M02" or "Contoso Inspection CA". */
  issuer?: string;
  /** The top of the chain (the root the connection was trusted through). */
  root?: string;
  /**
   * True when the root is not one of the public roots Node ships (Mozilla's list): a company
   * root, which on a corporate network almost always means TLS inspection.
   */
  privateRoot?: boolean;
  validTo?: string;
  /** Code of the TLS failure when not verified (e.g. SELF_SIGNED_CERT_IN_CHAIN). */
  errorCode?: string;
}

export interface NetworkPort {
  fetch: FetchFn;
  /** The proxy the platform would use for this URL (system settings, PAC, or environment). */
  describeProxy(url: string): Promise<ProxyRoute>;
  /** TLS details of a connection to the URL's origin; absent where the host cannot tell. */
  inspectTls?(url: string, options: { signal: AbortSignal }): Promise<TlsPeer>;
  /** Releases pooled connections (Node); a no-op in the app. */
  close?(): Promise<void>;
}

export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHost(new URL(String(url)).hostname);
  } catch {
    return false;
  }
}

/**
 * The fallback when a host supplies no NetworkPort: Node's own fetch, which knows no proxy and
 * only Node's bundled CA list. Only unit tests that never touch a network rely on it.
 */
export function plainNetwork(): NetworkPort {
  return {
    fetch: (input, init) => fetch(input, init),
    describeProxy: async (url) => ({ kind: 'direct', source: isLoopbackUrl(url) ? 'loopback' : 'unknown' }),
  };
}

/** A proxy URL without user name or password, for display and for the IT report. */
export function displayProxy(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl.includes('://') ? proxyUrl : `http://${proxyUrl}`);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'an unreadable proxy address';
  }
}

/**
 * The first error code along an error's cause chain (Node and undici wrap the socket's code,
 * e.g. ECONNREFUSED or SELF_SIGNED_CERT_IN_CHAIN, in one or more causes); undici's generic
 * UND_ERR_SOCKET is skipped for the more telling code beneath it.
 */
export function networkErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
