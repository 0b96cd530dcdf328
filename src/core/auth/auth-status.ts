/**
 * The renderer-safe status of a session (AuthStatus): signed in or not, expiry, scopes asked
 * for and granted, fingerprints (never the tokens), the timeline; and its broadcast.
 */
import type { AuthStatus } from '../../shared/environments.js';
import { environmentNotFound } from '../environments/environment-registry.js';
import type { EventBus } from '../events/event-bus.js';
import type { TokenManager } from '../oauth/token-manager.js';
import type { Clock } from '../ports.js';
import { fingerprint } from '../secrets/secret-accounts.js';
import type { EnvironmentService } from './environment-service.js';
import type { SessionRecords } from './session-records.js';

export interface StatusReader {
  status(environmentId?: string): Promise<AuthStatus>;
  /** Emits auth.statusChanged; an environment removed meanwhile is skipped. */
  emitStatus(environmentId: string): Promise<void>;
}

export function createStatusReader(deps: {
  environments: EnvironmentService;
  tokens: TokenManager;
  records: SessionRecords;
  clock: Clock;
  events: EventBus;
  sessionOnly: () => boolean;
}): StatusReader {
  const { environments, tokens, records, clock } = deps;
  const status = async (environmentId?: string): Promise<AuthStatus> => {
    const id = environmentId ?? environments.registry.activeId();
    if (!environments.registry.get(id)) throw environmentNotFound();
    const env = await environments.resolveOrCurrent(id);
    const ref = { environmentId: id, clientId: env.clientId };
    const view = await tokens.view(ref);
    const t = view.tokens;
    const now = clock.now();
    const subject = records.subject(ref);
    return {
      environmentId: id,
      signedIn: t !== undefined && (t.refreshToken !== undefined || t.expiresAt === undefined || t.expiresAt > now),
      ...(t?.expiresAt !== undefined ? { accessTokenExpiresAt: t.expiresAt } : {}),
      hasRefreshToken: t?.refreshToken !== undefined,
      requestedScopes: [...env.scopes],
      // Never the environment's current list: it may have changed since the grant (issue 9, defect 2).
      grantedScopes: t?.scope !== undefined ? t.scope.split(' ').filter(Boolean) : [],
      ...(subject && t ? { subject } : {}),
      ...(records.companyName(ref) && t ? { companyName: records.companyName(ref)! } : {}),
      ...(t ? { accessTokenFingerprint: fingerprint(t.accessToken) } : {}),
      ...(t?.refreshToken ? { refreshTokenFingerprint: fingerprint(t.refreshToken) } : {}),
      timeline: records.timelineOf(ref),
      sessionOnly: deps.sessionOnly(),
    };
  };
  return {
    status,
    async emitStatus(environmentId) {
      try {
        deps.events.emit('auth.statusChanged', await status(environmentId));
      } catch {
        // the environment may have been removed meanwhile
      }
    },
  };
}
