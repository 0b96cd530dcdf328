import { describe, expect, it } from 'vitest';

import { PLEO_ENDPOINTS } from '../../../src/shared/catalog/pleo-catalog.js';
import type { EndpointDef, ParamDef } from '../../../src/shared/catalog/types.js';
import { ALL_ROUTES } from '../../../src/simulator/api/router.js';
import { Contract, type ContractOperation } from '../../simulator/conformance/contract.js';

/**
 * The built-in catalog is checked against Pleo's published OpenAPI files (test fixtures), so it
 * cannot drift from them again: the same parameters with the same required / repeatable flags,
 * types and enum values, paginated exactly where the answer is a cursor page, a body outline that
 * names every member of the request body, and an entry for every operation the simulator serves.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const contract = new Contract();

function operationOf(e: EndpointDef): ContractOperation {
  const op = contract.findTemplate(e.method, e.path);
  if (!op) throw new Error(`${e.id}: ${e.method} ${e.path} is not in Pleo's files`);
  return op;
}

function schemaOf(op: ContractOperation, raw: unknown): Obj {
  const schema = contract.resolve(op, raw);
  return isObj(schema) ? schema : {};
}

function typeName(schema: Obj): string | undefined {
  return Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') as string | undefined) : (schema.type as string | undefined);
}

/** What the catalog should say about one parameter, read from the spec. */
function expectedParam(op: ContractOperation, p: Obj): Partial<ParamDef> & { name: string } {
  const schema = schemaOf(op, p.schema);
  const array = typeName(schema) === 'array';
  const item = array ? schemaOf(op, schema.items) : schema;
  const enumValues = Array.isArray(item.enum) ? item.enum.map(String) : undefined;
  const type = enumValues
    ? 'enum'
    : item.format === 'uuid'
      ? 'uuid'
      : typeName(item) === 'integer'
        ? 'integer'
        : typeName(item) === 'boolean'
          ? 'boolean'
          : typeName(item) === 'number'
            ? 'number'
            : item.format === 'date-time'
              ? 'date-time'
              : // Cursors are strings to Pleo (the Tags file does not even give their pattern); the catalog
                // types them so the explorer can page.
                p.name === 'after' || p.name === 'before'
                ? 'cursor'
                : 'string';
  return {
    name: String(p.name),
    in: p.in as ParamDef['in'],
    required: p.in === 'path' || p.required === true,
    array,
    type: type as ParamDef['type'],
    ...(enumValues ? { enumValues } : {}),
  };
}

function actualParam(p: ParamDef): Partial<ParamDef> & { name: string } {
  return {
    name: p.name,
    in: p.in,
    required: p.required === true,
    array: p.array === true,
    type: p.type,
    ...(p.enumValues ? { enumValues: p.enumValues } : {}),
  };
}

function successSchema(op: ContractOperation): Obj {
  const declared =
    contract.declaredResponse(op, op.method === 'POST' && !op.path.includes(':') ? 201 : 200) ?? contract.declaredResponse(op, 200);
  const content = declared && isObj(declared.response.content) ? declared.response.content : {};
  const media = Object.values(content).find(isObj);
  return media ? schemaOf(op, media.schema) : {};
}

function requestSchema(op: ContractOperation): Obj | undefined {
  const body = contract.resolve(op, op.operation.requestBody);
  if (!isObj(body) || !isObj(body.content)) return undefined;
  const media = Object.values(body.content).find(isObj);
  return media ? schemaOf(op, media.schema) : undefined;
}

describe("the built-in catalog matches Pleo's published OpenAPI files", () => {
  it('has an entry for every operation the simulator serves', () => {
    const norm = (t: string) => t.replace(/\{[^}]+\}/g, '{}');
    const catalog = new Set(PLEO_ENDPOINTS.map((e) => `${e.method} ${norm(e.path)}`));
    expect(ALL_ROUTES.map((r) => `${r.method} ${norm(r.path)}`).filter((k) => !catalog.has(k))).toEqual([]);
  });

  it("every entry is an operation the simulator serves (the explorer's default environment never answers 404 for a catalog entry)", () => {
    const norm = (t: string) => t.replace(/\{[^}]+\}/g, '{}');
    const served = new Set(ALL_ROUTES.map((r) => `${r.method} ${norm(r.path)}`));
    expect(PLEO_ENDPOINTS.map((e) => `${e.method} ${norm(e.path)}`).filter((k) => !served.has(k))).toEqual([]);
  });

  for (const e of PLEO_ENDPOINTS) {
    it(`${e.id}: parameters, pagination and body as ${e.method} ${e.path} is published`, () => {
      const op = operationOf(e);
      const expected = op.parameters.filter((p) => p.in === 'path' || p.in === 'query').map((p) => expectedParam(op, p));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(e.params.map(actualParam).sort(byName)).toEqual(expected.sort(byName));

      const response = successSchema(op);
      const paginated = isObj(response.properties) && 'pagination' in response.properties;
      expect(e.paginated === true, 'paginated').toBe(paginated);

      const body = requestSchema(op);
      expect(e.body !== undefined, 'has a body').toBe(body !== undefined);
      if (body && e.body) {
        const top = typeName(body) === 'array' ? schemaOf(op, body.items) : body;
        const prefix = typeName(body) === 'array' ? '[].' : '';
        const properties = isObj(top.properties) ? Object.keys(top.properties) : [];
        const required = new Set(Array.isArray(top.required) ? top.required.map(String) : []);
        const fieldRoots = new Map(e.body.fields.map((f) => [f.name.slice(prefix.length).split('.')[0] as string, f]));
        expect([...fieldRoots.keys()].sort(), 'body members').toEqual(properties.sort());
        for (const name of properties) expect(fieldRoots.get(name)?.required === true, `${name} required`).toBe(required.has(name));
      }
      expect(e.mutating === true, 'mutating').toBe(e.method !== 'GET' && !e.path.endsWith(':search'));
    });
  }
});
