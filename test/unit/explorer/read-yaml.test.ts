import { readFileSync, readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { MAX_YAML_CHARS, readYaml } from '../../../src/core/explorer/read-yaml.js';
import { PLEO_OPENAPI_DIR } from '../../support/reference-files.js';

describe('YAML reading for OpenAPI import (js-yaml with limits)', () => {
  it('reads block and flow collections, quoted, folded and literal scalars; timestamps stay strings', () => {
    const text = [
      'openapi: 3.0.1',
      'info:',
      '  title: "Two\\tlines \\u00e9"',
      "  description: 'it''s,'",
      'paths:',
      '  /v3/export-job-items:search:',
      '    post:',
      "      security: [{ bearerAuth: [] }, {basic: ['a:b', c]}]",
      '      description: >-',
      '        folded',
      '        text',
      '      literal: |',
      '        a',
      '          b',
      '      when: 2024-01-02T03:04:05Z',
      '      n: 12',
      '      z: ~',
      "      '200':",
      '        ok: yes # YAML 1.2: "yes" is a string',
    ].join('\n');
    expect(readYaml(text)).toEqual({
      openapi: '3.0.1',
      info: { title: 'Two\tlines é', description: "it's," },
      paths: {
        '/v3/export-job-items:search': {
          post: {
            security: [{ bearerAuth: [] }, { basic: ['a:b', 'c'] }],
            description: 'folded text',
            literal: 'a\n  b\n',
            when: '2024-01-02T03:04:05Z',
            n: 12,
            z: null,
            '200': { ok: 'yes' },
          },
        },
      },
    });
  });

  it('refuses an alias bomb ("billion laughs") before anything walks the expanded tree', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    expect(() => readYaml(lines.join('\n'))).toThrow(/expands to more than/);
  });

  it('refuses an alias that makes the document refer to itself', () => {
    expect(() => readYaml('a: &loop\n  b: *loop\n')).toThrow();
  });

  it('keeps a few ordinary aliases', () => {
    expect(readYaml('base: &b {type: string}\nx: *b\ny: *b\n')).toEqual({
      base: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
    });
  });

  it('refuses deep nesting and oversized text with an error, not a stack overflow', () => {
    const deepBlock = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1';
    expect(() => readYaml(deepBlock)).toThrow(/maxDepth/);
    const deepFlow = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => readYaml(deepFlow)).toThrow(/maxDepth/);
    expect(() => readYaml(`a: "${'x'.repeat(MAX_YAML_CHARS)}"`)).toThrow(/larger than/);
  });

  it('stores "__proto__" as an own key (no prototype pollution) and does not apply merge keys', () => {
    const v = readYaml('__proto__:\n  polluted: true\n') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(readYaml('a: &a {x: 1}\nb:\n  <<: *a\n')).toEqual({ a: { x: 1 }, b: { '<<': { x: 1 } } });
  });

  it("reads every one of Pleo's published OpenAPI files (fixtures) into a JSON-safe document", () => {
    const files = readdirSync(PLEO_OPENAPI_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      const doc = readYaml(readFileSync(new URL(f, PLEO_OPENAPI_DIR), 'utf8')) as { openapi: string; paths: object };
      expect(doc.openapi, f).toMatch(/^3\./);
      expect(Object.keys(doc.paths).length, f).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(doc)), f).toEqual(doc);
    }
  });
});
