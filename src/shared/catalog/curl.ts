/**
 * "Copy as cURL": the request as a shell command with a $PLEO_ACCESS_TOKEN placeholder, so the
 * copied text never holds the token (the user exports the variable themselves).
 */
import type { ExplorerRequest } from './request-shape.js';
import { joinApiUrl } from './request-shape.js';

export const TOKEN_PLACEHOLDER = '$PLEO_ACCESS_TOKEN';

/** POSIX single-quoting: nothing inside is expanded by the shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(apiBase: string, req: ExplorerRequest): string {
  const url = joinApiUrl(apiBase, req.path, req.query).toString();
  const lines = [`curl -X ${req.method} ${shellQuote(url)}`];
  // Double quotes on purpose: the shell must expand the variable, and only it.
  lines.push(`-H "Authorization: Bearer ${TOKEN_PLACEHOLDER}"`);
  lines.push(`-H ${shellQuote('Accept: application/json;charset=UTF-8')}`);
  for (const [name, value] of req.headers ?? []) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (req.body !== undefined && req.body !== '' && req.method !== 'GET') {
    lines.push(`-H ${shellQuote('Content-Type: application/json;charset=UTF-8')}`);
    lines.push(`--data-raw ${shellQuote(req.body)}`);
  }
  return lines.join(' \\\n  ');
}
