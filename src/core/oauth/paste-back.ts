/**
 * Paste-back for https redirect URIs (e.g. Postman's https://oauth.pstmn.io/v1/callback that
 * Pleo tells partners to register): the user copies the address the browser landed on and
 * pastes it. Copying adds noise (quotes, angle brackets, line breaks in wrapped text), which
 * is removed here; everything else is checked like any other callback.
 */
import { MAX_CALLBACK_LENGTH } from './callback-validator.js';

export function normalisePastedAddress(text: string): string {
  let value = text.slice(0, MAX_CALLBACK_LENGTH + 64).trim();
  const pairs = [
    ['<', '>'],
    ['"', '"'],
    ["'", "'"],
    ['`', '`'],
    ['(', ')'],
  ] as const;
  for (let changed = true; changed;) {
    changed = false;
    for (const [open, close] of pairs) {
      if (value.length >= 2 && value.startsWith(open) && value.endsWith(close)) {
        value = value.slice(1, -1).trim();
        changed = true;
      }
    }
  }
  // A wrapped address copied from a terminal or e-mail: line breaks are never part of a URL.
  return value.replace(/[\r\n\t]+/g, '');
}
