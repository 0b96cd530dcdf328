/**
 * What the renderer asks main to send, and the checks both sides run on it. Main is the one
 * that enforces them (security-test-plan API-12); the renderer runs the same checks only to
 * explain a problem before sending.
 */
import type { HttpMethod } from './types.js';

export interface ExplorerRequest {
  method: HttpMethod;
  /** Path relative to the environment's API base, e.g. /v2/employees. No scheme, host or query. */
  path: string;
  /** Query parameters in order; a repeated name is a repeated parameter. */
  query: Array<[string, string]>;
  /** Extra headers. Authorization, Host, Cookie and similar are refused. */
  headers?: Array<[string, string]>;
  /** JSON body text (only for POST, PUT, PATCH and DELETE). */
  body?: string;
  /** Catalog endpoint this request came from: used to name the scope it needs. */
  endpointId?: string;
  environmentId?: string;
}

/** Headers the user may never set: main owns authentication, routing and cookies. */
export const FORBIDDEN_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'host',
  'cookie',
  'set-cookie',
  'origin',
  'referer',
  'connection',
  'content-length',
  'transfer-encoding',
  'te',
  'upgrade',
  'keep-alive',
  'trailer',
  'expect',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);

/** Query parameters that would put a credential in the URL (RFC 6750 §2.3 is forbidden by Pleo). */
export const FORBIDDEN_QUERY = new Set(['access_token', 'refresh_token', 'client_secret', 'id_token']);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// RFC 3986 path characters only: no "?" or "#" (query goes separately), no backslash, no spaces
// or control characters (CRLF injection), percent-escapes well-formed.
const PATH_CHARS = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/** Returns a plain-language reason when a path could leave the API origin, or undefined when safe. */
export function pathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || path.length === 0) return 'The path is empty.';
  if (path.length > 2048) return 'The path is too long.';
  if (!path.startsWith('/')) return 'The path must start with "/" and be relative to the API address (no scheme or host).';
  if (path.startsWith('//')) return 'A path starting with "//" could point to another server.';
  if (!PATH_CHARS.test(path))
    return 'The path contains characters that are not allowed (spaces, "\\", "?", "#" or control characters). Put query parameters in the query list.';
  const decoded = safeDecode(path);
  if (decoded === undefined) return 'The path has a malformed percent-escape.';
  // Encoded separators or dot segments would let a path climb out of the API base path.
  if (/%2f|%5c|%2e/i.test(path) || decoded.split('/').some((seg) => seg === '..' || seg === '.')) {
    return 'The path contains "..", "." or an encoded "/" and was refused.';
  }
  return undefined;
}

export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `"${name.slice(0, 40)}" is not a valid header name.`;
  if (FORBIDDEN_HEADERS.has(name.toLowerCase())) return `The header "${name}" is set by the app and cannot be changed here.`;
  if (/[\r\n\0]/.test(value) || value.length > 4096) return `The value of "${name}" is not allowed.`;
  return undefined;
}

export function queryProblem(name: string): string | undefined {
  if (FORBIDDEN_QUERY.has(name.toLowerCase()))
    return `"${name}" would put a credential in the address; the app sends the token only in the Authorization header.`;
  return undefined;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Fills {name} placeholders of a path template; values are percent-encoded so they stay one segment. */
export function fillPath(template: string, values: Record<string, string>): { path: string; missing: string[] } {
  const missing: string[] = [];
  const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') {
      missing.push(name);
      return `{${name}}`;
    }
    return encodeURIComponent(v);
  });
  return { path, missing };
}

/** Query string in the order given, encoded the way URLSearchParams does. */
export function queryString(query: Array<[string, string]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of query) params.append(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Joins the API base (which may carry a path prefix) and a relative path. */
export function joinApiUrl(apiBase: string, path: string, query: Array<[string, string]>): URL {
  const base = new URL(apiBase);
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = `${prefix}${path}`;
  url.search = queryString(query);
  return url;
}
