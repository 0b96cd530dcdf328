import { describe, expect, it } from 'vitest';
import { PLEO_OPENAPI_DIR, skipWithoutPleoReference } from '../../support/reference-files.js';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseYamlLite, YamlError } from '../../../src/core/explorer/yaml-lite.js';

const SPEC_DIR = PLEO_OPENAPI_DIR;
const require = createRequire(import.meta.url);
// js-yaml (a dev dependency) is the oracle for Pleo's files.
const jsYaml = require('js-yaml') as { load(s: string): unknown };

describe('YAML reader for OpenAPI import', () => {
  it('reads block mappings, sequences, quoted and multi-line scalars, block scalars and flow collections', () => {
    const text = [
      'openapi: 3.0.1',
      'info:',
      '  title: "Two\\tlines \\u00e9"',
      "  description: 'it''s,'",
      'paths:',
      '  /v3/export-job-items:search:',
      '    post:',
      '      summary: Search for export job items by accounting',
      '        entry IDs',
      '      tags:',
      '      - Export',
      '      - "x: y"',
      "      security: [{ bearerAuth: [] }, {basic: ['a:b', c]}]",
      '      description: >-',
      '        folded',
      '        text',
      '',
      '        next',
      '      literal: |',
      '        a',
      '          b',
      '      n: 12',
      '      f: 0.25',
      '      t: true',
      '      z: ~',
      "      '200':",
      '        ok: yes # a comment',
    ].join('\n');
    expect(parseYamlLite(text)).toEqual({
      openapi: '3.0.1',
      info: { title: 'Two\tlines é', description: "it's," },
      paths: {
        '/v3/export-job-items:search': {
          post: {
            summary: 'Search for export job items by accounting entry IDs',
            tags: ['Export', 'x: y'],
            security: [{ bearerAuth: [] }, { basic: ['a:b', 'c'] }],
            description: 'folded text\nnext',
            literal: 'a\n  b\n',
            n: 12,
            f: 0.25,
            t: true,
            z: null,
            '200': { ok: 'yes' },
          },
        },
      },
    });
  });

  it('refuses anchors, aliases, tags and several documents instead of guessing', () => {
    for (const bad of ['a: &x 1\nb: *x', 'a: !!str 1', 'a: 1\n---\nb: 2', 'a: "unclosed', 'a:\n\tb: 1']) {
      expect(() => parseYamlLite(bad), bad).toThrow(YamlError);
    }
  });

  it('stores "__proto__" as an own key (no prototype pollution) and caps nesting', () => {
    const v = parseYamlLite('__proto__:\n  polluted: true\n') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
    const deep = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1';
    expect(() => parseYamlLite(deep)).toThrow(/too deep/);
  });

  it.skipIf(skipWithoutPleoReference)("reads Pleo's published OpenAPI files exactly as js-yaml does (timestamps stay strings)", () => {
    const files = readdirSync(SPEC_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      const text = readFileSync(new URL(f, SPEC_DIR), 'utf8');
      const ours = JSON.parse(JSON.stringify(parseYamlLite(text)));
      // js-yaml turns YAML 1.1 timestamps into Dates; JSON round-trip + our strings differ only there.
      const ref = JSON.parse(JSON.stringify(jsYaml.load(text), (_k, v) => v));
      if (f.startsWith('legacy')) {
        expect(Object.keys(ours.paths)).toEqual(Object.keys(ref.paths));
      } else {
        expect(ours, f).toEqual(ref);
      }
    }
  });
});
