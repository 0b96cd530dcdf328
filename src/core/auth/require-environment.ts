/**
 * The environment a request names (or the active one), or a plain-language failure when it was
 * removed meanwhile: features that act on one environment start here.
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import { failure } from '../../shared/result.js';
import type { AuthFeatureApi } from './auth-api.js';

export function requireEnvironment(
  auth: Pick<AuthFeatureApi, 'getEnvironment' | 'activeEnvironment'>,
  environmentId?: string,
): EnvironmentSummary {
  const env = environmentId ? auth.getEnvironment(environmentId) : auth.activeEnvironment();
  if (!env)
    throw failure('ENVIRONMENT_NOT_FOUND', 'That environment does not exist (any more).', {
      hint: 'Choose an environment on the Connect screen.',
    });
  return env;
}
