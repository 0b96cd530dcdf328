/**
 * The NetworkPort for plain Node (tests, the browser test host, and the doctor's certificate
 * probe inside the app): undici's fetch over an EnvHttpProxyAgent, so the standard proxy
 * variables work as they do for curl and most CLIs (HTTPS_PROXY / https_proxy, HTTP_PROXY /
 * http_proxy, NO_PROXY / no_proxy), plus optional extra CA certificates (a company root).
 * Extra CAs are added to Node's bundled public roots, never instead of certificate checks.
 * Loopback always goes direct, whatever the variables say.
 *
 * undici is pinned in package.json to a version that runs on Node 20.18+ (7.x); Node's global
 * fetch is a different undici copy, so this module uses undici's own fetch with its dispatchers.
 * undici is imported on first use: main's bundle includes this module (the doctor's
 * certificate probe), and must not load an HTTP client at start-up (benchmarks.md B9).
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { X509Certificate } from 'node:crypto';
import { TLSSocket, rootCertificates, type PeerCertificate, type DetailedPeerCertificate } from 'node:tls';
import type { Dispatcher } from 'undici';
import {
  displayProxy,
  isLoopbackUrl,
  networkErrorCode,
  type FetchFn,
  type NetworkPort,
  type ProxyRoute,
  type TlsPeer,
} from './network-port.js';

export interface NodeNetworkOptions {
  /** Where the proxy variables are read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** PEM certificates trusted in addition to Node's public roots (e.g. the company root). */
  extraCaCertificates?: string[];
  /** Connect timeout per connection (default 10 s); callers' own deadlines still apply. */
  connectTimeoutMs?: number;
}

interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

