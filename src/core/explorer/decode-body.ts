/**
 * Decodes a response body for display (API-08): JSON and text as UTF-8 (a BOM is dropped,
 * invalid bytes become U+FFFD), anything that looks binary as a hex dump, so nothing odd is
 * ever interpreted. Main never parses large bodies: the renderer does that in a worker.
 */
import type { BodyKind } from '../../shared/contract/explorer-channels.js';

const TEXTUAL =
  /^(application\/(json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|javascript|x-www-form-urlencoded|problem\+json|yaml|x-yaml|csv)|text\/)/i;

export function bodyKindOf(contentType: string, bytes: Uint8Array): BodyKind {
  if (bytes.byteLength === 0) return 'empty';
  if (/json/i.test(contentType)) return 'json';
  if (TEXTUAL.test(contentType)) return 'text';
  // No or unknown content type: look at the first bytes.
  const head = bytes.subarray(0, 512);
  if (head.includes(0)) return 'binary';
  const first = new TextDecoder().decode(head).trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  return contentType === '' || contentType.startsWith('text') ? 'text' : 'binary';
}

export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

/** Classic 16-bytes-per-line hex dump of the first bytes. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  const n = Math.min(bytes.byteLength, maxBytes);
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.byteLength > n) lines.push(`… ${bytes.byteLength - n} more bytes (save the response to see them all)`);
  return lines.join('\n');
}
