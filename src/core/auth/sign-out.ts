/**
 * Sign-out: local first (whatever the server says later, this computer holds no tokens any
 * more), then RFC 7009 revocation where the environment has it, and Pleo's installation
 * disconnect when the user asked for it. Problems become one notice; nothing is retried.
 */
import type { AuthStatus } from '../../shared/environments.js';
import { environmentNotFound } from '../environments/environment-registry.js';
import { oauthContext } from '../oauth/oauth-context.js';
import { disconnectInstallation, revokeToken } from '../oauth/revocation.js';
import type { TokenManager } from '../oauth/token-manager.js';
import type { EvidenceHub } from './auth-evidence.js';
import type { StatusReader } from './auth-status.js';
import type { EnvironmentService } from './environment-service.js';
import type { Notice } from './keychain-notices.js';
import type { SessionRecords } from './session-records.js';

export interface SignOutDeps {
  environments: EnvironmentService;
  tokens: TokenManager;
  records: SessionRecords;
  evidence: EvidenceHub;
  statuses: StatusReader;
  notify: (notice: Notice) => void;
  cancelFlowFor: (environmentId: string) => void;
  limits: { timeoutMs: number; maxBodyBytes: number };
  signOutTimeoutMs: number;
}

export function createSignOut(deps: SignOutDeps) {
  const { environments, tokens, records, limits, signOutTimeoutMs } = deps;
  const registry = environments.registry;
  return async (request: { environmentId?: string; disconnectInstallation?: boolean } = {}): Promise<AuthStatus> => {
    if (!registry.get(request.environmentId ?? registry.activeId())) throw environmentNotFound();
    const env = await environments.resolveOrCurrent(request.environmentId);
    const ref = { environmentId: env.id, clientId: env.clientId };
    deps.cancelFlowFor(env.id);
    const problems: string[] = [];
    if (request.disconnectInstallation) {
      if (!env.disconnectInstallation) problems.push('this environment has no installation to disconnect');
      else {
        try {
          const accessToken = await tokens.getAccessToken(ref);
          const result = await disconnectInstallation(env.apiBase, accessToken, {
            timeoutMs: signOutTimeoutMs,
            allowInsecure: env.allowLoopbackHttp,
          });
          if (result.ok) records.timeline(ref, 'revoked', 'The installation was disconnected; every token of the client was revoked.');
          else problems.push(`the installation could not be disconnected (${result.detail})`);
        } catch {
          problems.push('the installation could not be disconnected (not signed in)');
        }
      }
    }
    // Local first: whatever the server says later, this computer holds no tokens any more.
    const held = await tokens.clear(ref);
    records.forgetSubject(ref);
    records.promptLogin.add(env.id);
    if (held && env.revocationEndpoint) {
      const secret = await environments.clientSecret(env);
      const ctx = oauthContext(env, { ...limits, timeoutMs: signOutTimeoutMs });
      if (secret) {
        const results = await Promise.all([
          held.refreshToken ? revokeToken(ctx, secret, held.refreshToken, 'refresh_token') : Promise.resolve({ ok: true as const }),
          revokeToken(ctx, secret, held.accessToken, 'access_token'),
        ]);
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) problems.push(`the server could not revoke the tokens (${failed.detail})`);
        else records.timeline(ref, 'revoked', 'The tokens were revoked on the server.');
      }
    }
    records.timeline(ref, 'signed-out', 'Signed out; the tokens were removed from this computer.');
    if (problems.length) {
      deps.notify({
        level: 'warning',
        code: 'REVOCATION_FAILED',
        message: `You are signed out on this computer, but ${problems.join('; ')}.`,
        hint: 'The tokens stop working when they expire.',
      });
    }
    deps.evidence.emit({
      kind: 'signed-out',
      environmentId: ref.environmentId,
      clientId: ref.clientId,
      summary: 'Signed out.',
      details: problems.length ? { errorCode: 'REVOCATION_FAILED' } : {},
    });
    await deps.statuses.emitStatus(env.id);
    return deps.statuses.status(env.id);
  };
}
