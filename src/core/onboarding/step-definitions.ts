/**
 * The checklist's fixed content: titles, how each step is proven and what to do next, in
 * plain language. Follows Pleo's "OAuth 2.0 Access to Staging" workflow for partners in its Early Access
 * Programme, as Pleo's developer documentation describes it.
 */
import type { StepId, StepStatus } from '../../shared/onboarding.js';

export interface StepDefinition {
  id: StepId;
  title: string;
  /** How the step is proven, per environment kind ('staging-access' differs on the simulator). */
  proofText(simulator: boolean): string;
  /** What to do next, by status. */
  whatToDo(status: StepStatus, simulator: boolean): string;
}

const generic = (todo: string, failed: string, done = 'Nothing to do: this step is proven.') =>
  (status: StepStatus): string => (status === 'done' ? done : status === 'failed' ? failed : todo);

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  {
    id: 'access-requested',
    title: 'API access requested',
    proofText: () => 'You confirm that you sent Pleo\'s Partner API Access Request form.',
    whatToDo: generic(
      'Fill in your company, target ERP and planned API usage below, copy the prepared text into Pleo\'s Partner API Access Request form, send it, then confirm here.',
      'Confirm again once the request is sent.',
    ),
  },
  {
    id: 'client-registered',
    title: 'OAuth client registered',
    proofText: () => 'You confirm that you sent the Developer Partner Registration form.',
    whatToDo: generic(
      'When Pleo sends you the Developer Partner Registration form, copy the prepared details below into it (the redirect URI must match exactly), send it, then confirm here.',
      'Confirm again once the registration is sent.',
    ),
  },
  {
    id: 'staging-access',
    title: 'Staging access received',
    proofText: (sim) =>
      sim
        ? 'The built-in simulator answers on its sign-in and API addresses.'
        : 'You confirm that you logged in to Pleo staging and saw the dashboard with dummy data.',
    whatToDo: (status, sim) =>
      status === 'done'
        ? 'Nothing to do: this step is proven.'
        : sim
          ? status === 'failed'
            ? 'The simulator did not answer. Restart the app, then run the check again.'
            : 'Press "Run check" to confirm the simulator is answering.'
          : 'Pleo sends staging login details and your Client ID and Secret through 1Password; pick them up within 7 days. Open Pleo staging, log in, check that the dashboard and dummy data are visible, then confirm here.',
  },
  {
    id: 'credentials-stored',
    title: 'Client credentials stored',
    proofText: () => 'The credential check asks Pleo\'s token endpoint whether it accepts your Client ID and Secret (without signing in).',
    whatToDo: generic(
      'Go to Connect, enter the Client ID and Client Secret Pleo sent you (the secret is kept in your system keychain), then run the credential check.',
      'Pleo did not accept the Client ID and Secret. Check both for typos (copy them again from 1Password) on the Connect screen, save, and run the check again.',
    ),
  },
  {
    id: 'authorized',
    title: 'Authorization completed',
    proofText: () => 'A successful sign-in, where the app exchanged the authorization code for tokens (scopes granted and company recorded).',
    whatToDo: generic(
      'Go to Connect and press "Sign in with Pleo". Log in with the staging user in your browser and approve the access.',
      'The last sign-in did not complete. Read the explanation on the Connect screen, then sign in again.',
    ),
  },
  {
    id: 'refresh-works',
    title: 'Token refresh works',
    proofText: () => 'A token refresh where Pleo issued a new refresh token (rotation) and the app stored it.',
    whatToDo: generic(
      'Once signed in, press "Refresh now" to prove the app can renew its access without asking you again.',
      'The refresh failed. If the session ended, sign in again on the Connect screen, then refresh.',
    ),
  },
  {
    id: 'first-api-call',
    title: 'First API call',
    proofText: () => 'GET /v2/employees with the access token answers 200 OK (needs the users:read scope).',
    whatToDo: generic(
      'Once signed in, press "Run check" to list the staging company\'s employees.',
      'The call did not succeed. Read the explanation, fix what it names (often: sign in again, or ask Pleo for the users:read scope), then run the check again.',
    ),
  },
  {
    id: 'export-next',
    title: 'Next: export expenses',
    proofText: () => 'The export workflow is not part of this checklist yet.',
    whatToDo: () => 'Coming next. Meanwhile, try the Export requests in the API explorer.',
  },
];