function proxySettings(env: Record<string, string | undefined>): ProxySettings {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  return {
    httpProxy,
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy,
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/** NO_PROXY as curl and undici read it: "*", host names (suffix match), optional ":port". */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const value = noProxy.trim();
  if (value === '*') return true;
  const host = url.hostname.toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of value.split(/[,\s]/)) {
    if (!raw) continue;
    const match = /^(.+):(\d+)$/.exec(raw);
    const entryHost = (match ? match[1]! : raw).replace(/^\*?\./, '').toLowerCase();
    if (match && Number(match[2]) !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

let publicRootFingerprints: Set<string> | undefined;
function isPublicRoot(fingerprint256: string): boolean {
  publicRootFingerprints ??= new Set(rootCertificates.map((pem) => new X509Certificate(pem).fingerprint256));
  return publicRootFingerprints.has(fingerprint256);
}

function nameOf(entity: PeerCertificate['subject'] | undefined): string | undefined {
  if (!entity) return undefined;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return first(entity.CN) || first(entity.O) || undefined;
}

/** Reads the verified chain: leaf subject, its issuer, and the root it was trusted through. */
export function describeChain(cert: DetailedPeerCertificate): Omit<TlsPeer, 'verified'> {
  let root: DetailedPeerCertificate = cert;
  for (
    let i = 0;
    i < 10 && root.issuerCertificate && root.issuerCertificate !== root && root.issuerCertificate.fingerprint256 !== root.fingerprint256;
    i++
  ) {
    root = root.issuerCertificate;
  }
  return {
    ...(nameOf(cert.subject) ? { subject: nameOf(cert.subject)! } : {}),
    ...(nameOf(cert.issuer) ? { issuer: nameOf(cert.issuer)! } : {}),
    ...(nameOf(root.subject) ? { root: nameOf(root.subject)! } : {}),
    privateRoot: !isPublicRoot(root.fingerprint256),
    ...(cert.valid_to ? { validTo: cert.valid_to } : {}),
  };
}

/**
 * A proxy that refuses the tunnel makes undici abort with "Proxy response (403) !== 200";
 * give it a code of its own so the app can say "the proxy refused" instead of "network failed".
 */
function normaliseProxyRefusal(error: unknown): unknown {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /^Proxy response \((\d+)\)/.test(message)) {
      const status = /^Proxy response \((\d+)\)/.exec(message)![1];
      return new TypeError('fetch failed', {
        cause: Object.assign(new Error(`The proxy refused the connection (HTTP ${status}).`), {
          code: 'EPROXY_REFUSED',
          proxyStatus: Number(status),
        }),
      });
    }
    e = (e as { cause?: unknown }).cause;
  }
  return error;
}

export function createNodeNetwork(options: NodeNetworkOptions = {}): NetworkPort {
  const env = options.env ?? process.env;
  const settings = proxySettings(env);
  const ca = options.extraCaCertificates?.length ? [...rootCertificates, ...options.extraCaCertificates] : undefined;
  const connect = { timeout: options.connectTimeoutMs ?? 10_000, ...(ca ? { ca } : {}) };
  const proxyOptions = { ...settings, connect, ...(ca ? { requestTls: { ca } } : {}) };
  let loaded: Promise<{ undici: typeof import('undici'); direct: Dispatcher; proxied: Dispatcher }> | undefined;
  const load = () =>
    (loaded ??= import('undici').then((undici) => ({
      undici,
      // Loopback gets its own direct agent: the simulator never goes through a proxy.
      direct: new undici.Agent({ connect }),
      proxied: new undici.EnvHttpProxyAgent(proxyOptions),
    })));

  const doFetch: FetchFn = async (input, init) => {
    const { undici, direct, proxied } = await load();
    const dispatcher = isLoopbackUrl(input) ? direct : proxied;
    try {
      return (await undici.fetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as Response;
    } catch (error) {
      throw normaliseProxyRefusal(error);
    }
  };

  const describeProxy = async (raw: string): Promise<ProxyRoute> => {
    const url = new URL(raw);
    if (isLoopbackUrl(url)) return { kind: 'direct', source: 'loopback' };
    const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
    if (!proxy || bypassesProxy(url, settings.noProxy)) return { kind: 'direct', source: 'environment' };
    return { kind: 'proxy', proxy: displayProxy(proxy), source: 'environment' };
  };

  /**
   * One request to the origin while listening on undici's documented `undici:client:connected`
   * diagnostics channel, which hands over the TLS socket once the handshake (through the
   * proxy's tunnel, if any) has succeeded; the chain is read from it. Nothing is weakened: a
   * certificate that does not verify fails the request, and its error code is reported.
   */
  const inspectTls = async (raw: string, { signal }: { signal: AbortSignal }): Promise<TlsPeer> => {
    const url = new URL(raw);
    const { undici } = await load();
    let seen: DetailedPeerCertificate | undefined;
    const channel = diagnosticsChannel.channel('undici:client:connected');
    const onConnected = (message: unknown) => {
      const { socket, connectParams } = message as { socket?: unknown; connectParams?: { hostname?: string } };
      if (!seen && socket instanceof TLSSocket && connectParams?.hostname === url.hostname) {
        const cert = socket.getPeerCertificate(true);
        if (cert && Object.keys(cert).length > 0) seen = cert;
      }
    };
    channel.subscribe(onConnected);
    // A fresh dispatcher, so the probe opens (and sees) a new connection instead of reusing one.
    const probe = new undici.EnvHttpProxyAgent(proxyOptions);
    try {
      const res = await undici.fetch(url.origin + '/', { method: 'HEAD', redirect: 'manual', signal, dispatcher: probe });
      await res.body?.cancel().catch(() => undefined);
      return { verified: true, ...(seen ? describeChain(seen) : {}) };
    } catch (error) {
      const code = networkErrorCode(normaliseProxyRefusal(error));
      if (seen) return { verified: true, ...describeChain(seen) };
      return { verified: false, ...(code ? { errorCode: code } : {}) };
    } finally {
      channel.unsubscribe(onConnected);
      await probe.close().catch(() => undefined);
    }
  };

  return {
    fetch: doFetch,
    describeProxy,
    inspectTls,
    async close() {
      if (!loaded) return;
      const { direct, proxied } = await loaded;
      await Promise.all([direct.close(), proxied.close()]).catch(() => undefined);
    },
  };
}
