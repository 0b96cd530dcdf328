/**
 * The automatic proofs onboarding runs itself: "is the simulator answering" (step 3 on the
 * simulator) and the first API call, GET /v2/employees (step 7). Each returns checklist
 * evidence plus, on failure, a catalogued AppError for the UI. The access token is used only
 * for the one request to the environment's own API origin and is never logged or returned.
 */
import type { AuthFeatureApi } from '../auth/auth-api.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { StepEvidence } from '../../shared/onboarding.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { FIRST_CALL_SCOPE } from '../../shared/scope-descriptions.js';
import type { Logger } from '../logging/logger.js';

export type CheckDraft = Omit<StepEvidence, 'id' | 'at'>;
export interface CheckOutcome {
  evidence?: CheckDraft;
  error?: AppError;
}

const TIMEOUT_MS = 15_000;
type Fetch = typeof fetch;

async function answers(url: string, fetchImpl: Fetch): Promise<boolean> {
  try {
    // Any HTTP answer counts: we only prove the server is there, not that we are allowed in.
    const res = await fetchImpl(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

export async function checkSimulatorAnswering(env: EnvironmentSummary, fetchImpl: Fetch = fetch): Promise<CheckOutcome> {
  const checked = "The simulator's sign-in page and API answer";
  const [authOk, apiOk] = await Promise.all([
    answers(env.authorizationEndpoint, fetchImpl),
    answers(apiUrl(env, '/v2/employees'), fetchImpl),
  ]);
  if (authOk && apiOk) {
    return {
      evidence: {
        stepId: 'staging-access',
        outcome: 'passed',
        how: 'automatic',
        checked,
        result: 'Both answered: the simulator and its dummy company are ready.',
      },
    };
  }
  const which = !authOk && !apiOk ? 'Neither the sign-in page nor the API' : !authOk ? 'The sign-in page' : 'The API';
  const error: AppError = {
    code: 'SIMULATOR_UNAVAILABLE',
    message: `${which} of the built-in simulator did not answer.`,
    hint: 'Restart the app, then run the check again.',
    step: 'staging-access',
  };
  return {
    evidence: {
      stepId: 'staging-access',
      outcome: 'failed',
      how: 'automatic',
      checked,
      result: `${which} did not answer.`,
      errorCode: error.code,
    },
    error,
  };
}

function apiUrl(env: EnvironmentSummary, path: string): string {
  return env.apiBase.replace(/\/+$/, '') + path;
}

const FIRST_CALL_CHECKED = 'GET /v2/employees with the access token';

const failed = (code: ErrorCode, result: string, message: string, hint: string, httpStatus?: number): CheckOutcome => ({
  evidence: {
    stepId: 'first-api-call',
    outcome: 'failed',
    how: 'automatic',
    checked: FIRST_CALL_CHECKED,
    result,
    errorCode: code,
    ...(httpStatus !== undefined ? { facts: { httpStatus } } : {}),
  },
  error: { code, message, hint, step: 'first-api-call' },
});

export async function checkFirstApiCall(
  auth: AuthFeatureApi,
  env: EnvironmentSummary,
  logger: Logger,
  fetchImpl: Fetch = fetch,
): Promise<CheckOutcome> {
  const status = await auth.status(env.id);
  if (!status.signedIn) {
    return {
      error: {
        code: 'NOT_SIGNED_IN',
        message: 'The first API call needs a sign-in, and this environment is not signed in.',
        hint: 'Go to Connect and press "Sign in with Pleo" (step 5), then run this check again.',
        step: 'authorized',
      },
    };
  }
  if (status.grantedScopes.length > 0 && !status.grantedScopes.includes(FIRST_CALL_SCOPE)) {
    return failed(
      'API_FORBIDDEN',
      `Not called: the sign-in did not grant ${FIRST_CALL_SCOPE}, which listing employees needs.`,
      `Your sign-in does not include the ${FIRST_CALL_SCOPE} scope, so Pleo would refuse the call.`,
      `Add ${FIRST_CALL_SCOPE} to the scopes on the Connect screen and sign in again. If Pleo refuses the scope, ask your Pleo partner manager to add it to your client.`,
    );
  }
  const url = apiUrl(env, '/v2/employees');
  const send = (token: string): Promise<Response> =>
    fetchImpl(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // A redirect could carry the token to another origin; we never follow one.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  let res: Response;
  try {
    const token = await auth.getAccessToken(env.id);
    res = await send(token);
    if (res.status === 401) {
      // Once, as Pleo's docs advise: refresh and retry; the engine dedupes racing refreshes.
      await res.body?.cancel().catch(() => undefined);
      res = await send(await auth.getAccessToken(env.id, { forceRefresh: true, rejectedAccessToken: token }));
    }
  } catch (error) {
    if (error instanceof AppFailure) {
      const code = error.appError.code;
      const ended = code === 'SESSION_ENDED' || code === 'NOT_SIGNED_IN';
      return failed(
        code,
        ended ? 'Not called: the session has ended.' : 'Not called: no valid access token.',
        ended ? 'Your session with Pleo has ended, so the app cannot call the API.' : error.appError.message,
        ended
          ? 'Go to Connect and sign in again (step 5), then run this check again.'
          : (error.appError.hint ?? 'Sign in again on the Connect screen, then run this check again.'),
      );
    }
    logger.warn('onboarding: first API call could not reach the API', { error: error instanceof Error ? error.name : typeof error });
    return failed(
      'NETWORK_ERROR',
      'The API could not be reached.',
      'The app could not reach the API.',
      'Check your network connection, then run the check again.',
    );
  }
  logger.info('onboarding: first API call answered', { status: res.status });
  if (res.status === 200) {
    const count = await countItems(res);
    return {
      evidence: {
        stepId: 'first-api-call',
        outcome: 'passed',
        how: 'automatic',
        checked: FIRST_CALL_CHECKED,
        result:
          count === undefined
            ? '200 OK: the API answered with the employee list.'
            : `200 OK: ${count} employee${count === 1 ? '' : 's'} listed.`,
        facts: { httpStatus: 200, ...(count !== undefined ? { itemCount: count } : {}) },
      },
    };
  }
  await res.body?.cancel().catch(() => undefined);
  return httpFailure(res.status);
}

/** What a failing answer to the first API call means, by kind of HTTP status (see httpFailure). */
const HTTP_FAILURES: Record<string, { code: ErrorCode; result: string; message: string; hint: string }> = {
  redirect: {
    code: 'REDIRECT_REFUSED',
    result: 'a redirect, not followed.',
    message: 'The API answered with a redirect, which the app does not follow.',
    hint: 'Check the API address of this environment on the Connect screen.',
  },
  401: {
    code: 'API_UNAUTHORIZED',
    result: 'the access token was not accepted.',
    message: 'Pleo did not accept the access token.',
    hint: 'Sign in again on the Connect screen (step 5), then run the check again.',
  },
  403: {
    code: 'API_FORBIDDEN',
    result: 'access denied.',
    message: 'Pleo refused access to the employee list.',
    hint: `Make sure your client has the ${FIRST_CALL_SCOPE} scope; ask your Pleo partner manager if it does not.`,
  },
  404: {
    code: 'API_NOT_FOUND',
    result: 'not found.',
    message: 'The API does not know this address.',
    hint: 'Check the API address of this environment on the Connect screen.',
  },
  429: {
    code: 'RATE_LIMITED',
    result: 'too many requests.',
    message: 'Pleo asked the app to slow down.',
    hint: 'Wait a minute, then run the check again.',
  },
  server: {
    code: 'API_SERVER_ERROR',
    result: 'server error.',
    message: "Pleo's API had a problem answering.",
    hint: 'Wait a moment and run the check again.',
  },
  other: {
    code: 'API_CLIENT_ERROR',
    result: 'the request was refused.',
    message: 'Pleo refused the request.',
    hint: 'Run the check again; if it keeps failing, contact your Pleo partner manager.',
  },
};

function httpFailure(status: number): CheckOutcome {
  const kind =
    status >= 300 && status < 400 ? 'redirect' : status >= 500 ? 'server' : String(status) in HTTP_FAILURES ? String(status) : 'other';
  const { code, result, message, hint } = HTTP_FAILURES[kind]!;
  return failed(code, `HTTP ${status}: ${result}`, message, hint, status);
}

async function countItems(res: Response): Promise<number | undefined> {
  try {
    const body = (await res.json()) as { data?: unknown };
    return Array.isArray(body?.data) ? body.data.length : undefined;
  } catch {
    return undefined;
  }
}
