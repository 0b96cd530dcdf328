/**
 * Keychain account names and fingerprints. Secrets are kept per environment + client (a
 * different Client ID never sees another client's tokens), and the renderer only ever sees a
 * fingerprint: the last four hex digits of the SHA-256, enough to tell "is it the one I
 * entered?" and useless for anything else.
 */
import { createHash } from 'node:crypto';

export type SecretKind = 'client-secret' | 'tokens';

export function secretAccount(environmentId: string, clientId: string, kind: SecretKind): string {
  return `${environmentId}/${encodeURIComponent(clientId)}/${kind}`;
}

export function fingerprint(value: string): string {
  return `…${createHash('sha256').update(value, 'utf8').digest('hex').slice(-4)}`;
}
