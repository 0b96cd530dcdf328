/**
 * Token buckets in front of every IPC request (security-test-plan IPC-09; security issue 11
 * point 6), so a compromised or runaway renderer cannot flood main or, through main, a server:
 * - one bucket per channel: a screen loading fires a few hundred calls at most;
 * - one global bucket over all channels: flooding many channels at once is cut too;
 * - one shared, much smaller bucket for the channels that make main talk to a server (sign-in,
 *   token refresh, credential check, API calls, checklist checks), so the app cannot be turned
 *   into a request cannon against Pleo or any other origin.
 * A request must find a token in every bucket that applies; none is taken unless all have one.
 */
import { isChannelName, type ChannelName } from '../../shared/contract/index.js';

export interface Budget {
  /** Requests allowed at once. */
  burst: number;
  /** Requests per second added back. */
  perSecond: number;
}

export interface RateLimiterOptions extends Budget {
  /** All channels together (default: 4x the per-channel budget). */
  global?: Budget;
  /** The network-triggering channels together (default NETWORK_BUDGET). */
  network?: Budget;
  now?: () => number;
}

/** Channels whose handler sends at least one request to a server. */
export const NETWORK_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'credentials.check',
  'auth.signIn',
  'auth.refresh',
  'auth.signOut',
  'explorer.send',
  'explorer.fetchAll',
  'onboarding.runCheck',
  'diagnostics.run',
  'export.queueOnSimulator',
  'export.findJob',
  'export.start',
  'export.resume',
  'export.abandon',
]);

/** A person clicks a few times a second at most; a checklist run sends a handful of calls. */
export const NETWORK_BUDGET: Budget = { burst: 30, perSecond: 5 };

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter({ burst, perSecond, global, network, now = () => Date.now() }: RateLimiterOptions) {
  const perChannel = new Map<string, Bucket>();
  const globalBudget = global ?? { burst: burst * 4, perSecond: perSecond * 4 };
  const networkBudget = network ?? NETWORK_BUDGET;
  const globalBucket: Bucket = { tokens: globalBudget.burst, at: now() };
  const networkBucket: Bucket = { tokens: networkBudget.burst, at: now() };

  const refill = (bucket: Bucket, budget: Budget, t: number) => {
    bucket.tokens = Math.min(budget.burst, bucket.tokens + ((t - bucket.at) / 1000) * budget.perSecond);
    bucket.at = t;
  };

  return {
    /** True if a request on this channel may run now (and takes one token of each bucket). */
    allow(channel: unknown): boolean {
      // Unknown channels share one bucket, so junk names cannot grow the map.
      const key = isChannelName(channel) ? channel : '<unknown>';
      const t = now();
      const own = perChannel.get(key) ?? { tokens: burst, at: t };
      perChannel.set(key, own);
      const buckets: Array<[Bucket, Budget]> = [
        [own, { burst, perSecond }],
        [globalBucket, globalBudget],
      ];
      if (NETWORK_CHANNELS.has(key as ChannelName)) buckets.push([networkBucket, networkBudget]);
      for (const [bucket, budget] of buckets) refill(bucket, budget, t);
      if (buckets.some(([bucket]) => bucket.tokens < 1)) return false;
      for (const [bucket] of buckets) bucket.tokens -= 1;
      return true;
    },
  };
}
