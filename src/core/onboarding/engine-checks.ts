/**
 * Steps 4 and 6 are proven by the sign-in engine's own probes (credential check, refresh with
 * rotation). The engine reports their outcome as evidence itself; only if it did not (an
 * early failure) do we record what we saw, so no attempt goes unrecorded.
 */
import type { AuthFeatureApi } from '../auth/auth-api.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import type { Clock } from '../ports.js';
import type { CheckOutcome } from './checks.js';
import type { ProgressStore } from './progress-store.js';

export function createEngineChecks(engine: AuthFeatureApi, store: ProgressStore, clock: Clock) {
  const runEngineCheck = async (
    env: EnvironmentSummary,
    stepId: 'refresh-works' | 'credentials-stored',
    run: () => Promise<AppError | undefined>,
  ): Promise<CheckOutcome> => {
    const before = clock.now();
    const reported = () => store.read(env.id, env.clientId).evidence.some((e) => e.stepId === stepId && e.at >= before);
    const checked = stepId === 'refresh-works' ? 'Token refresh' : 'Credential check: token endpoint probed with a dummy code';
    let error: AppError | undefined;
    try {
      error = await run();
    } catch (thrown) {
      error =
        thrown instanceof AppFailure
          ? thrown.appError
          : { code: stepId === 'refresh-works' ? 'REFRESH_FAILED' : 'AS_UNAVAILABLE', message: 'The check could not be completed.' };
    }
    if (error) error = { ...error, step: error.step ?? stepId };
    if (reported()) return error ? { error } : {};
    return {
      evidence: error
        ? { stepId, outcome: 'failed', how: 'automatic', checked, result: error.message, errorCode: error.code }
        : {
            stepId,
            outcome: 'info',
            how: 'automatic',
            checked,
            result: 'Completed, but the sign-in engine reported no details; run the check again to prove it.',
          },
      ...(error ? { error } : {}),
    };
  };

  const refreshCheck = (env: EnvironmentSummary) =>
    runEngineCheck(env, 'refresh-works', async () => {
      await engine.refresh(env.id);
      return undefined;
    });

  const credentialCheck = (env: EnvironmentSummary) =>
    runEngineCheck(env, 'credentials-stored', async () => {
      const check = await engine.checkCredentials(env.id);
      if (check.outcome === 'accepted') return undefined;
      return check.outcome === 'rejected'
        ? {
            code: 'CLIENT_SECRET_REJECTED',
            message: 'Pleo did not accept this Client ID and Client Secret.',
            hint: 'Copy both again from the 1Password item Pleo sent you, save them on the Connect screen, and run the check again.',
          }
        : check.outcome === 'unreachable'
          ? {
              code: 'AS_UNAVAILABLE',
              message: `Can't reach ${env.name} to check the credentials. Nothing was checked, so the step keeps its state.`,
              hint: 'Check your network connection, then press Retry.',
            }
          : {
              code: 'AS_UNAVAILABLE',
              message: `${env.name} gave an unexpected answer to the credential check, so nothing was decided.`,
              hint: "Check the environment's addresses on the Connect screen, then press Retry.",
            };
    });

  return { refresh: refreshCheck, credentials: credentialCheck };
}
