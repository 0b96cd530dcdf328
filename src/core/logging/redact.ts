/**
 * Central redaction (security-test-plan L-1): every log line passes through here. Values of
 * secret-looking keys are masked, and query strings with OAuth parameters are stripped.
 */
const SECRET_KEYS = /^(authorization|client_?secret|secret|password|access_?token|refresh_?token|id_?token|code|code_?verifier|verifier|state|token|cookie|set-cookie)$/i;
const SECRET_PARAMS = /([?&#](?:code|state|access_token|refresh_token|id_token|client_secret|code_verifier|token)=)[^&#\s"']*/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Extra literal values to mask wherever they appear (e.g. the secrets currently in memory). */
const knownSecrets = new Set<string>();

export function registerSecretForRedaction(value: string | undefined | null): void {
  if (value && value.length >= 6) knownSecrets.add(value);
}
export function forgetSecretForRedaction(value: string | undefined | null): void {
  if (value) knownSecrets.delete(value);
}

export function redactText(text: string): string {
  let out = text.replace(SECRET_PARAMS, '$1[redacted]').replace(BEARER, '$1 [redacted]');
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
