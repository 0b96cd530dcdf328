import { randomBytes } from 'node:crypto';

import { createApiRouter } from './api/router.js';
import { InstallationStore } from './api/installations.js';
import { SIMULATOR_CLIENTS } from './auth/clients.js';
import { handleInteraction } from './auth/interactions.js';
import { loadProvider } from './auth/load-provider.js';
import { createProvider, ROUTES, subjectOf } from './auth/provider.js';
import { TokenStore } from './auth/token-store.js';
import { handleControl } from './control/control-routes.js';
import { DEFAULT_ENTRIES, EntryUniverse } from './data/accounting-entries.js';
import { buildDataset, DEFAULT_SEED } from './data/seed.js';
import { createDispatcher } from './dispatch.js';
import { ExportRuleError, ExportStore } from './exports/export-store.js';
import { FaultRegistry } from './faults/fault-control.js';
import { listenOnLoopback } from './http/loopback-server.js';
import { CONTROL_SECRET_HEADER } from './http/request-guards.js';
import { AccessLog } from './log/access-log.js';
import type { Simulator, SimulatorInfo, SimulatorOptions, SimulatorStats } from './types.js';

export type * from './types.js';
export { DEFAULT_CLIENT, NARROW_CLIENT, RESERVED_CHARS_CLIENT } from './auth/clients.js';
export { ALL_SCOPES, SCOPE_DESCRIPTIONS } from './auth/scopes.js';
export { DEFAULT_ENTRIES, MAX_ENTRIES } from './data/accounting-entries.js';
export { DEFAULT_SEED } from './data/seed.js';
export { CONTROL_SECRET_HEADER } from './http/request-guards.js';
export { JOB_EXPIRY_MS, MAX_ITEM_UPDATES } from './exports/export-store.js';

