/**
 * The renderer's data layer (src/renderer/data/live-store.ts): subscribe before load, a late
 * answer never overwrites a newer event, only the newest load counts, errors are kept. Order
 * is set with explicit gates (deferred promises), never with timers.
 */
import { describe, expect, it } from 'vitest';
import { createLiveStore, type Update } from '../../../src/renderer/data/live-store.js';
import type { Result } from '../../../src/shared/result.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function harness() {
  const loads: Array<ReturnType<typeof deferred<Result<string>>>> = [];
  const order: string[] = [];
  let push!: (u: Update<string>) => void;
  let reload!: () => void;
  const store = createLiveStore<string>({
    load: () => {
      order.push('load');
      const d = deferred<Result<string>>();
      loads.push(d);
      return d.promise;
    },
    listen: (p, r) => {
      order.push('listen');
      push = p;
      reload = r;
      return () => order.push('unlisten');
    },
  });
  return { store, loads, order, event: (v: string) => push(() => v), reload: () => reload() };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('live store', () => {
  it('subscribes to events before it loads', () => {
    const h = harness();
    h.store.subscribe(() => undefined);
    expect(h.order).toEqual(['listen', 'load']);
  });

  it('a late first answer never overwrites an event that arrived while it was in flight', async () => {
    const h = harness();
    h.store.subscribe(() => undefined);
    h.event('from-event');
    h.loads[0]!.resolve({ ok: true, value: 'stale-answer' });
    await flush();
    expect(h.store.get().data).toBe('from-event');
  });

  it('only the newest load applies (an environment switch reloads; the old answer is dropped)', async () => {
    const h = harness();
    h.store.subscribe(() => undefined);
    h.reload();
    h.loads[1]!.resolve({ ok: true, value: 'new' });
    await flush();
    h.loads[0]!.resolve({ ok: true, value: 'old' });
    await flush();
    expect(h.store.get().data).toBe('new');
  });

  it('keeps a failed load as an error for the screen, and the data it had', async () => {
    const h = harness();
    h.store.subscribe(() => undefined);
    h.loads[0]!.resolve({ ok: true, value: 'first' });
    await flush();
    h.reload();
    h.loads[1]!.resolve({ ok: false, error: { code: 'INTERNAL', message: 'broken' } });
    await flush();
    expect(h.store.get()).toEqual({ data: 'first', error: { code: 'INTERNAL', message: 'broken' } });
  });

  it('stops listening with its last subscriber and starts fresh with the next', async () => {
    const h = harness();
    const off = h.store.subscribe(() => undefined);
    h.loads[0]!.resolve({ ok: true, value: 'v1' });
    await flush();
    off();
    expect(h.order).toEqual(['listen', 'load', 'unlisten']);
    expect(h.store.get().data).toBeUndefined();
    h.store.subscribe(() => undefined);
    expect(h.order.slice(-2)).toEqual(['listen', 'load']);
  });
});
