import { readFileSync } from 'node:fs';

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CORE_SCHEMA, load } from 'js-yaml';

import { PLEO_OPENAPI_DIR } from '../../support/reference-files.js';
import { VENDORS_CONTRACT } from './vendor-schemas.js';

/**
 * Pleo's published contract as the conformance suite reads it: the OpenAPI fixtures of the APIs
 * the simulator serves, compiled with Ajv. `check()` says, for one real HTTP answer, what breaks
 * the contract: an undeclared status, a content type the operation does not declare, or a body
 * the declared schema rejects.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The fixtures that describe what the simulator serves (the legacy and v0/v1 export APIs are not served). */
export const CONTRACT_FILES = [
  'oberon-employees-companies-v50.7.0.yaml',
  'external-clients-api-v39.4.0.yaml',
  'marketplace-api-v29.4.0.yaml',
  'tags-api-v31.38.0.yaml',
  'tax-codes-api-v42.14.0.yaml',
  'export-api-v3-jobs-v32.1.0.yaml',
  'export-items-v3-v32.1.0.yaml',
] as const;

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface ContractOperation {
  file: string;
  method: string;
  /** The path template as the file writes it, e.g. `/v0/tag-groups/{groupId}`. */
  path: string;
  operation: Obj;
  /** Path-level plus operation-level parameters, $refs resolved. */
  parameters: Obj[];
  pattern: RegExp;
}

export interface ObservedAnswer {
  status: number;
  contentType: string | null;
  /** The raw body text ('' when empty). */
  text: string;
}

/**
 * Some date members carry a human hint in `pattern` (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mi:ssZ`,
 * `yyyy-MM-dd'T'HH:mm:ss'Z'`) next to `format`. As a regular expression no real value matches
 * them, so they are dropped and the `format` is checked instead (docs/simulator.md says so).
 */
const HINT_PATTERN = /^(YYYY|yyyy)-/;

function dropHintPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropHintPatterns);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pattern' && typeof v === 'string' && HINT_PATTERN.test(v)) continue;
    out[k] = dropHintPatterns(v);
  }
  return out;
}

function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/:]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function resolveRef(doc: Obj, value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 10 && isObj(current) && typeof current.$ref === 'string'; depth++) {
    let target: unknown = doc;
    for (const raw of current.$ref.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObj(target) && own(target, key) ? target[key] : undefined;
    }
    current = target;
  }
  return current;
}

