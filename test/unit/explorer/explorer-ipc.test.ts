/**
 * IPC-04 for the explorer's channels: invalid payloads are refused by the contract schemas in
 * dispatch, with a typed error, before any handler runs; nothing throws or pollutes prototypes.
 */
import { describe, expect, it } from 'vitest';
import { createExplorerFeature } from '../../../src/core/explorer/explorer-feature.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import { explorerChannels } from '../../../src/shared/contract/explorer-channels.js';
import { fakeAuth, fakeServices, testEnv } from './fakes.js';

function setup() {
  const fx = fakeServices();
  const auth = fakeAuth(testEnv('http://127.0.0.1:9'));
  const calls: string[] = [];
  const feature = createExplorerFeature(fx.services, {
    auth: auth.api,
    fetchImpl: (async () => {
      calls.push('fetch');
      throw new Error('no network in this test');
    }) as typeof fetch,
  });
  const table = new Proxy(feature.handlers as HandlerTable, {
    get(target, key: string) {
      const h = (target as Record<string, unknown>)[key];
      return typeof h === 'function' ? (...args: unknown[]) => (calls.push(key), (h as (...a: unknown[]) => unknown)(...args)) : h;
    },
  });
  return { fx, calls, call: (channel: string, payload: unknown) => dispatch(table, channel, payload) };
}

const deep = () => {
  let v: Record<string, unknown> = {};
  const root = v;
  for (let i = 0; i < 10_000; i++) v = (v.a = {}) as Record<string, unknown>;
  return root;
};

const BAD: unknown[] = [
  null,
  [],
  'GET /v2/employees',
  42,
  { method: 'TRACE', path: '/v2/employees', query: [] },
  { method: 'GET', path: 42, query: [] },
  { method: 'GET', path: '', query: [] },
  { method: 'GET', path: 'x'.repeat(3000), query: [] },
  { method: 'GET', path: '/v2/employees', query: [['a']] },
  { method: 'GET', path: '/v2/employees', query: 'limit=1' },
  { method: 'GET', path: '/v2/employees', query: [], extra: true },
  { method: 'GET', path: '/v2/employees', query: [], body: 'x'.repeat(10 * 1024 * 1024) },
  JSON.parse('{"method":"GET","path":"/v2/employees","query":[],"__proto__":{"polluted":true}}'),
  { method: 'GET', path: '/v2/employees', query: [], constructor: { prototype: { polluted: true } } },
  deep(),
  { method: 'GET', path: '/v2/employees', query: [], requestId: NaN },
  { method: 'GET', path: '/v2/employees', query: [], requestId: '12345678901234567890n' + '/../' },
  { method: 'GET', path: '/v2/employees', query: [], environmentId: 'sim ulator' },
];

describe('explorer channels refuse invalid payloads (IPC-04)', () => {
  it('every explorer channel has a schema and a handler', () => {
    const { call } = setup();
    expect(Object.keys(explorerChannels).sort()).toEqual(
      [
        'explorer.cancel',
        'explorer.catalog',
        'explorer.clearHistory',
        'explorer.copyAccessToken',
        'explorer.copyCurl',
        'explorer.copyResponse',
        'explorer.fetchAll',
        'explorer.history',
        'explorer.importOpenApi',
        'explorer.removeImport',
        'explorer.saveResponse',
        'explorer.send',
      ].sort(),
    );
    void call;
  });

  for (const channel of ['explorer.send', 'explorer.fetchAll', 'explorer.copyCurl']) {
    it(`IPC-04 ${channel} refuses wrong types, huge strings, prototype keys and deep nesting before any handler runs`, async () => {
      const { call, calls } = setup();
      for (const [i, payload] of BAD.entries()) {
        const r = await call(channel, payload);
        expect(r.ok, `case ${i}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('INVALID_PAYLOAD');
      }
      expect(calls).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('IPC-04 the other explorer channels refuse malformed payloads too', async () => {
    const { call, calls } = setup();
    const cases: Array<[string, unknown]> = [
      ['explorer.catalog', { extra: 1 }],
      ['explorer.cancel', { requestId: '' }],
      ['explorer.cancel', { requestId: '../../etc' }],
      ['explorer.copyAccessToken', { confirm: 'true' }],
      ['explorer.copyAccessToken', { environmentId: 'simulator', extra: true }],
      ['explorer.copyResponse', { responseId: 'a b' }],
      ['explorer.copyResponse', { responseId: 'abc', part: 'cookies' }],
      ['explorer.saveResponse', { responseId: null }],
      ['explorer.history', { environmentId: ['x'] }],
      ['explorer.clearHistory', { environmentId: 'a/b' }],
      ['explorer.importOpenApi', { fileName: 'x.json' }],
      ['explorer.importOpenApi', { fileName: 'x.json', content: 'x'.repeat(1_600_000) }],
      ['explorer.importOpenApi', { fileName: '', content: '{}' }],
      ['explorer.removeImport', { sourceId: '__proto__/x' }],
      ['explorer.fetchAll', { method: 'DELETE', path: '/v2/employees', query: [] }],
      ['explorer.fetchAll', { method: 'GET', path: '/v2/employees', query: [], maxPages: 1e9 }],
    ];
    for (const [channel, payload] of cases) {
      const r = await call(channel, payload);
      expect(r.ok, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_PAYLOAD');
    }
    expect(calls).toEqual([]);
  });

  it('a refused request never reaches the network, and a network failure is a typed error', async () => {
    const { call, calls } = setup();
    const r = await call('explorer.send', { method: 'GET', path: '//evil.example/x', query: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ORIGIN_REFUSED');
    expect(calls).toEqual(['explorer.send']);
    const n = await call('explorer.send', { method: 'GET', path: '/v2/employees', query: [] });
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.error.code).toBe('NETWORK_ERROR');
  });
});
