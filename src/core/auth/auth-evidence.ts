/**
 * Evidence the sign-in engine hands to onboarding (signed in, refreshed, ...), stamped with
 * the time. One broken listener never hides evidence from the others.
 */
import type { Redactor } from '../logging/redact.js';
import type { Clock } from '../ports.js';
import type { AuthEvidence } from './auth-api.js';

export interface EvidenceHub {
  emit(e: Omit<AuthEvidence, 'at'>): void;
  listen(listener: (e: AuthEvidence) => void): () => void;
}

export function createEvidenceHub(clock: Clock, redactor: Pick<Redactor, 'scrub'>): EvidenceHub {
  const listeners = new Set<(e: AuthEvidence) => void>();
  return {
    emit(e) {
      // Evidence is stored and shown: no secret this core holds may ride along in server text.
      const full: AuthEvidence = redactor.scrub({ ...e, at: clock.now() });
      for (const listener of [...listeners]) {
        try {
          listener(full);
        } catch {
          // one broken listener must not hide evidence from the others
        }
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
