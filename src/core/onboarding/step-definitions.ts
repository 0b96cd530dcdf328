/**
 * The checklist's fixed content: titles, how each step is proven and what to do next, in
 * plain language. Follows Pleo's "OAuth 2.0 Access to Staging" workflow for partners in its Early Access
 * Programme, as Pleo's developer documentation describes it.
 */
import type { StepId, StepStatus } from '../../shared/onboarding.js';

/** What a step says to do while it is open and after it failed; "done" has one sentence for all. */
interface StepWords {
  /** How the step is proven. */
  proof: string;
  todo: string;
  /** Defaults to `todo`. */
  failed?: string;
}

export interface StepDefinition extends StepWords {
  id: StepId;
  title: string;
  /** Pleo's own pages for this step (hosts allowlisted in core/app/allowed-links.ts). */
  links?: Array<{ label: string; url: string }>;
  /** Other words on the built-in simulator, where the step is proven differently ('staging-access'). */
  simulator?: StepWords;
}

const DONE = 'Nothing to do: this step is proven.';

/** The step's words for this environment kind: how it is proven and what to do next. */
export function stepWords(def: StepDefinition, status: StepStatus, simulator: boolean): { proofText: string; whatToDo: string } {
  const words = (simulator && def.simulator) || def;
  return { proofText: words.proof, whatToDo: status === 'done' ? DONE : status === 'failed' ? (words.failed ?? words.todo) : words.todo };
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

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  {
    id: 'access-requested',
    title: 'API access requested',
    proof: "You confirm that you sent Pleo's Partner API Access Request form, which starts the Early Access Programme.",
    links: [PLEO_LINKS.stagingWorkflow],
    todo: "Fill in your company, target ERP and planned API usage below, copy the prepared text into Pleo's Partner API Access Request form, send it, then confirm here.",
    failed: 'Confirm again once the request is sent.',
  },
  {
    id: 'client-registered',
    title: 'OAuth client registered',
    proof: 'You confirm that you sent the Developer Partner Registration form.',
    links: [PLEO_LINKS.registerClient, PLEO_LINKS.postmanRegister],
    todo: 'When Pleo sends you the Developer Partner Registration form, copy the prepared details below into it (the redirect URI must match exactly), send it, then confirm here.',
    failed: 'Confirm again once the registration is sent.',
  },
  {
    id: 'staging-access',
    title: 'Staging access received',
    proof: 'You confirm that you logged in to Pleo staging and saw the dashboard with dummy data.',
    links: [PLEO_LINKS.stagingAccess],
    todo: 'Pleo sends staging login details and your Client ID and Secret through 1Password; pick them up within 7 days. Open Pleo staging, log in, check that the dashboard and dummy data are visible, then confirm here.',
    simulator: {
      proof: 'The built-in simulator answers on its sign-in and API addresses.',
      todo: 'Press "Run check" to confirm the simulator is answering.',
      failed: 'The simulator did not answer. Restart the app, then run the check again.',
    },
  },
  {
    id: 'credentials-stored',
    title: 'Client credentials stored',
    proof: "The credential check asks Pleo's token endpoint whether it accepts your Client ID and Secret (without signing in).",
    links: [PLEO_LINKS.clientConfiguration],
    todo: 'Go to Connect, enter the Client ID and Client Secret Pleo sent you (the secret is kept in your system keychain), then run the credential check.',
    failed:
      'Pleo did not accept the Client ID and Secret. Check both for typos (copy them again from 1Password) on the Connect screen, save, and run the check again.',
  },
  {
    id: 'authorized',
    title: 'Authorization completed',
    proof: 'A successful sign-in, where the app exchanged the authorization code for tokens (scopes granted and company recorded).',
    links: [PLEO_LINKS.redirects],
    todo: 'Go to Connect and press "Sign in with Pleo". Log in with the staging user in your browser and approve the access.',
    failed: 'The last sign-in did not complete. Read the explanation on the Connect screen, then sign in again.',
  },
  {
    id: 'refresh-works',
    title: 'Token refresh works',
    proof: 'A token refresh where Pleo issued a new refresh token (rotation) and the app stored it.',
    links: [PLEO_LINKS.refresh],
    todo: 'Once signed in, press "Refresh now" to prove the app can renew its access without asking you again.',
    failed: 'The refresh failed. If the session ended, sign in again on the Connect screen, then refresh.',
  },
  {
    id: 'first-api-call',
    title: 'First API call',
    proof: 'GET /v2/employees with the access token answers 200 OK (needs the users:read scope).',
    links: [PLEO_LINKS.postmanCall],
    todo: 'Once signed in, press "Run check" to list the staging company\'s employees.',
    failed:
      'The call did not succeed. Read the explanation, fix what it names (often: sign in again, or ask Pleo for the users:read scope), then run the check again.',
  },
  {
    id: 'export-next',
    title: 'Next: export expenses',
    proof: 'The export workflow is not part of this checklist yet.',
    // Never done nor failed: the step only points at what comes next.
    todo: 'Coming next. Meanwhile, try the Export requests in the API explorer.',
  },
];
