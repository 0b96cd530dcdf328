import { describe, expect, it } from 'vitest';
import { PLEO_OPENAPI_DIR } from '../../support/reference-files.js';
import { readFileSync } from 'node:fs';
import { createCatalogStore } from '../../../src/core/explorer/catalog-store.js';
import { parseOpenApiText, readOpenApi } from '../../../src/core/explorer/openapi-import.js';
import { AppFailure } from '../../../src/shared/result.js';
import { memoryBackend } from './fakes.js';

const SPEC_DIR = PLEO_OPENAPI_DIR;

const minimal = {
  openapi: '3.0.3',
  info: { title: 'Partner mock', version: '1.2.3' },
  security: [{ oauth: ['things:read'] }],
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
    schemas: {
      Thing: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', description: 'Name' }, count: { type: 'integer' } },
      },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
  },
  paths: {
    '/v9/things/{thingId}': {
      parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      get: {
        summary: 'Get a thing',
        parameters: [
          { $ref: '#/components/parameters/Limit' },
          { name: 'after', in: 'query', schema: { type: 'string' } },
          { name: 'before', in: 'query', schema: { type: 'string' } },
        ],
      },
      put: {
        summary: 'Update',
        security: [],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      },
    },
    '/v9/loop': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Loop' } } } } } },
    'https://evil.example/x': { get: { summary: 'absolute' } },
    '/v2/employees': { get: { summary: 'duplicate of the built-in catalog' } },
  },
};

const fail = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return (e as AppFailure).appError;
  }
  throw new Error('expected a failure');
};

