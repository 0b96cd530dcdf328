/**
 * How the renderer names an environment in a request, shared by the channel files so that every
 * channel accepts the same ids (the registry's ids: letters, digits and . _ : -).
 */
import { z } from 'zod';
import { request } from './define.js';

export const environmentId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/);

/** A request channel that takes nothing but an environment (default: the active one). */
export function environmentRequest<Res>(description: string) {
  return request<Res>()(z.strictObject({ environmentId: environmentId.optional() }), description);
}

/** The request of channels that take an environment (optional, as above) and more fields. */
export function withEnvironment<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject({ environmentId: environmentId.optional(), ...shape });
}
