import type { z } from 'zod';

import { ApiError } from './respond.js';

/** Validates a parsed JSON body against a schema; failures are Pleo-style 400 VALIDATION_FAILED. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ApiError(400, 'VALIDATION_FAILED', `Validation failed for request body. ${where}${issue?.message ?? ''}`.trim());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A single optional uuid query parameter (400 PARAMETER_VALIDATION_FAILED if malformed). */
export function uuidParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (!isUuid(value)) throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', `${name} must be a UUID`);
  return value.toLowerCase();
}

/**
 * A uuid path parameter. Pleo declares these `format: uuid`, so a malformed one is a 400
 * PARAMETER_VALIDATION_FAILED (checked before the token's rights), not a 404.
 */
export function uuidPath(params: Record<string, string>, name: string): string {
  const value = params[name] ?? '';
  if (!isUuid(value)) throw new ApiError(400, 'PARAMETER_VALIDATION_FAILED', `${name} must be a UUID`);
  return value.toLowerCase();
}
