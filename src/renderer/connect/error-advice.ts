/**
 * Plain-language advice per error code: what to do next and which checklist step the error
 * affects: other API clients leave people guessing what a failure means and what to do. Main's own hint wins when it gives one.
 */
import type { AppError } from '../../shared/result.js';
import type { StepId } from '../../shared/onboarding.js';

interface Advice {
  step?: StepId;
  hint: string;
}

const ADVICE: Partial<Record<string, Advice>> = {
  CLIENT_SECRET_REJECTED: {
    step: 'credentials-stored',
    hint: 'Copy the Client ID and Client Secret again from the 1Password item Pleo sent you, save them on this screen, and run the credential check.',
  },
  CREDENTIALS_MISSING: { step: 'credentials-stored', hint: 'Enter the Client ID and Client Secret on this screen first.' },
  KEYCHAIN_UNAVAILABLE: {
    step: 'credentials-stored',
    hint: 'The app keeps the secret in memory until you quit. Unlock or set up your system keychain to keep it.',
  },
  KEYCHAIN_LOCKED: { step: 'credentials-stored', hint: 'Unlock your system keychain, then try again.' },
  AUTH_DENIED: {
    step: 'authorized',
    hint: 'Access was not granted on Pleo\'s consent page. Sign in again and choose "Allow"; if you are not allowed to approve, ask a Pleo admin of the staging company.',
  },
  FLOW_CANCELLED: { step: 'authorized', hint: 'Press "Sign in with Pleo" when you are ready.' },
  FLOW_EXPIRED: { step: 'authorized', hint: 'The sign-in waited too long. Press "Sign in with Pleo" and finish it in the browser.' },
  FLOW_SUPERSEDED: { step: 'authorized', hint: 'A newer sign-in replaced this one; finish that one in the browser.' },
  AUTH_STATE_MISMATCH: { step: 'authorized', hint: 'Start a new sign-in from this app and use only the browser tab it opens.' },
  AUTH_ISSUER_MISMATCH: {
    step: 'authorized',
    hint: 'The answer came from an unexpected server. Check the environment, then sign in again.',
  },
  AUTH_INVALID_SCOPE: {
    step: 'authorized',
    hint: 'Remove the scopes Pleo did not approve for your client, or ask your Pleo partner manager to add them.',
  },
  CALLBACK_URL_MISMATCH: {
    step: 'authorized',
    hint: "Paste the full address from the browser's address bar after approving, exactly as shown.",
  },
  AUTH_MALFORMED_CALLBACK: {
    step: 'authorized',
    hint: "Paste the full address from the browser's address bar after approving, exactly as shown.",
  },
  CODE_REJECTED: { step: 'authorized', hint: 'Sign in again: each approval can be used only once and only for a short time.' },
  BROWSER_OPEN_FAILED: { step: 'authorized', hint: 'Check that a default web browser is set up, then try again.' },
  AS_UNAVAILABLE: { step: 'authorized', hint: "Pleo's sign-in server could not be reached. Check your network, then try again." },
  AS_TIMEOUT: { step: 'authorized', hint: "Pleo's sign-in server did not answer in time. Try again in a minute." },
  SESSION_ENDED: { step: 'authorized', hint: 'Your session with Pleo has ended. Go to Connect and sign in again.' },
  NOT_SIGNED_IN: { step: 'authorized', hint: 'Go to Connect and press "Sign in with Pleo" first.' },
  REFRESH_FAILED: { step: 'refresh-works', hint: 'Try again in a moment; if it keeps failing, sign in again.' },
  API_UNAUTHORIZED: { step: 'first-api-call', hint: 'Sign in again, then run the check again.' },
  API_FORBIDDEN: { step: 'first-api-call', hint: 'Your client may lack the needed scope; ask your Pleo partner manager.' },
  ENVIRONMENT_INVALID: { hint: 'Correct the highlighted value and save again.' },
  INSECURE_URL: { hint: 'Use an https address (http is allowed only for 127.0.0.1 or localhost).' },
  SIMULATOR_UNAVAILABLE: { step: 'staging-access', hint: 'Restart the app, then try again.' },
};

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
  const advice = ADVICE[error.code];
  return {
    ...error,
    ...(error.hint ? {} : advice ? { hint: advice.hint } : {}),
    ...(error.step ? {} : advice?.step ? { step: advice.step } : {}),
  };
}
