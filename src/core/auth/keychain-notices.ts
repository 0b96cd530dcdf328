/**
 * What the user is told when the OS keychain cannot keep secrets and the engine falls back
 * to memory until quit (session-only mode). Plain words, one notice per cause.
 */
import type { AppError } from '../../shared/result.js';
import type { KeychainProblem } from '../secrets/guarded-secret-store.js';

export type Notice = AppError & { level: 'info' | 'warning' | 'error' };

/** Every notice ends by saying that nothing went to disk, the question users ask first. */
const NOT_ON_DISK = 'Nothing is written to disk in plain text.';

/** The words per cause: the keychain answers but refused a write, is locked, or is missing. */
const SESSION_ONLY: Record<'unsaved' | KeychainProblem, { message: string; hint: string }> = {
  unsaved: {
    message: 'The OS keychain could not save your latest sign-in, so new secrets and tokens are kept only until you quit.',
    hint: 'You may need to sign in again after restarting.',
  },
  KEYCHAIN_LOCKED: {
    message: 'The OS keychain is locked or did not answer in time, so your Client Secret and sign-in are kept only until you quit.',
    hint: 'Unlock the keychain and restart the app to save them.',
  },
  KEYCHAIN_UNAVAILABLE: {
    message: 'No OS keychain was found, so your Client Secret and sign-in are kept only until you quit.',
    hint: 'Install or start a keyring (e.g. GNOME Keyring) to save them.',
  },
};

export function sessionOnlyNotice(problem: KeychainProblem, keychainReadable: boolean): Notice {
  const { message, hint } = SESSION_ONLY[keychainReadable ? 'unsaved' : problem];
  return { level: 'warning', code: problem, message, hint: `${hint} ${NOT_ON_DISK}` };
}
