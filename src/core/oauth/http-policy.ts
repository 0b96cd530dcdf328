/**
 * How the sign-in engine talks HTTP: a total deadline per request (headers and body, TK-02,
 * TK-04), a cap on the bytes read (TK-17), no redirects (oauth4webapi sends
 * `redirect: 'manual'`, TK-19), no cookie jar (Node's fetch keeps none, TK-20) and never a
 * weakened certificate check (TK-03). oauth4webapi accepts the fetch through its
 * `customFetch` option, so this is the only place that touches the network for OAuth.
 */
import * as oauth from 'oauth4webapi';
import { readCappedBody } from '../http/capped-body.js';

export class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response larger than ${limit} bytes`);
    this.name = 'ResponseTooLarge';
  }
}

export interface HttpPolicy {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Only for http endpoints on loopback (simulator, local mocks), already vetted by url-policy. */
  allowInsecure: boolean;
  /** The network seam's fetch (Electron net.fetch in the app, undici in Node); default fetch. */
  fetch?: typeof fetch;
}

const NO_BODY = new Set([101, 204, 205, 304]);

/** fetch that reads at most `maxBytes` of the body, then hands oauth4webapi a buffered Response. */
export function cappedFetch(maxBytes: number, base: typeof fetch = (input, init) => fetch(input, init)) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const response = await base(url, init);
    if (!response.body || NO_BODY.has(response.status)) return response;
    // A declared length is enforced by fetch itself, so a small declared body can be read in
    // one go; an undeclared (chunked) one is counted as it streams.
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && !response.headers.has('content-encoding')) {
      if (declared > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new ResponseTooLarge(maxBytes);
      }
      return response;
    }
    const { bytes, truncated } = await readCappedBody(response.body, maxBytes);
    if (truncated) throw new ResponseTooLarge(maxBytes);
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The options object every oauth4webapi request of the engine gets. */
export function requestOptions(policy: HttpPolicy) {
  return {
    signal: () => AbortSignal.timeout(policy.timeoutMs),
    [oauth.customFetch]: cappedFetch(policy.maxBodyBytes, policy.fetch),
    [oauth.allowInsecureRequests]: policy.allowInsecure,
  };
}

export type TransportFailure = 'timeout' | 'network' | 'tls' | 'too-large';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/i;

/** Tells transport failures apart without ever looking at a body (it may hold tokens). */
export function transportFailure(error: unknown): TransportFailure | undefined {
  if (error instanceof ResponseTooLarge) return 'too-large';
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' ? String((cause as { code?: unknown }).code ?? '') : '';
  if (error instanceof TypeError && (error.message === 'fetch failed' || code)) {
    if (TLS_CODES.test(code) || (cause instanceof Error && TLS_CODES.test(cause.message) && /certificate/i.test(cause.message)))
      return 'tls';
    if (/TIMEOUT/i.test(code)) return 'timeout';
    if (cause instanceof ResponseTooLarge) return 'too-large';
    return 'network';
  }
  if (cause instanceof Error) return transportFailure(cause);
  return undefined;
}