describe('OpenAPI import', () => {
  it('reads operations with typed parameters, $refs, body outline and scopes; refuses absolute paths', () => {
    const parsed = readOpenApi(minimal);
    expect(parsed.title).toBe('Partner mock');
    const get = parsed.endpoints.find((e) => e.method === 'GET' && e.path === '/v9/things/{thingId}')!;
    expect(get.params.map((p) => `${p.in}:${p.name}:${p.type}`)).toEqual([
      'path:thingId:uuid',
      'query:limit:integer',
      'query:after:string',
      'query:before:string',
    ]);
    expect(get.paginated).toBe(true);
    expect(get.scopes).toEqual(['things:read']);
    const put = parsed.endpoints.find((e) => e.method === 'PUT')!;
    expect(put.scopes).toEqual([]);
    expect(put.body?.fields.map((f) => `${f.name}:${f.type}:${f.required}`)).toEqual(['name:string:true', 'count:integer:false']);
    expect(put.body?.example).toEqual({ name: '' });
    expect(parsed.endpoints.some((e) => e.path.startsWith('https:'))).toBe(false);
    expect(parsed.warnings.join(' ')).toContain('not a plain relative path');
  });

  it('refuses Swagger 2, non-OpenAPI and unreadable files with OPENAPI_INVALID', () => {
    expect(fail(() => readOpenApi({ swagger: '2.0', paths: {} })).code).toBe('OPENAPI_INVALID');
    expect(fail(() => readOpenApi({ openapi: '2.0', paths: {} })).code).toBe('OPENAPI_INVALID');
    expect(fail(() => readOpenApi({ openapi: '3.1.0' })).code).toBe('OPENAPI_INVALID');
    expect(fail(() => readOpenApi([])).code).toBe('OPENAPI_INVALID');
    expect(fail(() => parseOpenApiText('{"openapi": ')).code).toBe('OPENAPI_INVALID');
    expect(fail(() => parseOpenApiText('a: "unclosed')).code).toBe('OPENAPI_INVALID');
    const bomb = [
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
    ].join('\n');
    expect(fail(() => parseOpenApiText(bomb)).code).toBe('OPENAPI_INVALID');
  });

  it('adds imported endpoints to the catalog (skipping built-in ones), keeps them in settings, and removes them', () => {
    const settings = memoryBackend();
    const store = createCatalogStore(settings, () => 1000);
    const r = store.importText('C:\\Users\\me\\mock.json', JSON.stringify(minimal));
    expect(r.added).toBe(3);
    expect(r.skipped).toBeGreaterThanOrEqual(2);
    const again = createCatalogStore(settings, () => 1000).catalog();
    expect(again.imports).toEqual([expect.objectContaining({ title: 'Partner mock', fileName: 'mock.json', endpointCount: 3 })]);
    expect(again.tasks.some((t) => t.id === 'imported')).toBe(true);
    expect(store.match('GET', '/v9/things/abc')?.path).toBe('/v9/things/{thingId}');
    expect(store.remove(r.sourceId)).toBe(true);
    expect(store.catalog().endpoints.some((e) => e.source === r.sourceId)).toBe(false);
  });

  it('refuses absurdly deep schemas and examples with OPENAPI_INVALID instead of crashing', () => {
    const store = createCatalogStore(memoryBackend(), () => 1);
    const n = 200_000;
    const deepExample = `{"openapi":"3.0.0","paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"example":${'['.repeat(n)}${']'.repeat(n)}}}}}}}}`;
    const m = 50_000;
    const deepSchema = `{"openapi":"3.0.0","paths":{"/b":{"get":{"parameters":[{"name":"x","in":"query","schema":${'{"type":"array","items":'.repeat(m)}{}${'}'.repeat(m)}}]}}}}`;
    for (const text of [deepExample, deepSchema]) expect(fail(() => store.importText('deep.json', text)).code).toBe('OPENAPI_INVALID');
    expect(store.catalog().imports).toEqual([]);
  });

  it("imports Pleo's Tags API YAML", () => {
    const store = createCatalogStore(memoryBackend(), () => 1);
    const r = store.importText('tags-api-v31.38.0.yaml', readFileSync(new URL('tags-api-v31.38.0.yaml', SPEC_DIR), 'utf8'));
    expect(r.title).toBe('Tags API');
    expect(r.added).toBeGreaterThan(10);
    const dims = r.endpoints.find((e) => e.path === '/v0/tag-groups/{groupId}/dimensions' && e.method === 'GET');
    expect(dims?.params[0]).toMatchObject({ name: 'groupId', in: 'path', required: true });
  });

  it('SEC #11.5: treats constructor / toString / valueOf / __proto__ keys as data, never as HTTP methods, and the catalog stays serialisable', () => {
    const text = [
      'openapi: 3.0.3',
      'info: {title: Hostile keys, version: "1"}',
      'paths:',
      '  /v9/odd:',
      '    constructor: {summary: not a method}',
      '    toString: {summary: not a method}',
      '    valueOf: {summary: not a method}',
      '    hasOwnProperty: {summary: not a method}',
      '    __proto__: {summary: not a method}',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              type: object',
      '              required: [__proto__, constructor]',
      '              properties:',
      '                __proto__: {type: array, items: {type: string}}',
      '                constructor: {type: string}',
      '  /v9/plain:',
      '    get: {summary: fine}',
    ].join('\n');
    const parsed = readOpenApi(parseOpenApiText(text));
    expect(parsed.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /v9/odd', 'GET /v9/plain']);
    const body = parsed.endpoints[0]?.body;
    expect(Object.getPrototypeOf(body?.example)).toBe(Object.prototype);
    expect(Object.keys(body?.example as object)).toEqual(['__proto__', 'constructor']);
    const store = createCatalogStore(memoryBackend(), () => 1);
    const r = store.importText('hostile.yaml', text);
    expect(r.added).toBe(2);
    // The whole catalog survives a JSON round trip and structured clone (what IPC does).
    const catalog = store.catalog();
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(JSON.parse(JSON.stringify(structuredClone(catalog))));
    expect(catalog.endpoints.every((e) => typeof e.method === 'string')).toBe(true);
  });

  it("imports every one of Pleo's published OpenAPI 3 files (fixtures) without warnings about unreadable input", () => {
    for (const f of [
      'export-api-v3-jobs-v32.1.0.yaml',
      'export-items-v3-v32.1.0.yaml',
      'tax-codes-api-v42.14.0.yaml',
      'marketplace-api-v29.4.0.yaml',
      'oberon-employees-companies-v50.7.0.yaml',
      'export-api-v20.0.0.yaml',
      'legacy-openapi-pleo-io-v1.yaml',
    ]) {
      const parsed = readOpenApi(parseOpenApiText(readFileSync(new URL(f, SPEC_DIR), 'utf8')));
      expect(parsed.endpoints.length, f).toBeGreaterThan(0);
      expect(
        parsed.endpoints.every((e) => e.path.startsWith('/')),
        f,
      ).toBe(true);
    }
  });
});
