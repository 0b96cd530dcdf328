/**
 * One HTTP exchange with the API: never follows redirects (redirect: 'manual', API-11), reads
 * the body with a byte cap (API-07), and turns transport failures into catalogued errors
 * (API-13 cancel, API-14 connection reset). The token is only ever put in a header here.
 */
import { failure } from '../../shared/result.js';
import { readCappedBody, type CappedBody } from '../http/capped-body.js';

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  bytes: Uint8Array;
  /** Bytes were dropped at the cap. */
  truncated: boolean;
  durationMs: number;
}

export interface HttpSendInput {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  maxBytes: number;
  now: () => number;
  fetchImpl?: typeof fetch;
}

export async function httpSend(input: HttpSendInput): Promise<RawResponse> {
  const started = input.now();
  let res: Response;
  try {
    res = await (input.fetchImpl ?? fetch)(input.url, {
      method: input.method,
      headers: input.headers,
      body: input.body,
      redirect: 'manual',
      signal: input.signal,
      // No cookies: every call is exactly what the user built. (Node's fetch keeps no HTTP
      // cache, so there is no `cache` option to set; the browser-only typing hid that.)
      credentials: 'omit',
    });
  } catch (error) {
    throw transportFailure(error, input.signal, input.url, false);
  }
  const headers: Array<[string, string]> = [];
  res.headers.forEach((value, name) => headers.push([name, value]));
  const { bytes, truncated } = await readCapped(res, input.maxBytes, input.signal, input.url);
  return { status: res.status, statusText: res.statusText, headers, bytes, truncated, durationMs: Math.max(0, input.now() - started) };
}

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal, url: URL): Promise<CappedBody> {
  try {
    return await readCappedBody(res.body, maxBytes);
  } catch (error) {
    throw transportFailure(error, signal, url, true);
  }
}

function causeCode(error: unknown): string {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}

function transportFailure(error: unknown, signal: AbortSignal, url: URL, midBody: boolean) {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === 'TimeoutError') {
      return failure('REQUEST_TIMEOUT', `${url.host} did not answer in time.`, {
        hint: 'Try again; if it keeps happening, the server may be down.',
      });
    }
    return failure('REQUEST_CANCELLED', 'The request was cancelled.');
  }
  const code = causeCode(error);
  if (midBody || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return failure(
      'CONNECTION_INTERRUPTED',
      `The connection to ${url.host} was interrupted${midBody ? ' while the answer was arriving' : ''}. The answer is incomplete and is not shown as a success.`,
      {
        hint: 'Try again.',
      },
    );
  }
  if (
    code.startsWith('CERT_') ||
    code.includes('TLS') ||
    code.startsWith('ERR_TLS') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return failure('TLS_ERROR', `The secure connection to ${url.host} could not be verified, so nothing was sent.`, {
      hint: 'A proxy or antivirus may be intercepting HTTPS. Ask your IT team.',
    });
  }
  const why =
    code === 'EPROXY_REFUSED'
      ? 'the proxy refused the connection'
      : code === 'EPROXY_UNREACHABLE'
        ? 'the proxy could not be reached'
        : code === 'ECONNREFUSED'
          ? 'nothing is listening there (connection refused)'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'the name could not be found (DNS)'
            : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'
              ? 'the connection timed out'
              : 'the network failed';
  return failure('NETWORK_ERROR', `Could not reach ${url.host}: ${why}.`, {
    hint: 'Check your internet connection or proxy, then try again. For the simulator, make sure it is running.',
  });
}
