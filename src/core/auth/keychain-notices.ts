/**
 * What the user is told when the OS keychain cannot keep secrets and the engine falls back
 * to memory until quit (session-only mode). Plain words, one notice per cause.
 */
import type { AppError } from '../../shared/result.js';
import type { KeychainProblem } from '../secrets/guarded-secret-store.js';

export type Notice = AppError & { level: 'info' | 'warning' | 'error' };

export function sessionOnlyNotice(problem: KeychainProblem, keychainReadable: boolean): Notice {
  if (keychainReadable) {
    return {
      level: 'warning',
      code: problem,
      message: 'The OS keychain could not save your latest sign-in, so new secrets and tokens are kept only until you quit.',
      hint: 'You may need to sign in again after restarting. Nothing is written to disk in plain text.',
    };
  }
  if (problem === 'KEYCHAIN_LOCKED') {
    return {
      level: 'warning',
      code: 'KEYCHAIN_LOCKED',
      message: 'The OS keychain is locked or did not answer in time, so your Client Secret and sign-in are kept only until you quit.',
      hint: 'Unlock the keychain and restart the app to save them. Nothing is written to disk in plain text.',
    };
  }
  return {
    level: 'warning',
    code: 'KEYCHAIN_UNAVAILABLE',
    message: 'No OS keychain was found, so your Client Secret and sign-in are kept only until you quit.',
    hint: 'Install or start a keyring (e.g. GNOME Keyring) to save them. Nothing is written to disk in plain text.',
  };
}
