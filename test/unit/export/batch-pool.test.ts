/**
 * The pool that sends a page's status reports a few at a time: never more than the limit at
 * once, started in index order, and after a failure no new work starts while work already
 * started settles (an acknowledged report must still be journalled) before the error surfaces.
 * Ordered with gates, no timers.
 */
import { describe, expect, it } from 'vitest';
import { inPool } from '../../../src/core/export/batch-pool.js';
import { gate } from '../../integration/export/export-harness.js';

describe('inPool', () => {
  it('runs at most `limit` at once, starting in index order', async () => {
    const gates = new Map<number, ReturnType<typeof gate<void>>>();
    const started: number[] = [];
    let running = 0;
    let most = 0;
    let releaseAll = false;
    const done = inPool([0, 1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      if (!releaseAll) {
        const g = gate<void>();
        gates.set(i, g);
        await g.promise;
      }
      running--;
    });
    const tick = () => new Promise((r) => setImmediate(r));
    await tick();
    expect(started).toEqual([0, 1]);
    // The second finishes first: the third starts in its place.
    gates.get(1)!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releaseAll = true;
    gates.get(0)!.open();
    gates.get(2)!.open();
    await done;
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('after a failure starts nothing new, lets started work settle, then throws the first error', async () => {
    const slow = gate<void>();
    const settled: number[] = [];
    const started: number[] = [];
    const run = inPool([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await slow.promise;
        settled.push(0);
        return;
      }
      throw new Error(`batch ${i} refused`);
    });
    let outcome: unknown = 'pending';
    run.then(
      () => (outcome = 'resolved'),
      (e: Error) => (outcome = e.message),
    );
    await new Promise((r) => setImmediate(r));
    // Batch 1 failed: batch 2 and 3 never start, and the pool waits for batch 0.
    expect(started).toEqual([0, 1]);
    expect(outcome).toBe('pending');
    slow.open();
    await run.catch(() => undefined);
    expect(settled).toEqual([0]);
    expect(outcome).toBe('batch 1 refused');
    expect(started).toEqual([0, 1]);
  });

  it('with nothing to do resolves at once', async () => {
    let calls = 0;
    await inPool([], 4, async () => void calls++);
    expect(calls).toBe(0);
  });
});
