/**
 * Central redaction (security-test-plan L-1). Two layers:
 *
 * - patterns, the same for everyone: values of secret-looking keys are masked, query strings
 *   with OAuth parameters are stripped, `Bearer` / `Basic` credentials are cut
 *   (`redactText`, `redact`);
 * - the literal secrets one core knows right now (`createRedactor`): the Client Secret once
 *   read or entered, the state, verifier and code of the pending sign-in, and every token the
 *   token manager holds, however it got there (a sign-in, a refresh, or read back from the
 *   keychain after a restart). Each core has its own redactor, injected into its logger, so two
 *   cores in one process never share secrets, and tokens are forgotten when they are rotated
 *   away or the user signs out (issues 11 and 12).
 */
const SECRET_KEYS =
  /^(authorization|client_?secret|secret|password|access_?token|refresh_?token|id_?token|code|code_?verifier|verifier|state|token|cookie|set-cookie)$/i;
const SECRET_PARAMS = /([?&#](?:code|state|access_token|refresh_token|id_token|client_secret|code_verifier|token)=)[^&#\s"']*/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export const REDACTED = '[redacted]';
/** Shorter values are too likely to be ordinary words or numbers to mask everywhere. */
const MIN_SECRET_LENGTH = 6;

/** Pattern-only redaction of a text (no knowledge of live secrets). */
export function redactText(text: string): string {
  return text.replace(SECRET_PARAMS, `$1${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`);
}

/** Pattern-only redaction of a value: secret-looking keys are masked, strings as redactText. */
export function redact(value: unknown, depth = 0): unknown {
  return redactWith(value, redactText, depth);
}

function redactWith(value: unknown, text: (s: string) => string, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactWith(v, text, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) ? REDACTED : redactWith(v, text, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Redactor {
  /** Masks this literal value from now on (until forgotten). */
  remember(value: string | undefined | null): void;
  forget(value: string | undefined | null): void;
  /** Adds a live source of secrets (e.g. the tokens the token manager holds); returns a remover. */
  addSource(source: () => Iterable<string | undefined>): () => void;
  /** Patterns, then every live secret. For log lines and stored text. */
  text(text: string): string;
  /** `redact` plus every live secret. For log fields. */
  value(value: unknown): unknown;
  /**
   * Every live secret replaced, deeply, and nothing else changed (no key masking, no depth
   * limit on shape): for whatever crosses to the renderer, where an error's `code` field or a
   * response body must keep its shape.
   */
  scrub<T>(value: T): T;
  /** Whether the text contains a live secret. */
  contains(text: string): boolean;
}

export function createRedactor(): Redactor {
  const remembered = new Set<string>();
  const sources = new Set<() => Iterable<string | undefined>>();

  const live = (): string[] => {
    const all = new Set(remembered);
    for (const source of sources) {
      try {
        for (const value of source()) if (value && value.length >= MIN_SECRET_LENGTH) all.add(value);
      } catch {
        // a broken source must not break logging
      }
    }
    // Longest first, so a secret that contains another is masked whole.
    return [...all].sort((a, b) => b.length - a.length);
  };

  const replaceLive = (text: string, secrets: readonly string[]): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };

  const scrubWith = (value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return replaceLive(value, secrets);
    if (!value || typeof value !== 'object' || seen.has(value)) return value;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => scrubWith(v, secrets, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubWith(v, secrets, seen);
    return out;
  };

  return {
    remember(value) {
      if (value && value.length >= MIN_SECRET_LENGTH) remembered.add(value);
    },
    forget(value) {
      if (value) remembered.delete(value);
    },
    addSource(source) {
      sources.add(source);
      return () => sources.delete(source);
    },
    text(text) {
      return replaceLive(redactText(text), live());
    },
    value(value) {
      const secrets = live();
      return redactWith(value, (s) => replaceLive(redactText(s), secrets));
    },
    scrub(value) {
      const secrets = live();
      return (secrets.length === 0 ? value : scrubWith(value, secrets, new WeakSet())) as never;
    },
    contains(text) {
      return live().some((secret) => text.includes(secret));
    },
  };
}
