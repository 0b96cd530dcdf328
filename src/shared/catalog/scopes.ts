/**
 * Scopes: the one rule for a scope name (what a user may enter, what the app stores, what it
 * shows from a server's header), and which scope a call needs compared with the ones the
 * token was granted (403 explainer).
 */
import { z } from 'zod';

export interface ScopeCheck {
  /** Any one of these is enough (e.g. staging and production spellings). Empty: any valid token. */
  required: string[];
  granted: string[];
  /** True when none of the required scopes was granted. */
  missing: boolean;
}

export function checkScopes(required: string[], granted: string[]): ScopeCheck {
  const g = new Set(granted);
  return { required, granted, missing: required.length > 0 && !required.some((s) => g.has(s)) };
}

/**
 * RFC 6749 §3.3 allows any printable ASCII except space, quote and backslash. The app takes
 * the characters real scope names use (Pleo's `users:read`, `export-jobs:read`, OIDC's
 * `offline_access`, URL-shaped scopes): letters, digits and `:._-/*+`, starting with a letter
 * or digit, at most 100. The same rule checks what the user enters, what is stored and what a
 * server's header asks for (which is shown to the user), so none of them can carry markup.
 */
export const SCOPE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9:._\-/*+]{0,99}$/;

export function isScopeToken(s: string): boolean {
  return SCOPE_TOKEN.test(s);
}

/** A list of scopes in IPC payloads and stored settings. */
export const scopeListSchema = z
  .array(z.string().regex(SCOPE_TOKEN, 'Scopes are names like users:read (letters, digits and : . _ - / * +).'))
  .max(50);
