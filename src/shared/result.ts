/**
 * Result objects cross the process boundary instead of thrown errors: an Error thrown in main
 * would arrive in the renderer as an opaque string (and could carry a stack with secrets).
 */
import type { ErrorCode } from './error-codes.js';

export interface AppError {
  /** Stable code from the catalogue in error-codes.ts; UI copy and tests key on it. */
  code: ErrorCode;
  /** Plain-language sentence: what happened. Never contains a secret. */
  message: string;
  /** What the user can do next. */
  hint?: string;
  /** Text that came from a server (escaped, truncated, labelled as such by the UI). */
  serverText?: string;
  /** Onboarding step this failure affects, when there is one. */
  step?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Thrown inside main/core to carry a catalogued error up to the handler wrapper. */
export class AppFailure extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AppFailure';
  }
}
export const failure = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppFailure =>
  new AppFailure({ code, message, ...extra });
