import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/core/ipc/rate-limiter.js';

describe('IPC rate limiter', () => {
  it('IPC-09: a flood is cut to the burst, then refills over time, per channel', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 300, perSecond: 150, now: () => t });
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) if (limiter.allow('app.info')) allowed++;
    expect(allowed).toBe(300);
    // Another channel has its own bucket.
    expect(limiter.allow('app.getPreferences')).toBe(true);
    t += 1000;
    allowed = 0;
    for (let i = 0; i < 10_000; i++) if (limiter.allow('app.info')) allowed++;
    expect(allowed).toBe(150);
  });

  it('unknown channel names share one bucket', () => {
    const limiter = createRateLimiter({ burst: 2, perSecond: 0, now: () => 0 });
    expect(limiter.allow('x1')).toBe(true);
    expect(limiter.allow('x2')).toBe(true);
    expect(limiter.allow('x3')).toBe(false);
  });
});
