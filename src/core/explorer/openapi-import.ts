/**
 * Reads an OpenAPI 3 file (JSON or YAML text, already size-capped by the contract) into catalog
 * endpoints. Only what the request builder needs is kept: method, path, parameters with types,
 * a body outline and example, scopes where the file declares them. Endpoints the built-in
 * catalog already has are skipped. Nothing in the file is executed or fetched ($refs are
 * resolved only inside the file, with a depth limit).
 */
import type { BodyDef, BodyField, EndpointDef, HttpMethod, ParamDef, ParamType } from '../../shared/catalog/types.js';
import { failure } from '../../shared/result.js';
import { readYaml } from './read-yaml.js';
import { pathProblem } from '../../shared/catalog/request-shape.js';

export const MAX_IMPORTED_ENDPOINTS = 500;
const METHODS: Record<string, HttpMethod> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
/**
 * Keys of the file are looked up as own properties only: `constructor`, `toString` or
 * `__proto__` in a path item or schema must never reach Object.prototype (a path item key
 * `constructor` once became a "method" that was a function, and the catalog could not be
 * serialised).
 */
const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const methodOf = (key: string): HttpMethod | undefined => (own(METHODS, key) ? METHODS[key] : undefined);
/** Sets a key from the file on an object we build, as an own property even for `__proto__`. */
const setOwn = (o: Obj, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};
const str = (v: unknown, max = 500): string | undefined => (typeof v === 'string' && v.trim() ? clip(v.trim(), max) : undefined);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export interface ParsedOpenApi {
  title: string;
  version?: string;
  endpoints: Array<Omit<EndpointDef, 'id' | 'source' | 'task'>>;
  skippedOperations: number;
  warnings: string[];
}

export function parseOpenApiText(text: string): unknown {
  const trimmed = text.trimStart();
  try {
    return trimmed.startsWith('{') ? JSON.parse(trimmed) : readYaml(text);
  } catch (error) {
    throw failure('OPENAPI_INVALID', 'The file could not be read as JSON or YAML.', {
      hint: 'Choose an OpenAPI 3 file in .json, .yaml or .yml format.',
      serverText: error instanceof Error ? clip(error.message, 200) : undefined,
    });
  }
}

export function readOpenApi(doc: unknown): ParsedOpenApi {
  if (!isObj(doc)) throw failure('OPENAPI_INVALID', 'The file is not an OpenAPI document (no top-level object).');
  if (typeof doc.swagger === 'string')
    throw failure('OPENAPI_INVALID', 'This is a Swagger 2.0 file; only OpenAPI 3 files can be imported.', {
      hint: 'Convert it to OpenAPI 3 first.',
    });
  const version = typeof doc.openapi === 'string' ? doc.openapi : undefined;
  if (!version || !/^3\.\d+/.test(version))
    throw failure('OPENAPI_INVALID', 'The file does not say "openapi: 3.x", so it is not an OpenAPI 3 document.');
  if (!isObj(doc.paths)) throw failure('OPENAPI_INVALID', 'The file has no "paths": there is nothing to import.');
  const info = isObj(doc.info) ? doc.info : {};
  const resolver = makeResolver(doc);
  const globalScopes = scopesOf(doc.security);
  const warnings: string[] = [];
  const endpoints: ParsedOpenApi['endpoints'] = [];
  let skipped = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    const pathItem = resolver(item);
    if (!isObj(pathItem)) continue;
    if (pathProblem(path.replace(/\{[^}]+\}/g, 'x'))) {
      skipped += Object.keys(pathItem).filter((k) => methodOf(k) !== undefined).length;
      warnings.push(`Skipped ${clip(path, 80)}: not a plain relative path.`);
      continue;
    }
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const [m, opRaw] of Object.entries(pathItem)) {
      const method = methodOf(m);
      if (!method) continue;
      const op = resolver(opRaw);
      if (!isObj(op)) continue;
      if (endpoints.length >= MAX_IMPORTED_ENDPOINTS) {
        skipped++;
        continue;
      }
      const params = readParams([...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])], resolver);
      const body = readBody(op.requestBody, resolver);
      const scopes = op.security !== undefined ? scopesOf(op.security) : globalScopes;
      const summary = str(op.summary, 120) ?? str(op.operationId, 120) ?? `${method} ${path}`;
      endpoints.push({
        method,
        path,
        summary,
        description: str(op.description, 600) ?? summary,
        scopes,
        params,
        ...(body ? { body } : {}),
        ...(params.some((p) => p.name === 'after') && params.some((p) => p.name === 'before') ? { paginated: true } : {}),
        ...(method !== 'GET' ? { mutating: !/search|:search|query/i.test(path + summary) } : {}),
      });
    }
  }
  if (endpoints.length === 0) warnings.push('No operations were found in "paths".');
  if (skipped > 0 && endpoints.length >= MAX_IMPORTED_ENDPOINTS)
    warnings.push(`Only the first ${MAX_IMPORTED_ENDPOINTS} operations were imported.`);
  return { title: str(info.title, 120) ?? 'Imported API', version: str(info.version, 40), endpoints, skippedOperations: skipped, warnings };
}

