import { describe, expect, it } from 'vitest';
import { dispatch, MAX_PAYLOAD_CHARS } from '../../../src/core/ipc/dispatch.js';
import { createLogger, memorySink } from '../../../src/core/logging/logger.js';
import { failure } from '../../../src/shared/result.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';

const table = {
  'app.info': async () => ({ name: 'x' }),
  'app.getPreferences': async () => {
    throw new Error('boom with secret CANARY-SECRET-1');
  },
  'app.setPreferences': async () => {
    throw failure('SETTINGS_RESET', 'Settings were reset.');
  },
  'app.openExternal': async () => ({ ok: false, error: { code: 'EXTERNAL_URL_REFUSED', message: 'no' } }),
} as unknown as HandlerTable;

describe('dispatch: the one entry point for renderer requests', () => {
  it('IPC-05: refuses an unknown channel', async () => {
    const log = memorySink();
    const r = await dispatch(table, 'app.getSecret', {}, createLogger([log.sink]));
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(log.records[0]?.message).toContain('unknown channel');
    expect(await dispatch(table, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(table, 'toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('IPC-04: wrong types, null, arrays, prototype keys and huge or deep payloads are refused', async () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) cursor = (cursor.a = {}) as Record<string, unknown>;
    const cases: unknown[] = [
      { url: null },
      [1, 2],
      'x',
      { url: 'https://developers.pleo.io', __proto__: { polluted: true } },
      JSON.parse('{"url":"https://developers.pleo.io","__proto__":{"polluted":true}}'),
      { url: 'x'.repeat(MAX_PAYLOAD_CHARS + 1) },
      deep,
      { url: Number.NaN },
    ];
    for (const [index, payload] of cases.entries()) {
      const r = await dispatch(table, 'app.openExternal', payload);
      expect(r.ok, `case ${index}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_PAYLOAD');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('wraps values in ok results and passes catalogued failures through', async () => {
    expect(await dispatch(table, 'app.info', {})).toEqual({ ok: true, value: { name: 'x' } });
    expect(await dispatch(table, 'app.setPreferences', {})).toEqual({
      ok: false,
      error: { code: 'SETTINGS_RESET', message: 'Settings were reset.' },
    });
    expect(await dispatch(table, 'app.openExternal', { url: 'https://x' })).toMatchObject({
      ok: false,
      error: { code: 'EXTERNAL_URL_REFUSED' },
    });
  });

  it('turns an unexpected throw into INTERNAL without the error text (no stack, no secret)', async () => {
    const r = await dispatch(table, 'app.getPreferences', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('CANARY');
    expect(JSON.stringify(r)).not.toContain('boom');
  });
});
