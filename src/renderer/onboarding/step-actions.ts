/** Runs a step's action through window.partner and reports an error, if any, for the card. */
import type { StepAction, StepId } from '../../shared/onboarding.js';
import type { AppError } from '../../shared/result.js';
import type { ScreenId } from '../app/screen-id.js';
import { partner } from '../partner.js';

export const STAGING_LOGIN_URL = 'https://app.staging.pleo.io/login';

export const ACTION_LABELS: Partial<Record<StepAction, string>> = {
  'run-check': 'Run check',
  'credential-probe': 'Check credentials',
  'open-connect': 'Go to Connect',
  refresh: 'Refresh now',
  'open-staging': 'Open Pleo staging login',
  'open-explorer': 'Open the API explorer (Export requests)',
};

export type ActionOutcome = { error?: AppError; message?: string };

export async function runStepAction(
  action: StepAction,
  stepId: StepId,
  environmentId: string,
  navigate: (id: ScreenId) => void,
): Promise<ActionOutcome> {
  switch (action) {
    case 'open-connect':
      navigate('connect');
      return {};
    case 'open-explorer':
      navigate('explorer');
      return {};
    case 'open-staging': {
      const r = await partner().app.openExternal({ url: STAGING_LOGIN_URL });
      return r.ok ? { message: 'Pleo staging opened in your browser.' } : { error: r.error };
    }
    case 'run-check':
    case 'credential-probe':
    case 'refresh': {
      const check =
        action === 'refresh'
          ? 'refresh-works'
          : action === 'credential-probe'
            ? 'credentials-stored'
            : (stepId as 'first-api-call' | 'staging-access');
      const r = await partner().onboarding.runCheck({ environmentId, stepId: check });
      if (!r.ok) return { error: r.error };
      return r.value.error ? { error: r.value.error } : { message: 'Check passed.' };
    }
    default:
      return {};
  }
}

/**
 * The credential check's outcome as an error. Unreachable is not rejected: when no server
 * answered, say so ("Can't reach …"), with the app's own words, never as a server message.
 */
export function credentialError(outcome: 'rejected' | 'unreachable' | 'unexpected', detail?: string, environmentName = 'Pleo'): AppError {
  if (outcome === 'rejected') {
    return {
      code: 'CLIENT_SECRET_REJECTED',
      message: 'Pleo did not accept this Client ID and Client Secret.',
      hint: 'Copy both again from the 1Password item Pleo sent you (watch for spaces at the ends), save the secret again and re-run the check.',
      step: 'credentials-stored',
    };
  }
  if (outcome === 'unreachable') {
    return {
      code: 'AS_UNAVAILABLE',
      message: `Can't reach ${environmentName} to check the credentials. Nothing was checked, so the step keeps its state.`,
      hint: `Check your network connection, then press Retry.${detail ? ` (${detail})` : ''}`,
      step: 'credentials-stored',
    };
  }
  return {
    code: 'AS_UNAVAILABLE',
    message: `${environmentName} gave an unexpected answer to the credential check, so nothing was decided.`,
    hint: "Check the environment's addresses on this screen, then press Retry.",
    step: 'credentials-stored',
    ...(detail ? { serverText: detail.slice(0, 200) } : {}),
  };
}
