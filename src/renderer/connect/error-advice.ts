/**
 * Plain-language advice per error code: what to do next and which checklist step the error
 * affects: other API clients leave people guessing what a failure means and what to do. Main's own hint wins when it gives one.
 */
import type { AppError } from '../../shared/result.js';
import type { StepId } from '../../shared/onboarding.js';

const PASTE_WHOLE_ADDRESS = "Paste the full address from the browser's address bar after approving, exactly as shown.";

/** Hints per error code, grouped by the checklist step the error affects (the last group: no step). */
const HINTS_BY_STEP: { step?: StepId; hints: Record<string, string> }[] = [
  {
    step: 'credentials-stored',
    hints: {
      CLIENT_SECRET_REJECTED:
        'Copy the Client ID and Client Secret again from the 1Password item Pleo sent you, save them on this screen, and run the credential check.',
      CREDENTIALS_MISSING: 'Enter the Client ID and Client Secret on this screen first.',
      KEYCHAIN_UNAVAILABLE: 'The app keeps the secret in memory until you quit. Unlock or set up your system keychain to keep it.',
      KEYCHAIN_LOCKED: 'Unlock your system keychain, then try again.',
    },
  },
  {
    step: 'authorized',
    hints: {
      AUTH_DENIED:
        'Access was not granted on Pleo\'s consent page. Sign in again and choose "Allow"; if you are not allowed to approve, ask a Pleo admin of the staging company.',
      FLOW_CANCELLED: 'Press "Sign in with Pleo" when you are ready.',
      FLOW_EXPIRED: 'The sign-in waited too long. Press "Sign in with Pleo" and finish it in the browser.',
      FLOW_SUPERSEDED: 'A newer sign-in replaced this one; finish that one in the browser.',
      AUTH_STATE_MISMATCH: 'Start a new sign-in from this app and use only the browser tab it opens.',
      AUTH_ISSUER_MISMATCH: 'The answer came from an unexpected server. Check the environment, then sign in again.',
      AUTH_INVALID_SCOPE: 'Remove the scopes Pleo did not approve for your client, or ask your Pleo partner manager to add them.',
      CALLBACK_URL_MISMATCH: PASTE_WHOLE_ADDRESS,
      AUTH_MALFORMED_CALLBACK: PASTE_WHOLE_ADDRESS,
      CODE_REJECTED: 'Sign in again: each approval can be used only once and only for a short time.',
      BROWSER_OPEN_FAILED: 'Check that a default web browser is set up, then try again.',
      AS_UNAVAILABLE: "Pleo's sign-in server could not be reached. Check your network, then try again.",
      AS_TIMEOUT: "Pleo's sign-in server did not answer in time. Try again in a minute.",
      SESSION_ENDED: 'Your session with Pleo has ended. Go to Connect and sign in again.',
      NOT_SIGNED_IN: 'Go to Connect and press "Sign in with Pleo" first.',
    },
  },
  { step: 'refresh-works', hints: { REFRESH_FAILED: 'Try again in a moment; if it keeps failing, sign in again.' } },
  {
    step: 'first-api-call',
    hints: {
      API_UNAUTHORIZED: 'Sign in again, then run the check again.',
      API_FORBIDDEN: 'Your client may lack the needed scope; ask your Pleo partner manager.',
    },
  },
  { step: 'staging-access', hints: { SIMULATOR_UNAVAILABLE: 'Restart the app, then try again.' } },
  {
    hints: {
      ENVIRONMENT_INVALID: 'Correct the highlighted value and save again.',
      INSECURE_URL: 'Use an https address (http is allowed only for 127.0.0.1 or localhost).',
    },
  },
];

/** The group (step and hints) that knows an error code. */
const adviceFor = (code: string) => HINTS_BY_STEP.find((group) => Object.hasOwn(group.hints, code));

export const STEP_TITLES: Record<StepId, string> = {
  'access-requested': '1. API access requested',
  'client-registered': '2. OAuth client registered',
  'staging-access': '3. Staging access received',
  'credentials-stored': '4. Client credentials stored',
  authorized: '5. Authorization completed',
  'refresh-works': '6. Token refresh works',
  'first-api-call': '7. First API call',
  'export-next': '8. Next: export expenses',
};

/** The error with a hint and the affected step filled in where main did not give them. */
export function withAdvice(error: AppError): AppError {
  const advice = adviceFor(error.code);
  return {
    ...error,
    ...(error.hint ? {} : advice ? { hint: advice.hints[error.code]! } : {}),
    ...(error.step ? {} : advice?.step ? { step: advice.step } : {}),
  };
}
