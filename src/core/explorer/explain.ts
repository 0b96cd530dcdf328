/**
 * Turns an HTTP answer into plain language (contract E1): 401 after one refresh, 403 with the
 * missing scope, 429 with the wait, 5xx, redirects, and Pleo's own { type, message } errors.
 * Everything taken from the server is truncated and stripped of control/bidi characters; React
 * escapes it when shown.
 */
import type { Explanation } from '../../shared/contract/explorer-channels.js';
import { isScopeToken } from '../../shared/catalog/scopes.js';
import { MAX_SERVER_TEXT, sanitizeServerText } from '../oauth/server-text.js';

/** Server text shown to people: the sign-in engine's sanitizer (controls, bidi, zero-width stripped; truncated). */
export function cleanServerText(s: string, max = MAX_SERVER_TEXT): string {
  return sanitizeServerText(s, max) ?? '';
}

const RETRY_AFTER_MIN_S = 1;
const RETRY_AFTER_MAX_S = 600;
const RETRY_AFTER_DEFAULT_S = 30;

/**
 * Retry-After as seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), clamped to
 * 1 s..10 min (API-05). Missing or garbage → undefined (the caller applies a default).
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return clamp(Number(v));
  if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) {
    const at = Date.parse(v);
    if (Number.isFinite(at)) return clamp(Math.ceil((at - now) / 1000));
  }
  return undefined;
}
const clamp = (s: number) => Math.min(RETRY_AFTER_MAX_S, Math.max(RETRY_AFTER_MIN_S, s));

/**
 * Reads error and scope from a Bearer challenge (RFC 6750 §3). Tolerant: anything malformed
 * (unclosed quotes, token68, garbage) yields what could be read safely, or nothing (API-10).
 */
export function parseBearerChallenge(header: string | undefined): { error?: string; scopes: string[] } {
  if (!header || header.length > 4096) return { scopes: [] };
  const bearer = /(?:^|,)\s*Bearer\b([^]*)$/i.exec(header);
  if (!bearer) return { scopes: [] };
  const params = bearer[1]!;
  const param = (name: string): string | undefined => {
    const m = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"([^"\\\\]*)"|([A-Za-z0-9._:~+/-]+))`, 'i').exec(params);
    return m ? (m[1] ?? m[2]) : undefined;
  };
  const error = param('error');
  const scope = param('scope');
  const scopes = (scope ?? '')
    .split(/\s+/)
    .filter((s) => s && isScopeToken(s))
    .slice(0, 20);
  return { error: error && /^[A-Za-z0-9_]{1,60}$/.test(error) ? error : undefined, scopes };
}

/** Pleo's ExceptionInfo { type, message } (the error body Pleo's External API documents), if the body is one. */
export function parsePleoError(text: string | undefined): { type: string; message?: string } | undefined {
  if (!text || text.length > 64 * 1024) return undefined;
  try {
    const body = JSON.parse(text) as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const { type, message } = body as { type?: unknown; message?: unknown };
    if (typeof type !== 'string' || !type) return undefined;
    return {
      type: cleanServerText(type, 80),
      message: typeof message === 'string' ? cleanServerText(message) : undefined,
    };
  } catch {
    return undefined;
  }
}

const header = (headers: Array<[string, string]>, name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];

export interface ExplainInput {
  status: number;
  headers: Array<[string, string]>;
  bodyText?: string;
  apiOrigin: string;
  now: number;
  refreshed: boolean;
  retries: number;
  method: string;
  /** Scopes the catalog says the call needs (any one). */
  requiredScopes: string[];
  grantedScopes: string[];
}