/**
 * Starts the Pleo staging simulator: an oidc-provider authorization server configured the way
 * Pleo documents its own, the External API endpoints with seeded dummy data, and (in test or
 * demo mode) fault injection. Everything listens on one loopback origin; the API base is that
 * origin.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const mode = options.mode ?? 'normal';
  if (!['normal', 'demo', 'test'].includes(mode)) throw new Error(`unknown simulator mode ${String(mode)}`);
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) throw new RangeError('tokenTtlSeconds must be a positive integer');
  const controlEnabled = mode !== 'normal';
  // The HTTP face of the control interface: on by default in test and demo mode, behind a
  // per-run secret; the app turns it off and keeps only the in-process methods.
  const httpControl = controlEnabled && (options.httpControl ?? true);
  const controlSecret = httpControl ? randomBytes(32).toString('base64url') : undefined;

  const { Provider, errors } = await loadProvider(options.quiet ?? false);

  const baseClock = options.clock ?? Date.now;
  let clockOffset = 0;
  const now = (): number => baseClock() + clockOffset;

  const data = buildDataset(options.seed ?? DEFAULT_SEED);
  const universe = new EntryUniverse(data, options.entries ?? DEFAULT_ENTRIES);
  const exports = new ExportStore(data, universe, now);
  const installations = new InstallationStore(data.seed, now);
  const store = new TokenStore();
  const log = new AccessLog();
  const faults = new FaultRegistry(controlEnabled);
  let rotate = options.rotateRefreshTokens ?? true;
  let closing = false;
  const timers = new Set<NodeJS.Timeout>();

  const server = await listenOnLoopback(options.host ?? '127.0.0.1', options.port ?? 0);
  const { origin } = server;
  const issuer = options.issuer ?? origin;
  const apiBase = origin;

  let provider: ReturnType<typeof createProvider>;
  try {
    provider = createProvider({
      ProviderClass: Provider,
      errors,
      issuer,
      resource: apiBase,
      tokenTtlSeconds,
      clients: SIMULATOR_CLIENTS,
      users: data.users,
      store,
      rotateRefreshTokens: () => rotate,
      acceptClientSecretPost: options.acceptClientSecretPost === true,
      onRefreshTokenReuse: () => {
        log.stats.refreshTokenReuse += 1;
      },
      onServerError: (error) => {
        process.stderr.write(`pleo-simulator: authorization server error: ${String((error as Error)?.stack ?? error)}\n`);
      },
    });
  } catch (error) {
    // E.g. an issuer that is not a URL: do not leave the port bound.
    await server.close();
    throw error;
  }
  const providerCallback = provider.callback();

  const revokeAll = (clientId?: string): number => store.revokeClient(clientId);
  const requireControl = (what: string): void => {
    if (!controlEnabled) throw new Error(`${what} is available only when the simulator runs in test or demo mode`);
  };
  const advanceClock = (ms: number): void => {
    requireControl('advanceClock');
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceClock needs a non-negative number of ms');
    clockOffset += ms;
  };
  const setRefreshTokenRotation = (enabled: boolean): void => {
    requireControl('setRefreshTokenRotation');
    rotate = enabled;
  };
  const stats = (): SimulatorStats => ({
    ...structuredClone(log.stats),
    requests: log.total,
    faultsApplied: faults.applied,
    liveArtifacts: store.counts(),
  });

  // oidc-provider stamps tokens with wall-clock time; the API judges expiry on the simulator's
  // clock. Remembering when (on that clock) each access token was issued keeps tokens issued
  // after advanceClock() valid for their full lifetime.
  const issuedAt = new Map<string, number>();
  provider.on('access_token.saved', (...args: unknown[]) => {
    const token = args[0] as { jti: string };
    issuedAt.set(token.jti, now());
    if (issuedAt.size > 10_000) issuedAt.delete(issuedAt.keys().next().value as string);
  });

  const api = createApiRouter(
    { data, universe, exports, installations, revokeClientTokens: (clientId) => store.revokeClient(clientId), now },
    { provider, clients: SIMULATOR_CLIENTS, users: data.users, data, resource: apiBase, now, issuedAt: (jti) => issuedAt.get(jti) },
  );

  server.setHandler(
    createDispatcher({
      origin,
      now,
      log,
      faults,
      controlEnabled: httpControl,
      ...(controlSecret ? { controlSecret } : {}),
      timers,
      closing: () => closing,
      provider: providerCallback,
      interaction: (req, res, pathname) =>
        handleInteraction(req, res, pathname, {
          provider,
          clients: SIMULATOR_CLIENTS,
          users: data.users,
          onConsent: (clientId, user) => installations.authorize(clientId, subjectOf(user).urn),
        }),
      api,
      control: (req, res, pathname) =>
        handleControl(req, res, pathname, {
          faults,
          log,
          stats,
          revokeAll,
          now,
          offsetMs: () => clockOffset,
          advanceClock,
          setRefreshTokenRotation,
        }),
    }),
  );

  const info: SimulatorInfo = {
    issuer,
    authorizationEndpoint: `${origin}${ROUTES.authorization}`,
    tokenEndpoint: `${origin}${ROUTES.token}`,
    introspectionEndpoint: `${origin}${ROUTES.introspection}`,
    revocationEndpoint: `${origin}${ROUTES.revocation}`,
    apiBase,
    clients: SIMULATOR_CLIENTS.map((c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      redirectUris: [...c.redirectUris],
      scopes: [...c.scopes],
      name: c.name,
    })),
    users: data.users.map((u) => ({
      email: u.email,
      password: u.password,
      name: u.name,
      access: u.subjectLabel,
      subjectUrn: subjectOf(u).urn,
    })),
  };

  return {
    info,
    mode,
    ...(controlSecret ? { control: { url: `${origin}/__control`, header: CONTROL_SECRET_HEADER, secret: controlSecret } } : {}),
    data: {
      seed: data.seed,
      entries: universe.total,
      organization: { ...data.organization },
      companies: data.companies.map((c) => structuredClone(c.company)),
      entryId: (index) => universe.idOf(index),
      entryRanges: universe.ranges.map((r) => ({ ...r })),
    },
    faults,
    async close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
      store.clear();
    },
    revokeAll,
    now,
    advanceClock,
    setRefreshTokenRotation,
    queueExport(input) {
      try {
        const { job, cancelledJobIds } = exports.queueAsCustomer({ ...input, employeeId: data.users[0]?.employeeId ?? null });
        return { jobId: job.id, items: job.numberOfItems, cancelledJobIds };
      } catch (error) {
        // Carry Pleo's error type, so the app explains it like an API answer.
        if (error instanceof ExportRuleError) throw Object.assign(new Error(error.message), { type: error.type, status: error.status });
        throw error;
      }
    },
    accessLog: () => log.list(),
    clearAccessLog: () => log.clear(),
    stats,
  };
}
