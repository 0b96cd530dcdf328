/**
 * Check: the OS keychain works: write, read back and delete a test entry (a random value
 * under a "doctor/..." account; never a real secret). A locked keychain often does not answer
 * at all, so each step races the doctor's timeout.
 */
import { randomUUID } from 'node:crypto';
import { classifyKeychainError } from '../secrets/guarded-secret-store.js';
import type { CheckResult, DoctorRun } from './doctor-context.js';

class Timeout extends Error {}

export async function checkKeychain(run: DoctorRun): Promise<CheckResult> {
  const id = 'keychain';
  const title = 'Keychain';
  const { secretStore, timeoutMs } = run.ctx;
  const account = `doctor/${randomUUID()}`;
  const value = randomUUID();
  const step = <T>(p: Promise<T>) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), timeoutMs)))]).finally(() =>
      clearTimeout(timer),
    );
  };
  let stage = 'save';
  try {
    await step(secretStore.set(account, value));
    stage = 'read back';
    const read = await step(secretStore.get(account));
    stage = 'delete';
    await step(secretStore.delete(account));
    if (read !== value) {
      return {
        id,
        title,
        status: 'fail',
        summary: 'The keychain saved a test entry but gave back something else.',
        action: 'Restart the computer; if it persists, ask your IT team to check the keychain.',
      };
    }
    return { id, title, status: 'pass', summary: 'The keychain saved, read back and deleted a test entry.' };
  } catch (error) {
    const locked = error instanceof Timeout || classifyKeychainError(error) === 'KEYCHAIN_LOCKED';
    return locked
      ? {
          id,
          title,
          status: 'fail',
          summary: `The keychain is locked or did not answer (it could not ${stage} a test entry).`,
          action:
            'Unlock your keychain (on Linux: the login keyring; on macOS: Keychain Access), then run the doctor again. Until then the app keeps secrets only until you quit.',
        }
      : {
          id,
          title,
          status: 'fail',
          summary: `No working keychain was found (it could not ${stage} a test entry).`,
          action:
            'On Linux, install and start a keyring (GNOME Keyring or KWallet). Until then the app keeps secrets only until you quit; nothing is written to disk.',
        };
  }
}
