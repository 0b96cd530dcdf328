/** Which scope a call needs compared with the ones the token was granted (403 explainer). */

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
 * RFC 6749 §3.3 allows any printable ASCII except space, quote and backslash; scopes we show
 * come from server headers, so we accept only the characters real scope names use.
 */
export function isScopeToken(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9:._\-/*+]{0,99}$/.test(s);
}
