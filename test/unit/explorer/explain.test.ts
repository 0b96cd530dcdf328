import { describe, expect, it } from 'vitest';
import { cleanServerText, explain, parseBearerChallenge, parsePleoError, parseRetryAfter } from '../../../src/core/explorer/explain.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const base = {
  headers: [] as Array<[string, string]>,
  apiOrigin: 'https://external.staging.pleo.io',
  now: NOW,
  refreshed: false,
  retries: 0,
  method: 'GET',
  requiredScopes: ['users:read'],
  grantedScopes: [] as string[],
};

describe('answers explained', () => {
  it('API-05 Retry-After: seconds, HTTP-date, clamped; garbage and negatives are ignored', () => {
    expect(parseRetryAfter('5', NOW)).toBe(5);
    expect(parseRetryAfter('0', NOW)).toBe(1);
    expect(parseRetryAfter('99999999', NOW)).toBe(600);
    expect(parseRetryAfter(new Date(NOW + 42_000).toUTCString(), NOW)).toBe(42);
    expect(parseRetryAfter(new Date(NOW - 42_000).toUTCString(), NOW)).toBe(1);
    for (const bad of ['abc', '-3', '1.5', '', ' 5 s', '1e3']) expect(parseRetryAfter(bad, NOW), bad).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('API-10 Bearer challenges: tolerant of malformed input, never returns unsafe scope text', () => {
    expect(parseBearerChallenge('Bearer error="insufficient_scope", scope="users:read export-jobs:read"')).toEqual({
      error: 'insufficient_scope',
      scopes: ['users:read', 'export-jobs:read'],
    });
    expect(parseBearerChallenge('Basic realm="x", Bearer scope=users:read')).toEqual({ error: undefined, scopes: ['users:read'] });
    for (const bad of [
      'Bearer scope="unclosed',
      'Bearer abc==',
      'garbage',
      'Bearer error="<b>", scope="<img src=x onerror=alert(1)>"',
      'x'.repeat(10_000),
      undefined,
    ]) {
      const r = parseBearerChallenge(bad);
      expect(r.scopes.every((s) => /^[\w:.\-/*+]+$/.test(s))).toBe(true);
      if (r.error) expect(r.error).toMatch(/^\w+$/);
    }
  });

  it('reads Pleo\u2019s { type, message } errors, cleaned and truncated', () => {
    expect(parsePleoError('{"type":"EXPORT_NOT_FOUND","message":"Export job not found."}')).toEqual({
      type: 'EXPORT_NOT_FOUND',
      message: 'Export job not found.',
    });
    expect(parsePleoError('{"message":"no type"}')).toBeUndefined();
    expect(parsePleoError('<html>')).toBeUndefined();
    expect(parsePleoError(JSON.stringify({ type: 'X', message: `a\u202Eb${'y'.repeat(1000)}` }))!.message!.length).toBeLessThanOrEqual(301);
    expect(cleanServerText('ok\u0000\u202Egnp.exe')).toBe('okgnp.exe');
  });

  it('API-04 403: names the missing scope from the catalog, or says the scope is there but access is not', () => {
    const missing = explain({ ...base, status: 403, grantedScopes: ['companies:read'] })!;
    expect(missing.code).toBe('API_FORBIDDEN');
    expect(missing.scopes).toEqual({ required: ['users:read'], granted: ['companies:read'], missing: ['users:read'], fromHeader: false });
    const has = explain({ ...base, status: 403, grantedScopes: ['users:read'] })!;
    expect(has.scopes?.missing).toEqual([]);
    expect(has.message).toMatch(/although your token has users:read/);
  });

  it('explains 401, 404, 409, 5xx, redirects; a success needs no explanation', () => {
    expect(explain({ ...base, status: 200 })).toBeUndefined();
    expect(explain({ ...base, status: 401, refreshed: true })!.title).toMatch(/rejected your session/);
    expect(explain({ ...base, status: 404 })!.code).toBe('API_NOT_FOUND');
    expect(explain({ ...base, status: 409, bodyText: '{"type":"EXPORT_ALREADY_IN_PROGRESS","message":"busy"}' })).toMatchObject({
      code: 'API_CLIENT_ERROR',
      message: 'busy',
    });
    expect(explain({ ...base, status: 503, retries: 2 })!.message).toMatch(/retried 2 times/);
    expect(explain({ ...base, status: 502, method: 'POST' })!.hint).toMatch(/not retried/);
    const r = explain({ ...base, status: 302, headers: [['location', 'https://evil.example/steal']] })!;
    expect(r).toMatchObject({ code: 'REDIRECT_REFUSED', redirectTo: 'https://evil.example/steal' });
    expect(r.message).toMatch(/not sent there/);
    expect(explain({ ...base, status: 301, headers: [['location', '/v2/employees/']] })!.message).toMatch(/never follows redirects/);
  });
});