const pointer = (parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export class Contract {
  readonly operations: ContractOperation[] = [];
  readonly docs = new Map<string, Obj>();
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    // strict: false because OpenAPI adds keywords JSON Schema does not know (example, xml,
    // x-...); `nullable` (OpenAPI 3.0) is understood by Ajv itself.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    // OpenAPI's numeric formats: the type keyword already checks what matters here.
    for (const f of ['int32', 'int64', 'float', 'double']) this.ajv.addFormat(f, true);
    for (const file of CONTRACT_FILES) {
      const doc = dropHintPatterns(load(readFileSync(new URL(file, PLEO_OPENAPI_DIR), 'utf8'), { schema: CORE_SCHEMA })) as Obj;
      this.add(file, doc);
    }
    this.add('vendors (our transcription)', VENDORS_CONTRACT as Obj);
  }

  private add(file: string, doc: Obj): void {
    this.docs.set(file, doc);
    this.ajv.addSchema(doc, this.schemaId(file));
    const paths = isObj(doc.paths) ? doc.paths : {};
    for (const [path, itemRaw] of Object.entries(paths)) {
      const item = resolveRef(doc, itemRaw);
      if (!isObj(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObj(operation)) continue;
        const parameters = [
          ...(Array.isArray(item.parameters) ? item.parameters : []),
          ...(Array.isArray(operation.parameters) ? operation.parameters : []),
        ]
          .map((p) => resolveRef(doc, p))
          .filter(isObj);
        this.operations.push({ file, method: method.toUpperCase(), path, operation, parameters, pattern: templateRegex(path) });
      }
    }
  }

  private schemaId(file: string): string {
    return `https://contract.test/${encodeURIComponent(file)}`;
  }

  /** The documented operation for a concrete method and path; literal templates win. */
  find(method: string, pathname: string): ContractOperation | undefined {
    const hits = this.operations.filter((o) => o.method === method && o.pattern.test(pathname));
    hits.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
    return hits[0];
  }

  /** Any documented operation on this path (for answers about the method itself, such as 405). */
  findPath(pathname: string): ContractOperation | undefined {
    return this.operations.find((o) => o.pattern.test(pathname));
  }

  findTemplate(method: string, template: string): ContractOperation | undefined {
    const norm = (t: string) => t.replace(/\{[^}]+\}/g, '{}');
    return this.operations.find((o) => o.method === method && norm(o.path) === norm(template));
  }

  /** Resolves a $ref inside the operation's file. */
  resolve(op: ContractOperation, value: unknown): unknown {
    return resolveRef(this.docs.get(op.file) as Obj, value);
  }

  /** The declared response for a status: exact, then `4XX`-style ranges, then `default`. */
  declaredResponse(op: ContractOperation, status: number): { key: string; response: Obj } | undefined {
    const responses = isObj(op.operation.responses) ? op.operation.responses : {};
    // The Tags and Tax Code files declare their success answers as `default`; reading that as
    // "every error looks like a success" would be wrong, so `default` covers 2xx answers only.
    for (const key of [String(status), `${String(status)[0]}XX`, ...(status < 400 ? ['default'] : [])]) {
      const response = own(responses, key) ? this.resolve(op, responses[key]) : undefined;
      if (isObj(response)) return { key, response };
    }
    return undefined;
  }

  validator(op: ContractOperation, parts: string[]): ValidateFunction {
    const ref = `${this.schemaId(op.file)}${pointer(parts)}`;
    let fn = this.compiled.get(ref);
    if (!fn) {
      fn = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  /** Validates a value against `ExceptionInfo` ({ type, message }) as the operation's file defines it, or the v3 jobs file's. */
  exceptionInfo(): ValidateFunction {
    const op = this.operations.find((o) => o.file === 'export-api-v3-jobs-v32.1.0.yaml') as ContractOperation;
    return this.validator(op, ['components', 'schemas', 'ExceptionInfo']);
  }

  /** Problems of a request body we send, against the operation's declared request schema. */
  checkRequest(op: ContractOperation, body: unknown): string[] {
    const requestBody = this.resolve(op, op.operation.requestBody);
    if (!isObj(requestBody) || !isObj(requestBody.content)) return body === undefined ? [] : ['the operation declares no request body'];
    if (body === undefined) return requestBody.required === true ? ['the request body is required'] : [];
    const media = Object.keys(requestBody.content).find((m) => /json/i.test(m));
    if (!media) return ['no JSON request body is declared'];
    // Refs into the file go through the operation's own pointer, or the request body component.
    const rawRef = op.operation.requestBody;
    const base =
      isObj(rawRef) && typeof rawRef.$ref === 'string'
        ? rawRef.$ref
            .replace(/^#\//, '')
            .split('/')
            .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        : ['paths', op.path, op.method.toLowerCase(), 'requestBody'];
    const validate = this.validator(op, [...base, 'content', media, 'schema']);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `request${e.instancePath} ${e.message ?? ''}`);
  }

  /** Everything about one answer that breaks the contract; empty when it conforms. */
  check(op: ContractOperation, answer: ObservedAnswer, options: { undeclaredStatusAllowed?: boolean } = {}): string[] {
    const problems: string[] = [];
    const declared = this.declaredResponse(op, answer.status);
    const isError = answer.status >= 400;
    if (!declared && !options.undeclaredStatusAllowed)
      problems.push(`status ${answer.status} is not declared for ${op.method} ${op.path} (${op.file})`);
    const content = declared && isObj(declared.response.content) ? declared.response.content : undefined;
    if (!content || Object.keys(content).length === 0) {
      if (!isError) {
        if (answer.text !== '') problems.push(`status ${answer.status} declares no body, but one was sent`);
        return problems;
      }
      // Pleo declares many error answers without a body; the simulator always sends ExceptionInfo.
      return [...problems, ...this.checkJson(answer, ['application/json;charset=UTF-8'], this.exceptionInfo())];
    }
    // A 204 cannot carry a body (RFC 9110). Where the file declares only a schema-less `default`
    // JSON answer (Tax Code API's DELETE), an empty 204 is read as conforming.
    if (
      answer.status === 204 &&
      answer.text === '' &&
      declared?.key === 'default' &&
      Object.values(content).every((m) => !isObj(m) || !isObj(m.schema))
    )
      return problems;
    const mediaTypes = Object.keys(content);
    const declaredKey = declared?.key as string;
    const media = mediaTypes.find((m) => sameMediaType(m, answer.contentType)) ?? (mediaTypes[0] as string);
    const schema = isObj(content[media]) && isObj((content[media] as Obj).schema);
    const validate = schema
      ? this.validator(op, ['paths', op.path, op.method.toLowerCase(), 'responses', declaredKey, 'content', media, 'schema'])
      : undefined;
    return [...problems, ...this.checkJson(answer, mediaTypes, validate)];
  }

  private checkJson(answer: ObservedAnswer, mediaTypes: string[], validate: ValidateFunction | undefined): string[] {
    const problems: string[] = [];
    if (!mediaTypes.some((m) => sameMediaType(m, answer.contentType))) {
      problems.push(`content type ${answer.contentType ?? '(none)'} is not one of ${mediaTypes.join(', ')}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, 'the body is not JSON'];
    }
    if (validate && !validate(body)) {
      for (const e of validate.errors ?? [])
        problems.push(
          `body${e.instancePath} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
        );
    }
    return problems;
  }
}

/**
 * Same media type and, when the declared type names a charset, the same charset. A declared
 * plain `application/json` accepts an answer that adds `charset=UTF-8`.
 */
export function sameMediaType(declared: string, actual: string | null): boolean {
  if (!actual) return false;
  const parse = (t: string) => {
    const [type, ...params] = t.split(';').map((s) => s.trim().toLowerCase());
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
    return { type, charset };
  };
  const d = parse(declared);
  const a = parse(actual);
  return d.type === a.type && (!d.charset || d.charset === a.charset);
}
