/**
 * A token bucket per channel (security-test-plan IPC-09): a compromised or runaway renderer
 * cannot flood main with requests. The UI's real rate is a few calls a second; bursts of a
 * couple of hundred (e.g. a screen loading) pass untouched.
 */
import { isChannelName } from '../../shared/contract/index.js';

export interface RateLimiterOptions {
  /** Requests allowed at once per channel. */
  burst: number;
  /** Requests per second added back per channel. */
  perSecond: number;
  now?: () => number;
}

export function createRateLimiter({ burst, perSecond, now = () => Date.now() }: RateLimiterOptions) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** True if a request on this channel may run now (and takes one token). */
    allow(channel: unknown): boolean {
      // Unknown channels share one bucket, so junk names cannot grow the map.
      const key = isChannelName(channel) ? channel : '<unknown>';
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
