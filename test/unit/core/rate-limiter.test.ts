import { describe, expect, it } from 'vitest';
import { createRateLimiter, NETWORK_BUDGET, NETWORK_CHANNELS } from '../../../src/core/ipc/rate-limiter.js';
import { channelNames } from '../../../src/shared/contract/index.js';

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

describe('IPC rate limiter budgets (issue 11 point 6)', () => {
  it('RATE-GLOBAL: flooding many channels at once is cut by one budget over all channels', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 300, perSecond: 150, global: { burst: 500, perSecond: 100 }, now: () => t });
    const channels = ['app.info', 'app.getPreferences', 'app.notices', 'explorer.catalog', 'explorer.history', 'environments.list'];
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) if (limiter.allow(channels[i % channels.length])) allowed++;
    // Six channels of 300 each would have let 1800 through.
    expect(allowed).toBe(500);
    t += 1000;
    allowed = 0;
    for (let i = 0; i < 10_000; i++) if (limiter.allow(channels[i % channels.length])) allowed++;
    expect(allowed).toBe(100);
  });

  it('RATE-NETWORK: channels that make main call a server share a much smaller budget than the normal one', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 300, perSecond: 150, now: () => t });
    let allowed = 0;
    for (let i = 0; i < 1000; i++) if (limiter.allow(i % 2 ? 'explorer.send' : 'credentials.check')) allowed++;
    expect(allowed).toBe(NETWORK_BUDGET.burst);
    // A refused network request takes no token elsewhere: local channels still answer.
    expect(limiter.allow('app.info')).toBe(true);
    t += 1000;
    allowed = 0;
    for (let i = 0; i < 1000; i++) if (limiter.allow('auth.signIn')) allowed++;
    expect(allowed).toBe(NETWORK_BUDGET.perSecond);
  });

  it('every network channel named is a real contract channel', () => {
    for (const channel of NETWORK_CHANNELS) expect(channelNames).toContain(channel);
  });
});
