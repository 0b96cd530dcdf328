import type { IncomingMessage } from 'node:http';

/**
 * Facts learned while handling a request (grant type, client, fault applied) that the access
 * log records when the response finishes. Kept in a WeakMap so nothing leaks onto `req`.
 */
export interface RequestAnnotations {
  grantType?: string | undefined;
  clientId?: string | undefined;
  fault?: string | undefined;
  /** OAuth error code of a failed token request. */
  error?: string | undefined;
}

const annotations = new WeakMap<IncomingMessage, RequestAnnotations>();

export function annotate(req: IncomingMessage, facts: RequestAnnotations): void {
  const current = annotations.get(req) ?? {};
  for (const [key, value] of Object.entries(facts)) {
    if (value !== undefined) (current as Record<string, unknown>)[key] = value;
  }
  annotations.set(req, current);
}

export function annotationsOf(req: IncomingMessage): RequestAnnotations {
  return annotations.get(req) ?? {};
}
