/**
 * Pleo's Export API error answers in plain language. Pleo's own `{ type, message }` body is
 * kept as server text (sanitised, truncated) next to our explanation; the raw status is never
 * the whole story shown to the user.
 */
import type { ErrorCode } from '../../shared/error-codes.js';
import { failure, type AppFailure } from '../../shared/result.js';
import { sanitizeServerText } from '../oauth/server-text.js';
import type { ExportAnswer } from './export-http.js';

export function explainExportAnswer(answer: ExportAnswer, doing: string): AppFailure {
  const type = answer.pleoError?.type;
  const serverText = answer.pleoError ? sanitizeServerText(`${answer.pleoError.type}: ${answer.pleoError.message ?? ''}`) : undefined;
  const extra = serverText ? { serverText } : {};
  switch (type) {
    case 'EXPORT_ALREADY_IN_PROGRESS':
      return failure(
        'EXPORT_ALREADY_IN_PROGRESS',
        `${doing} was refused: this company already has an export job waiting or running. Pleo allows one at a time.`,
        {
          ...extra,
          hint: 'Export the waiting job first (Find the oldest job), or let it finish or expire.',
        },
      );
    case 'EXPORT_JOB_STATUS_UNPROCESSABLE':
      return failure(
        'EXPORT_JOB_STATUS_UNPROCESSABLE',
        `${doing} was refused: the export job has already finished, so Pleo no longer accepts items or updates for it.`,
        {
          ...extra,
          hint: 'Find the next waiting job. If this job was cancelled or expired, the customer has to export again.',
        },
      );
    case 'INVALID_EXPORT_JOB_STATUS_CHANGE':
      return failure(
        'INVALID_EXPORT_JOB_STATUS_CHANGE',
        `${doing} was refused: the job is not in a state that allows this step (for example it was already claimed or finished).`,
        {
          ...extra,
          hint: 'Find the job again to see its current state.',
        },
      );
    case 'EXPORT_JOB_ITEMS_UPDATE_LIMIT':
      return failure('EXPORT_JOB_ITEMS_UPDATE_LIMIT', `${doing} was refused: Pleo accepts at most 100 item statuses per request.`, {
        ...extra,
        hint: 'This is a defect in the app; please report it. Resuming sends smaller batches.',
      });
    case 'EXPORT_NOT_FOUND':
      return failure('API_NOT_FOUND', `${doing} failed: Pleo does not know this export job (or your token cannot see its company).`, {
        ...extra,
        hint: 'Find the job again.',
      });
    default:
      break;
  }
  if (answer.status === 401)
    return failure('API_UNAUTHORIZED', `${doing} failed: Pleo did not accept the access token, even after a refresh.`, {
      ...extra,
      hint: 'Sign in again on the Connect screen, then resume.',
    });
  if (answer.status === 403)
    return failure(
      'API_FORBIDDEN',
      `${doing} failed: the token lacks a scope the Export API needs (export-jobs:read, export-jobs:write, export-items:read).`,
      { ...extra, hint: 'Sign in again with those scopes, or ask Pleo to grant them to your client.' },
    );
  if (answer.status === 429)
    return failure('RATE_LIMITED', `${doing} was slowed down by Pleo (too many requests) and the app stopped retrying.`, {
      ...extra,
      hint: 'Wait a minute, then resume: no item is lost or reported twice.',
    });
  if (answer.status >= 500)
    return failure('API_SERVER_ERROR', `${doing} failed: Pleo answered with a server error (${answer.status}).`, {
      ...extra,
      hint: 'Resume in a moment: the export goes on from the last reported page.',
    });
  return failure('API_CLIENT_ERROR', `${doing} failed: Pleo answered ${answer.status}.`, extra);
}

export const jobExpiredFailure = (): AppFailure =>
  failure(
    'EXPORT_JOB_EXPIRED',
    'The export job expired: Pleo fails a job that has not been updated for one hour, and marks its unreported items as abandoned.',
    {
      hint: 'The customer has to export these expenses again in Pleo (on the simulator: queue a new job). Then find the new job.',
    },
  );

/**
 * What a refusal means once the job has been read back (claimed by someone else, cancelled by
 * the customer): our explanation, with Pleo's own words from the refusal kept beside it.
 */
export const refusalExplained = (code: ErrorCode, message: string, hint: string, refused: AppFailure): AppFailure =>
  failure(code, message, { hint, ...(refused.appError.serverText ? { serverText: refused.appError.serverText } : {}) });
