/**
 * Turns the sign-in engine's evidence into checklist evidence. Summaries are written here from
 * the structured details, not copied from the engine's free text, so we control exactly what
 * is stored and later printed in the report (no subject or identifier sneaks into prose).
 */
import type { AuthEvidence } from '../auth/auth-api.js';
import type { StepEvidence } from '../../shared/onboarding.js';

type Draft = Omit<StepEvidence, 'id'>;

/**
 * Cancelling, starting over or walking away (the flow timed out) is not a failure of the step:
 * nothing was refused, and an earlier proof still holds.
 */
const NOT_A_FAILURE = new Set(['FLOW_CANCELLED', 'FLOW_SUPERSEDED', 'FLOW_EXPIRED']);
/** Sign-in failures that are really about the Client ID / Secret (step 4). */
const CREDENTIAL_FAILURES = new Set(['CLIENT_SECRET_REJECTED', 'CREDENTIALS_MISSING']);

export function evidenceFromAuth(e: AuthEvidence): Draft[] {
  const base = { at: e.at, how: 'automatic' as const };
  const scopes = e.details.grantedScopes;
  switch (e.kind) {
    case 'credentials-stored':
      return [
        {
          ...base,
          stepId: 'credentials-stored',
          outcome: 'info',
          checked: 'Client Secret saved in the system keychain',
          result: 'Saved. Not yet checked with Pleo.',
        },
      ];
    case 'credentials-checked': {
      const check = e.details.credentialCheck;
      const outcome = check?.outcome ?? 'unexpected';
      const result =
        outcome === 'accepted'
          ? 'Accepted: the token endpoint recognised the Client ID and Secret.'
          : outcome === 'rejected'
            ? 'Rejected: the token endpoint did not accept the Client ID and Secret (invalid_client).'
            : outcome === 'unreachable'
              ? 'Not checked: the token endpoint could not be reached.'
              : 'Not checked: the token endpoint gave an unexpected answer.';
      // Unreachable is not rejected: nobody judged the credentials, so the step keeps its
      // state (an 'info' with an error code is history, see derive-status.ts).
      const decided = outcome === 'accepted' || outcome === 'rejected';
      return [
        {
          ...base,
          stepId: 'credentials-stored',
          outcome: outcome === 'accepted' ? 'passed' : decided ? 'failed' : 'info',
          checked: 'Credential check: token endpoint probed with a dummy code',
          result,
          ...(outcome === 'accepted' ? {} : { errorCode: outcome === 'rejected' ? 'CLIENT_SECRET_REJECTED' : 'AS_UNAVAILABLE' }),
        },
      ];
    }
    case 'signed-in':
      return [
        {
          ...base,
          stepId: 'authorized',
          outcome: 'passed',
          checked: 'Sign-in: authorization code exchanged for tokens',
          result: scopes?.length ? `Signed in. Scopes granted: ${scopes.join(' ')}.` : 'Signed in.',
          facts: { ...(scopes ? { grantedScopes: scopes } : {}), ...(e.details.subject ? { subject: e.details.subject } : {}) },
        },
      ];
    case 'sign-in-failed': {
      const code = e.details.errorCode ?? 'AUTH_SERVER_ERROR';
      const out: Draft[] = [
        {
          ...base,
          stepId: 'authorized',
          outcome: NOT_A_FAILURE.has(code) ? 'info' : 'failed',
          checked: 'Sign-in',
          result: signInFailureText(code),
          errorCode: code,
        },
      ];
      if (CREDENTIAL_FAILURES.has(code)) {
        out.push({
          ...base,
          stepId: 'credentials-stored',
          outcome: 'failed',
          checked: 'Code exchange with the stored Client ID and Secret',
          result: 'Pleo did not accept the Client ID and Secret during sign-in.',
          errorCode: code,
        });
      }
      return out;
    }
    case 'refreshed':
      return [
        {
          ...base,
          stepId: 'refresh-works',
          outcome: e.details.rotated ? 'passed' : 'info',
          checked: 'Token refresh',
          result: e.details.rotated
            ? 'Refreshed: a new access token and a new refresh token were issued and stored (rotation).'
            : 'Refreshed, but the refresh token was not rotated. Pleo rotates on every refresh; refresh again to prove it.',
          facts: { rotated: !!e.details.rotated },
        },
      ];
    case 'refresh-failed': {
      const code = e.details.errorCode ?? 'REFRESH_FAILED';
      return [
        {
          ...base,
          stepId: 'refresh-works',
          outcome: 'failed',
          checked: 'Token refresh',
          result:
            code === 'SESSION_ENDED'
              ? 'The session has ended: Pleo no longer accepts the refresh token. Sign in again.'
              : 'The refresh failed.',
          errorCode: code,
        },
      ];
    }
    case 'signed-out':
      return [{ ...base, stepId: 'authorized', outcome: 'info', checked: 'Sign-out', result: 'Signed out: stored tokens were removed.' }];
    default:
      return [];
  }
}

function signInFailureText(code: string): string {
  switch (code) {
    case 'AUTH_DENIED':
      return "Access was denied on Pleo's consent page.";
    case 'FLOW_CANCELLED':
      return 'The sign-in was cancelled.';
    case 'FLOW_SUPERSEDED':
      return 'The sign-in was replaced by a newer one.';
    case 'FLOW_EXPIRED':
      return 'The sign-in took too long and expired.';
    case 'CLIENT_SECRET_REJECTED':
      return 'Pleo did not accept the Client Secret when exchanging the code.';
    case 'AUTH_INVALID_SCOPE':
      return 'Pleo refused one of the requested scopes.';
    case 'AUTH_STATE_MISMATCH':
      return 'The answer from the browser did not belong to this sign-in and was refused.';
    default:
      return `The sign-in did not complete (${code}).`;
  }
}
