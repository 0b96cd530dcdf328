/**
 * Check: this computer's clock against the server's `Date` header. Sign-in codes and tokens
 * carry times; a clock far off makes servers reject them. The round trip is taken into
 * account (the server's time lies between send and receive) and `Date` has one-second
 * resolution, so small differences are never reported.
 */
import type { CheckResult, DoctorRun } from './doctor-context.js';
import { hostsOf } from './doctor-context.js';

export const CLOCK_WARN_MS = 60_000;
export const CLOCK_FAIL_MS = 5 * 60_000;

function minutes(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 1) return `${Math.round(Math.abs(ms) / 1000)} seconds`;
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export async function checkClock(run: DoctorRun): Promise<CheckResult> {
  const id = 'clock';
  const title = "This computer's clock";
  for (const host of hostsOf(run.ctx.env)) {
    const probe = await run.probe(host.url.href);
    if (!probe.ok || probe.serverDate === undefined) continue;
    // Distance from the interval [sentAt - 1 s, receivedAt]: zero when the clocks agree.
    const low = probe.sentAt - 1000;
    const high = probe.receivedAt;
    const skew = probe.serverDate < low ? probe.serverDate - low : probe.serverDate > high ? probe.serverDate - high : 0;
    const facts = [
      { label: 'Server time', value: new Date(probe.serverDate).toISOString() },
      { label: 'This computer', value: new Date(probe.receivedAt).toISOString() },
      { label: 'Compared with', value: host.url.host },
    ];
    const direction = skew > 0 ? 'behind' : 'ahead of';
    if (Math.abs(skew) >= CLOCK_FAIL_MS) {
      return {
        id,
        title,
        status: 'fail',
        summary: `This computer's clock is about ${minutes(skew)} ${direction} the server's. Sign-in can fail with a clock that far off.`,
        action: "Turn on automatic date and time (network time) in your system settings, or ask your IT team to fix the computer's clock.",
        facts,
      };
    }
    if (Math.abs(skew) >= CLOCK_WARN_MS) {
      return {
        id,
        title,
        status: 'warn',
        summary: `This computer's clock is about ${minutes(skew)} ${direction} the server's.`,
        action: 'Turn on automatic date and time in your system settings.',
        facts,
      };
    }
    return { id, title, status: 'pass', summary: "This computer's clock agrees with the server's.", facts };
  }
  return {
    id,
    title,
    status: 'skip',
    summary: 'Not checked: no server answered with its time.',
    action: 'Fix the connection checks first.',
  };
}
