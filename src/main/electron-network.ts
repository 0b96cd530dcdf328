/**
 * The app's NetworkPort (issue 15): requests go through Chromium's network stack with
 * `session.fetch` (net.fetch bound to the app's session), so the system proxy or PAC file,
 * the OS trust store (a company root installed by IT) and Windows integrated proxy sign-in
 * apply, as they do in the user's browser. Core's own rules stay on top (no redirects,
 * byte caps, origin lock, timeouts); this adapter adds what net.fetch does differently:
 *
 * - Loopback (the built-in simulator, a local mock) uses Node's fetch, which never consults
 *   a proxy, so a PAC file or a proxy without a loopback bypass cannot capture it.
 * - Cookies and cache are always off (`credentials: 'omit'`, `cache: 'no-store'`): net.fetch
 *   would otherwise use the session's cookie jar for requests without an Origin (TK-20).
 * - net.fetch rejects a redirect under `redirect: 'manual'` with "Redirect was cancelled"
 *   instead of returning it (electron/electron#43715), so that becomes a body-less 3xx
 *   response; callers refuse it as they refuse any redirect. The exact status and Location
 *   are not known here.
 * - Chromium's errors ("net::ERR_CERT_AUTHORITY_INVALID") become the TypeError("fetch
 *   failed", { cause: { code } }) shape Node uses, with Node-style codes, so core's
 *   classifiers (TLS, DNS, refused, timeout, proxy) need no Electron knowledge.
 *
 * Unverified on our machines (Electron cannot run here): this file is tested against the
 * electron test double only (test/unit/main/electron-network.test.ts).
 */
import type { Session } from 'electron';
import { isLoopbackUrl, type FetchFn, type NetworkPort, type ProxyRoute, type TlsPeer } from '../core/net/network-port.js';

/** Chromium net error names -> the Node/undici code core already understands. */
const NODE_CODES: Array<[RegExp, string]> = [
  [/^ERR_CERT_|^ERR_SSL_PINNED|^ERR_BAD_SSL_CLIENT_AUTH_CERT/, 'CERT_'],
  [/^ERR_SSL_|^ERR_TLS/, 'ERR_TLS_'],
  [/^ERR_NAME_NOT_RESOLVED$|^ERR_NAME_RESOLUTION_FAILED$/, 'ENOTFOUND'],
  [/^ERR_CONNECTION_REFUSED$/, 'ECONNREFUSED'],
  [/^ERR_CONNECTION_RESET$|^ERR_CONNECTION_CLOSED$|^ERR_EMPTY_RESPONSE$/, 'ECONNRESET'],
  [/^ERR_TIMED_OUT$|^ERR_CONNECTION_TIMED_OUT$/, 'ETIMEDOUT'],
  [/^ERR_TUNNEL_CONNECTION_FAILED$|^ERR_PROXY_AUTH_REQUESTED|^ERR_PROXY_AUTH_UNSUPPORTED$/, 'EPROXY_REFUSED'],
  [/^ERR_PROXY_CONNECTION_FAILED$|^ERR_PROXY_/, 'EPROXY_UNREACHABLE'],
];

export function nodeCodeFor(chromiumError: string): string {
  for (const [pattern, code] of NODE_CODES) {
    if (pattern.test(chromiumError))
      return code === 'CERT_' || code === 'ERR_TLS_' ? code + chromiumError.replace(/^ERR_(CERT_|SSL_|TLS_)?/, '') : code;
  }
  return chromiumError;
}

/** A rejected net.fetch, in the shape Node's fetch rejects with. */
export function normaliseNetError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return error;
  const match = /net::(ERR_[A-Z0-9_]+)/.exec(error.message);
  if (!match) return error;
  const cause = Object.assign(new Error(error.message), { code: nodeCodeFor(match[1]!), chromiumError: match[1] });
  return new TypeError('fetch failed', { cause });
}

/** Parses session.resolveProxy's PAC-style answer ("PROXY host:port; DIRECT"): the first entry wins. */
export function parseProxyList(list: string): ProxyRoute {
  const first = list.split(';')[0]?.trim() ?? '';
  const [kind, hostPort] = first.split(/\s+/);
  const scheme: Record<string, string> = { PROXY: 'http', HTTPS: 'https', SOCKS: 'socks4', SOCKS4: 'socks4', SOCKS5: 'socks5' };
  if (!kind || kind.toUpperCase() === 'DIRECT' || !hostPort || !scheme[kind.toUpperCase()]) return { kind: 'direct', source: 'system' };
  return { kind: 'proxy', proxy: `${scheme[kind.toUpperCase()]}://${hostPort}`, source: 'system' };
}

type SessionLike = Pick<Session, 'fetch' | 'resolveProxy'>;

export interface ElectronNetworkDeps {
  session: SessionLike;
  /** Node's fetch, for loopback (never proxied). */
  loopbackFetch?: FetchFn;
  /**
   * The certificate probe: Chromium exposes no certificate of a successful request without
   * overriding verification (which the lint gates forbid), so the doctor reads the chain with
   * Node's TLS through the proxy Chromium would use, trusting the OS store where Node can
   * read it (tls.getCACertificates('system'), Node 22.15+ in Electron 45).
   */
  inspectTls?: NetworkPort['inspectTls'];
}

export function createElectronNetwork(deps: ElectronNetworkDeps): NetworkPort {
  const loopbackFetch: FetchFn = deps.loopbackFetch ?? ((input, init) => fetch(input, init));
  const fetchFn: FetchFn = async (input, init) => {
    const url = String(input);
    // `cache` is a DOM RequestInit member (Electron's session.fetch honours it); Node's types lack it.
    const safeInit = { ...init, credentials: 'omit', cache: 'no-store' } as RequestInit;
    if (isLoopbackUrl(url)) return loopbackFetch(url, safeInit);
    try {
      return await deps.session.fetch(url, safeInit);
    } catch (error) {
      if (init?.redirect === 'manual' && error instanceof Error && /Redirect was cancelled/i.test(error.message)) {
        return new Response(null, {
          status: 302,
          statusText: 'Redirect not followed',
          headers: { 'x-partner-desktop-redirect': 'not-followed' },
        });
      }
      throw normaliseNetError(error);
    }
  };
  const describeProxy = async (url: string): Promise<ProxyRoute> => {
    if (isLoopbackUrl(url)) return { kind: 'direct', source: 'loopback' };
    return parseProxyList(await deps.session.resolveProxy(url));
  };
  const inspectTls =
    deps.inspectTls ?? (async (url: string, options: { signal: AbortSignal }) => nodeTlsProbe(describeProxy, url, options));
  return { fetch: fetchFn, describeProxy, inspectTls };
}

/** Loaded only when the doctor runs, so undici never weighs on the app's start-up. */
async function nodeTlsProbe(
  describe: (url: string) => Promise<ProxyRoute>,
  url: string,
  options: { signal: AbortSignal },
): Promise<TlsPeer> {
  const [{ createNodeNetwork }, tls] = await Promise.all([import('../core/net/node-network.js'), import('node:tls')]);
  const route = await describe(url);
  const getCa = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  const system = typeof getCa === 'function' ? getCa('system') : [];
  const proxy = route.kind === 'proxy' && /^https?:/.test(route.proxy) ? route.proxy : '';
  const node = createNodeNetwork({ env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, NO_PROXY: '' }, extraCaCertificates: system });
  try {
    return await node.inspectTls!(url, options);
  } finally {
    await node.close?.();
  }
}
