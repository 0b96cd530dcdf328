/**
 * Text that came from a server (`error_description`, a received `iss`) is untrusted
 * (security-test-plan L-3, CB-10): it can carry markup, megabytes, or Unicode bidi controls
 * that make "evil.example" read as "elpmaxe.live". Before it reaches any message it is
 * stripped of control and bidi characters, collapsed and truncated. It stays plain text:
 * React escapes it when rendering, and every HTML producer (the loopback page, the report)
 * escapes with escapeHtml. Escaping here as well would show "&lt;" to the user.
 */
export const MAX_SERVER_TEXT = 300;

// C0/C1 controls, zero-width and bidi embedding/override/isolate marks, BOM.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function sanitizeServerText(input: unknown, max = MAX_SERVER_TEXT): string | undefined {
  if (typeof input !== 'string') return undefined;
  // Cut early so a 100 KB description costs nothing; 4x leaves room for stripped characters.
  const text = input
    .slice(0, max * 4)
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
  return cut;
}

/**
 * Server text with the given secrets masked: a server that echoes the credentials it was sent
 * (e.g. the Client Secret in `error_description`) must not put them on screen or in the
 * checklist's evidence (security issue 11, point 4). The core's redactor masks them again at
 * the IPC boundary; this keeps them out of everything stored before that.
 */
export function withoutSecrets(text: string | undefined, secrets: ReadonlyArray<string | undefined>): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}