export function explain(input: ExplainInput): Explanation | undefined {
  const { status } = input;
  const pleoError = input.status >= 400 ? parsePleoError(input.bodyText) : undefined;
  const withPleo = (e: Explanation): Explanation => (pleoError ? { ...e, pleoError } : e);
  if (status >= 200 && status < 300) return undefined;
  if (status >= 300 && status < 400) {
    const location = header(input.headers, 'location');
    let target = location ? cleanServerText(location, 500) : undefined;
    let sameOrigin = false;
    try {
      if (location) {
        const u = new URL(location, input.apiOrigin);
        sameOrigin = u.origin === input.apiOrigin;
        target = cleanServerText(u.toString(), 500);
      }
    } catch {
      // Unparseable Location: shown as text only.
    }
    return {
      code: 'REDIRECT_REFUSED',
      title: `Redirect not followed (${status})`,
      message: sameOrigin
        ? 'The API answered with a redirect. The app never follows redirects automatically; you can send a new request to the address shown.'
        : 'The API tried to send the request to another server. The app did not follow it, so your access token was not sent there.',
      redirectTo: target,
    };
  }
  if (status === 401) {
    return withPleo({
      code: 'API_UNAUTHORIZED',
      title: 'Pleo rejected your session (401)',
      message: input.refreshed
        ? 'Pleo did not accept the access token, even after the app refreshed it once and tried again.'
        : 'Pleo did not accept the access token.',
      hint: 'Sign in again on the Connect screen. If this keeps happening, the client may have been disabled by Pleo.',
      refreshed: input.refreshed,
    });
  }
  if (status === 403) {
    const challenge = parseBearerChallenge(header(input.headers, 'www-authenticate'));
    const fromHeader = challenge.scopes.length > 0;
    const required = fromHeader ? challenge.scopes : input.requiredScopes;
    const granted = new Set(input.grantedScopes);
    // From the header: every named scope is needed. From the catalog: any one alternative is enough.
    const missing = fromHeader ? required.filter((s) => !granted.has(s)) : required.some((s) => granted.has(s)) ? [] : required;
    const scopeText = missing.length ? missing.join(' or ') : required.join(' or ');
    return withPleo({
      code: 'API_FORBIDDEN',
      title: 'Not allowed (403)',
      message: missing.length
        ? `This call needs the scope ${scopeText}, which your token was not granted.`
        : required.length
          ? `Pleo refused the call although your token has ${scopeText}. The token may not cover this company or resource.`
          : 'Pleo refused the call: your token does not give access to this resource.',
      hint: missing.length
        ? `Ask Pleo (your partner manager) to add ${scopeText} to your client, then sign in again and approve it.`
        : 'Check the company or resource ID, or ask your partner manager which access your client has.',
      scopes: { required, granted: [...granted], missing, fromHeader },
    });
  }
  if (status === 429) {
    const parsed = parseRetryAfter(header(input.headers, 'retry-after'), input.now);
    const seconds = parsed ?? RETRY_AFTER_DEFAULT_S;
    return withPleo({
      code: 'RATE_LIMITED',
      title: 'Too many requests (429)',
      message:
        parsed !== undefined
          ? `Pleo asks you to wait ${seconds} second${seconds === 1 ? '' : 's'} before the next call.`
          : `Pleo says too many calls were made but did not say how long to wait; wait about ${seconds} seconds.`,
      hint: 'The app does not retry on its own. Try again when the countdown ends.',
      retryAfterSeconds: seconds,
      retryAt: input.now + seconds * 1000,
    });
  }
  if (status >= 500) {
    return withPleo({
      code: 'API_SERVER_ERROR',
      title: `Pleo had a problem (${status})`,
      message: `The server failed to answer (${status}). This is not caused by your request.${input.retries > 0 ? ` The app retried ${input.retries} time${input.retries === 1 ? '' : 's'}.` : ''}`,
      hint:
        input.method === 'GET'
          ? 'Try again in a minute.'
          : 'Check whether the change was applied before sending it again: it was not retried automatically.',
      retries: input.retries,
    });
  }
  if (status === 404) {
    return withPleo({
      code: 'API_NOT_FOUND',
      title: 'Not found (404)',
      message: 'Pleo has nothing at this address, or nothing with this ID that your token can see.',
      hint: 'Check the path and the IDs you filled in.',
    });
  }
  if (status >= 400) {
    return withPleo({
      code: 'API_CLIENT_ERROR',
      title: `Request not accepted (${status})`,
      message: pleoError?.message ?? 'Pleo did not accept the request. Check the parameters and the body.',
      hint:
        status === 409
          ? 'Something is already in progress; finish or fail it first.'
          : 'Compare the request with the endpoint description.',
    });
  }
  return undefined;
}
