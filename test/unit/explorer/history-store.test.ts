import { describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../../src/core/explorer/history-store.js';
import { createRedactor } from '../../../src/core/logging/redact.js';
import type { HistoryEntry } from '../../../src/shared/contract/explorer-channels.js';
import { memoryBackend } from './fakes.js';

const entry = (i: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `h${i}`,
  at: i,
  environmentId: 'simulator',
  request: { method: 'GET', path: '/v2/employees', query: [['limit', String(i)]] },
  status: 200,
  ...over,
});

describe('request history', () => {
  it('keeps entries per environment, newest first, capped', () => {
    const store = createHistoryStore(memoryBackend(), { historyEntries: 3, historyBodyChars: 100 });
    for (let i = 1; i <= 5; i++) store.add(entry(i));
    store.add(entry(9, { environmentId: 'pleo-staging' }));
    expect(store.list('simulator').map((e) => e.id)).toEqual(['h5', 'h4', 'h3']);
    expect(store.list('pleo-staging').map((e) => e.id)).toEqual(['h9']);
    store.clear('simulator');
    expect(store.list('simulator')).toEqual([]);
    expect(store.list('pleo-staging')).toHaveLength(1);
  });

  it('never stores large response bodies, and redacts secrets the app knows about', () => {
    const settings = memoryBackend();
    const redactor = createRedactor();
    const store = createHistoryStore(settings, { historyEntries: 10, historyBodyChars: 100 }, (t) => redactor.text(t));
    const secret = 'canary-secret-history-1234567';
    redactor.remember(secret);
    store.add(entry(1, { responseBody: 'x'.repeat(101) }));
    store.add(
      entry(2, {
        responseBody: `{"leak":"${secret}"}`,
        request: { method: 'POST', path: '/v1/vendors:search', query: [['q', secret]], body: `{"a":"Bearer abc.def.ghi"}` },
      }),
    );
    const [second, first] = store.list('simulator');
    expect(first!.responseBody).toBeUndefined();
    expect(first!.responseBodyOmitted).toBe(true);
    const stored = JSON.stringify(settings.store);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('abc.def.ghi');
    expect(second!.request.query[0]![1]).toBe('[redacted]');
  });

  it('ignores a corrupted history in the settings file instead of crashing', () => {
    const settings = memoryBackend();
    settings.set('explorerHistory', { simulator: [{ nope: true }, entry(1)], other: 'garbage' });
    const store = createHistoryStore(settings, { historyEntries: 10, historyBodyChars: 100 });
    expect(store.list('simulator').map((e) => e.id)).toEqual(['h1']);
    expect(store.list('other')).toEqual([]);
  });
});

describe('stored history is checked with the contract schema when read', () => {
  it('skips entries an older or edited file holds in the wrong shape, keeps the good ones', () => {
    const settings = memoryBackend();
    const good = entry(1);
    settings.set('explorerHistory', {
      simulator: [
        good,
        { ...entry(2), request: { method: 'HACK', path: '/x', query: [] } },
        { ...entry(3), request: { method: 'GET', path: '/x', query: 'limit=1' } },
        { ...entry(4), at: 'yesterday' },
        { ...entry(5), request: { ...entry(5).request, extra: '<b>' } },
        null,
      ],
      other: 'not a list',
    });
    const store = createHistoryStore(settings, { historyEntries: 10, historyBodyChars: 100 });
    expect(store.list('simulator')).toEqual([good]);
    expect(store.list('other')).toEqual([]);
  });
});
