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
      const check = action === 'refresh' ? 'refresh-works' : action === 'credential-probe' ? 'credentials-stored' : (stepId as 'first-api-call' | 'staging-access');
      const r = await partner().onboarding.runCheck({ environmentId, stepId: check });
      if (!r.ok) return { error: r.error };
      return r.value.error ? { error: r.value.error } : { message: 'Check passed.' };
    }
    default:
      return {};
  }
}

export function credentialError(outcome: 'rejected' | 'unreachable' | 'unexpected', detail?: string): AppError {
  if (outcome === 'rejected') {
    return {
      code: 'CLIENT_SECRET_REJECTED',
      message: 'Pleo did not accept this Client ID and Client Secret.',
      hint: 'Copy both again from the 1Password item Pleo sent you (watch for spaces at the ends), save the secret again and re-run the check.',
      step: 'credentials-stored',
    };
  }
  return {
    code: 'AS_UNAVAILABLE',
    message: outcome === 'unreachable' ? 'Pleo\'s sign-in server could not be reached to check the credentials.' : 'Pleo\'s sign-in server gave an unexpected answer to the credential check.',
    hint: 'Check your network connection and the environment\'s addresses, then run the check again.',
    step: 'credentials-stored',
    ...(detail ? { serverText: detail.slice(0, 200) } : {}),
  };
}
