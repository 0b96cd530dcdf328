/**
 * One plain request to a host through the network seam, shared by the DNS, TLS, proxy and
 * clock checks: any HTTP answer proves the host is reachable (through the proxy, with a
 * certificate the app trusts); its `Date` header feeds the clock check. Nothing is sent but a
 * GET of the endpoint without parameters; no redirect is followed; the body is not read.
 */
import { transportFailure } from '../oauth/http-policy.js';
import { networkErrorCode, type FetchFn } from '../net/network-port.js';

export type HostProbe =
  | { ok: true; status: number; serverDate?: number; sentAt: number; receivedAt: number }
  | { ok: false; failure: 'timeout' | 'network' | 'tls' | 'proxy-refused' | 'unknown'; code?: string };

export async function probeHost(fetchFn: FetchFn, url: string, options: { timeoutMs: number; now: () => number }): Promise<HostProbe> {
  const sentAt = options.now();
  try {
    const res = await fetchFn(url, {
      method: 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      credentials: 'omit',
      cache: 'no-store',
    } as RequestInit);
    const receivedAt = options.now();
    await res.body?.cancel().catch(() => undefined);
    const date = res.headers.get('date');
    const serverDate = date ? Date.parse(date) : NaN;
    return { ok: true, status: res.status, ...(Number.isFinite(serverDate) ? { serverDate } : {}), sentAt, receivedAt };
  } catch (error) {
    const code = networkErrorCode(error);
    if (code === 'EPROXY_REFUSED') return { ok: false, failure: 'proxy-refused', code };
    const failure = transportFailure(error);
    return { ok: false, failure: failure === 'too-large' || failure === undefined ? 'unknown' : failure, ...(code ? { code } : {}) };
  }
}