/** Local $ref resolution ("#/components/..."), with a depth limit against reference loops. */
function makeResolver(doc: Obj) {
  return function resolve(value: unknown, depth = 0): unknown {
    if (!isObj(value) || typeof value.$ref !== 'string') return value;
    if (depth > 20 || !value.$ref.startsWith('#/')) return undefined;
    let target: unknown = doc;
    for (const raw of value.$ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObj(target) || !Object.prototype.hasOwnProperty.call(target, key)) return undefined;
      target = target[key];
    }
    return resolve(target, depth + 1);
  };
}
type Resolver = ReturnType<typeof makeResolver>;

/** OAuth scopes from a security requirement list; plain bearer schemes have none. */
function scopesOf(security: unknown): string[] {
  if (!Array.isArray(security)) return [];
  const out = new Set<string>();
  for (const req of security) {
    if (!isObj(req)) continue;
    for (const list of Object.values(req))
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string' && /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/.test(s)) out.add(s);
  }
  return [...out].slice(0, 20);
}

function paramType(schema: Obj | undefined): { type: ParamType; array?: boolean; enumValues?: string[] } {
  if (!schema) return { type: 'string' };
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t === 'array') {
    const inner = paramType(isObj(schema.items) ? schema.items : undefined);
    return { ...inner, array: true };
  }
  if (Array.isArray(schema.enum))
    return { type: 'enum', enumValues: schema.enum.filter((v): v is string => typeof v === 'string').slice(0, 100) };
  if (t === 'integer') return { type: 'integer' };
  if (t === 'number') return { type: 'number' };
  if (t === 'boolean') return { type: 'boolean' };
  if (schema.format === 'uuid') return { type: 'uuid' };
  if (schema.format === 'date-time') return { type: 'date-time' };
  if (schema.format === 'date') return { type: 'date' };
  return { type: 'string' };
}

function readParams(list: unknown[], resolve: Resolver): ParamDef[] {
  const byKey = new Map<string, ParamDef>();
  for (const raw of list) {
    const p = resolve(raw);
    if (!isObj(p) || typeof p.name !== 'string' || (p.in !== 'path' && p.in !== 'query')) continue;
    if (!/^[A-Za-z0-9_.\-[\]]{1,100}$/.test(p.name)) continue;
    const schemaRaw = resolve(p.schema);
    const schema = isObj(schemaRaw) ? schemaRaw : undefined;
    if (schema && isObj(schema.items)) schema.items = resolve(schema.items);
    const t = paramType(schema);
    const example = schema?.example ?? p.example;
    byKey.set(`${p.in}:${p.name}`, {
      name: p.name,
      in: p.in,
      ...t,
      required: p.in === 'path' ? true : p.required === true,
      description: str(p.description, 300) ?? str(schema?.description, 300) ?? '',
      ...(typeof example === 'string' || typeof example === 'number' ? { example: String(example).slice(0, 200) } : {}),
    });
  }
  return [...byKey.values()].slice(0, 60);
}

function readBody(raw: unknown, resolve: Resolver): BodyDef | undefined {
  const rb = resolve(raw);
  if (!isObj(rb) || !isObj(rb.content)) return undefined;
  const media = Object.entries(rb.content).find(([type]) => /json/i.test(type))?.[1];
  if (!isObj(media)) return undefined;
  const schema = resolve(media.schema);
  const fields: BodyField[] = [];
  let example: unknown = media.example ?? (isObj(schema) ? schema.example : undefined);
  if (isObj(schema)) {
    const top = schema.type === 'array' ? resolve(schema.items) : schema;
    if (isObj(top) && isObj(top.properties)) {
      const required = new Set<unknown>(Array.isArray(top.required) ? top.required : []);
      for (const [name, propRaw] of Object.entries(top.properties).slice(0, 60)) {
        const prop = resolve(propRaw);
        const t = isObj(prop) ? paramType(prop) : { type: 'string' as ParamType };
        fields.push({
          name: schema.type === 'array' ? `[].${name}` : name,
          type: `${t.type}${t.array ? '[]' : ''}`,
          required: required.has(name),
          ...(isObj(prop) && str(prop.description, 200) ? { description: str(prop.description, 200) } : {}),
        });
      }
      if (example === undefined) {
        const skeleton: Obj = {};
        for (const f of fields)
          if (f.required)
            setOwn(
              skeleton,
              f.name.replace(/^\[\]\./, ''),
              f.type.endsWith('[]') ? [] : f.type === 'integer' || f.type === 'number' ? 0 : f.type === 'boolean' ? false : '',
            );
        example = schema.type === 'array' ? [skeleton] : skeleton;
      }
    }
  }
  return { description: str(rb.description, 300) ?? 'JSON body', fields, example: example ?? {} };
}
