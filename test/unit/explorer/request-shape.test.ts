import { describe, expect, it } from 'vitest';
import { fillPath, headerProblem, joinApiUrl, pathProblem, queryProblem } from '../../../src/shared/catalog/request-shape.js';
import { toCurl, shellQuote } from '../../../src/shared/catalog/curl.js';
import { pageQuery, readPageInfo } from '../../../src/shared/catalog/pagination.js';
import { checkScopes, isScopeToken } from '../../../src/shared/catalog/scopes.js';

describe('request shape (API-12 checks shared by main and the UI)', () => {
  it('accepts plain API paths, including Pleo\u2019s ":search" style', () => {
    for (const p of ['/v2/employees', '/v0/tax-codes:search', '/v3/export-jobs/3f2504e0-4f89-11d3-9a0c-0305e82c3301/items', '/v1/a%20b'])
      expect(pathProblem(p), p).toBeUndefined();
  });

  it('API-12 refuses paths that could leave the API origin or smuggle data', () => {
    for (const p of [
      'https://evil.example/x',
      '//evil.example/x',
      '@evil.example',
      '\\\\evil\\x',
      '/..%2f..%2fadmin',
      '/v2/../admin',
      '/./v2',
      '/v1/x?access_token=a',
      '/v1/x#f',
      '/v1/x\r\nHost: evil',
      '/v1/ x',
      '/v1/%zz',
      '',
      'v2/employees',
    ]) {
      expect(pathProblem(p), p).toBeDefined();
    }
  });

  it('API-12 refuses forbidden or malformed headers and credential query parameters', () => {
    for (const h of ['Authorization', 'host', 'Cookie', 'Proxy-Authorization', 'Content-Length', 'X-Forwarded-Host'])
      expect(headerProblem(h, 'x'), h).toBeDefined();
    expect(headerProblem('Bad Name', 'x')).toBeDefined();
    expect(headerProblem('X-Ok', 'a\nb')).toBeDefined();
    expect(headerProblem('X-Ok', 'fine')).toBeUndefined();
    expect(queryProblem('access_token')).toBeDefined();
    expect(queryProblem('ACCESS_TOKEN')).toBeDefined();
    expect(queryProblem('limit')).toBeUndefined();
  });

  it('fills path templates with encoded values that stay one segment', () => {
    expect(fillPath('/v2/employees/{employeeId}', { employeeId: '../x y' })).toEqual({ path: '/v2/employees/..%2Fx%20y', missing: [] });
    expect(fillPath('/v3/export-jobs/{jobId}/items', {})).toEqual({ path: '/v3/export-jobs/{jobId}/items', missing: ['jobId'] });
    expect(pathProblem(fillPath('/v2/employees/{id}', { id: '../../admin' }).path)).toBeDefined();
  });

  it('joins an API base with a path prefix and an ordered query; the origin never changes', () => {
    const u = joinApiUrl('https://api.example/base/', '/v2/employees', [
      ['limit', '2'],
      ['sorting_keys', 'a'],
      ['sorting_keys', 'b'],
    ]);
    expect(u.toString()).toBe('https://api.example/base/v2/employees?limit=2&sorting_keys=a&sorting_keys=b');
    expect(joinApiUrl('http://127.0.0.1:5000', '/@evil.example/x', []).origin).toBe('http://127.0.0.1:5000');
  });

  it('builds cURL with the $PLEO_ACCESS_TOKEN placeholder, safely quoted for the shell', () => {
    const curl = toCurl('https://external.staging.pleo.io', {
      method: 'POST',
      path: '/v1/vendors:search',
      query: [['company_id', "a'b"]],
      body: '{"name":"$(rm -rf /)"}',
      headers: [['X-Note', "it's"]],
    });
    expect(curl).toContain(`curl -X POST 'https://external.staging.pleo.io/v1/vendors:search?company_id=a%27b'`);
    expect(curl).toContain('-H "Authorization: Bearer $PLEO_ACCESS_TOKEN"');
    expect(curl).toContain(`--data-raw '{"name":"$(rm -rf /)"}'`);
    expect(curl).toContain(`-H 'X-Note: it'\\''s'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(toCurl('https://x.example', { method: 'GET', path: '/v', query: [], body: '{}' })).not.toContain('--data-raw');
  });
});

describe('pagination envelope', () => {
  const body = { data: [1, 2], pagination: { hasNextPage: true, hasPreviousPage: true, startCursor: 'AA', endCursor: 'BB', total: 9 } };
  it('reads Pleo\u2019s envelope and builds the next and previous queries', () => {
    const info = readPageInfo(body)!;
    expect(info).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'AA', endCursor: 'BB', total: 9, count: 2 });
    expect(
      pageQuery(
        [
          ['limit', '2'],
          ['after', 'OLD'],
          ['offset', '3'],
        ],
        'next',
        info,
      ),
    ).toEqual([
      ['limit', '2'],
      ['after', 'BB'],
    ]);
    expect(pageQuery([['limit', '2']], 'previous', info)).toEqual([
      ['limit', '2'],
      ['before', 'AA'],
    ]);
    expect(pageQuery([], 'next', { ...info, hasNextPage: false })).toBeUndefined();
    expect(readPageInfo({ data: {} })).toBeUndefined();
    expect(readPageInfo([1])).toBeUndefined();
  });
});

describe('scopes', () => {
  it('any one alternative is enough; no scope means any valid token', () => {
    expect(checkScopes(['tag-groups:read', 'tag-group:read'], ['tag-group:read']).missing).toBe(false);
    expect(checkScopes(['users:read'], ['companies:read']).missing).toBe(true);
    expect(checkScopes([], []).missing).toBe(false);
    expect(isScopeToken('export-jobs:read')).toBe(true);
    expect(isScopeToken('<script>')).toBe(false);
  });
});

describe('one scope rule for entered, stored and shown scopes', () => {
  it('the IPC payload, the stored settings and the 403 explainer accept and refuse the same names', async () => {
    const { scopeListSchema } = await import('../../../src/shared/catalog/scopes.js');
    const { parseBearerChallenge } = await import('../../../src/core/explorer/explain.js');
    for (const good of ['users:read', 'export-jobs:read', 'offline_access', 'https://api.example/x.read']) {
      expect(scopeListSchema.safeParse([good]).success, good).toBe(true);
      expect(parseBearerChallenge(`Bearer scope="${good}"`).scopes, good).toEqual([good]);
    }
    for (const bad of ['<script>', 'a"b', 'a\\b', '-leading', 'x'.repeat(101), '']) {
      expect(scopeListSchema.safeParse([bad]).success, bad).toBe(false);
      expect(isScopeToken(bad), bad).toBe(false);
    }
  });
});
