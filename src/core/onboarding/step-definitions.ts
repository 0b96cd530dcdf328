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
  /** Pleo's own pages for this step (hosts allowlisted in core/app/allowed-links.ts). */
  links?: Array<{ label: string; url: string }>;
}

const DOCS = 'https://developers.pleo.io/docs/current';
export const PLEO_LINKS = {
  stagingWorkflow: {
    label: 'Pleo: OAuth 2.0 access to staging (Early Access Programme)',
    url: `${DOCS}/guides/environment-access/staging-oauth-workflow`,
  },
  stagingAccess: {
    label: 'Pleo: how to get access to staging',
    url: `${DOCS}/how-tos/environment-access/how-to-get-access-to-staging-oauth`,
  },
  registerClient: { label: 'Pleo: how to register an OAuth client', url: `${DOCS}/how-tos/oauth/how-to-register-an-oauth-client` },
  clientConfiguration: {
    label: 'Pleo: OAuth client configuration',
    url: `${DOCS}/integration-design/auth/oauth/getting-set-up/oauth-client-configuration`,
  },
  redirects: {
    label: 'Pleo: handle redirects and exchange the code',
    url: `${DOCS}/how-tos/oauth/how-to-handle-redirects-and-exchange-authorisation-code`,
  },
  refresh: { label: 'Pleo: how to refresh tokens', url: `${DOCS}/how-tos/oauth/how-to-refresh-tokens` },
  postmanCall: { label: 'Pleo: make an API call with Postman', url: `${DOCS}/how-tos/oauth-postman/how-to-make-an-api-call-postman` },
  postmanRegister: {
    label: 'Pleo: register an OAuth client for Postman',
    url: `${DOCS}/how-tos/oauth-postman/how-to-register-an-oauth-client-postman`,
  },
  stagingLogin: { label: 'Pleo staging login', url: 'https://app.staging.pleo.io/login' },
} as const;

const generic =
  (todo: string, failed: string, done = 'Nothing to do: this step is proven.') =>
  (status: StepStatus): string =>
    status === 'done' ? done : status === 'failed' ? failed : todo;

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  {
    id: 'access-requested',
    title: 'API access requested',
    proofText: () => "You confirm that you sent Pleo's Partner API Access Request form, which starts the Early Access Programme.",
    links: [PLEO_LINKS.stagingWorkflow],
    whatToDo: generic(
      "Fill in your company, target ERP and planned API usage below, copy the prepared text into Pleo's Partner API Access Request form, send it, then confirm here.",
      'Confirm again once the request is sent.',
    ),
  },
  {
    id: 'client-registered',
    title: 'OAuth client registered',
    proofText: () => 'You confirm that you sent the Developer Partner Registration form.',
    links: [PLEO_LINKS.registerClient, PLEO_LINKS.postmanRegister],
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
    links: [PLEO_LINKS.stagingAccess],
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
    proofText: () => "The credential check asks Pleo's token endpoint whether it accepts your Client ID and Secret (without signing in).",
    links: [PLEO_LINKS.clientConfiguration],
    whatToDo: generic(
      'Go to Connect, enter the Client ID and Client Secret Pleo sent you (the secret is kept in your system keychain), then run the credential check.',
      'Pleo did not accept the Client ID and Secret. Check both for typos (copy them again from 1Password) on the Connect screen, save, and run the check again.',
    ),
  },
  {
    id: 'authorized',
    title: 'Authorization completed',
    proofText: () =>
      'A successful sign-in, where the app exchanged the authorization code for tokens (scopes granted and company recorded).',
    links: [PLEO_LINKS.redirects],
    whatToDo: generic(
      'Go to Connect and press "Sign in with Pleo". Log in with the staging user in your browser and approve the access.',
      'The last sign-in did not complete. Read the explanation on the Connect screen, then sign in again.',
    ),
  },
  {
    id: 'refresh-works',
    title: 'Token refresh works',
    proofText: () => 'A token refresh where Pleo issued a new refresh token (rotation) and the app stored it.',
    links: [PLEO_LINKS.refresh],
    whatToDo: generic(
      'Once signed in, press "Refresh now" to prove the app can renew its access without asking you again.',
      'The refresh failed. If the session ended, sign in again on the Connect screen, then refresh.',
    ),
  },
  {
    id: 'first-api-call',
    title: 'First API call',
    proofText: () => 'GET /v2/employees with the access token answers 200 OK (needs the users:read scope).',
    links: [PLEO_LINKS.postmanCall],
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
