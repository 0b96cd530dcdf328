/**
 * The request builder's form as plain data, and the pure functions between it, catalog
 * endpoints, history entries and the ExplorerRequest main receives.
 */
import type { EndpointDef, HttpMethod, ParamDef } from '../../shared/catalog/types.js';
import type { ExplorerRequest } from '../../shared/catalog/request-shape.js';
import { fillPath, pathProblem, queryProblem } from '../../shared/catalog/request-shape.js';
import { PLEO_ENDPOINTS } from '../../shared/catalog/pleo-catalog.js';

export interface FormState {
  endpointId?: string;
  method: HttpMethod;
  /** Path template, e.g. /v2/employees/{employeeId}; editable. */
  path: string;
  pathValues: Record<string, string>;
  /** Values of the endpoint's declared query parameters (arrays: comma-separated). */
  queryValues: Record<string, string>;
  /** Extra query parameters typed by the user. */
  extraQuery: Array<{ name: string; value: string }>;
  body: string;
}

/** The form a new user starts with: Pleo's "first API call", GET /v2/employees. */
export const initialForm = (): FormState => {
  const first = PLEO_ENDPOINTS.find((e) => e.id === 'employees-list');
  return first
    ? formFromEndpoint(first)
    : { method: 'GET', path: '/v2/employees', pathValues: {}, queryValues: {}, extraQuery: [], body: '' };
};

export function formFromEndpoint(e: EndpointDef): FormState {
  const queryValues: Record<string, string> = {};
  for (const p of e.params) if (p.in === 'query' && p.name === 'limit' && e.paginated) queryValues.limit = p.example ?? '10';
  return {
    endpointId: e.id,
    method: e.method,
    path: e.path,
    pathValues: {},
    queryValues,
    extraQuery: [],
    body: e.body ? JSON.stringify(e.body.example ?? {}, null, 2) : '',
  };
}

/** Rebuilds a form from a request (history replay): declared parameters go back into their fields. */
export function formFromRequest(req: ExplorerRequest, endpoint: EndpointDef | undefined): FormState {
  const queryValues: Record<string, string> = {};
  const extraQuery: FormState['extraQuery'] = [];
  const declared = new Map((endpoint?.params ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const [name, value] of req.query) {
    const p = declared.get(name);
    if (p) queryValues[name] = p.array && queryValues[name] ? `${queryValues[name]},${value}` : value;
    else extraQuery.push({ name, value });
  }
  return { endpointId: endpoint?.id, method: req.method, path: req.path, pathValues: {}, queryValues, extraQuery, body: req.body ?? '' };
}

export interface BuiltRequest {
  request?: ExplorerRequest;
  /** Problems to show next to the form; the request is only built when there are none. */
  problems: string[];
}

export function buildRequest(form: FormState, endpoint: EndpointDef | undefined): BuiltRequest {
  const problems: string[] = [];
  const { path, missing } = fillPath(form.path.trim(), form.pathValues);
  for (const m of missing) problems.push(`Fill in the path parameter "${m}".`);
  if (missing.length === 0) {
    const pp = pathProblem(path);
    if (pp) problems.push(pp);
  }
  const query: Array<[string, string]> = [];
  const params = endpoint?.params.filter((p) => p.in === 'query') ?? [];
  for (const p of params) {
    const raw = (form.queryValues[p.name] ?? '').trim();
    if (!raw) {
      if (p.required) problems.push(`Fill in the query parameter "${p.name}".`);
      continue;
    }
    const values = p.array
      ? raw
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : [raw];
    for (const v of values) {
      const problem = valueProblem(p, v);
      if (problem) problems.push(problem);
      query.push([p.name, v]);
    }
  }
  for (const { name, value } of form.extraQuery) {
    if (!name.trim()) continue;
    const q = queryProblem(name.trim());
    if (q) problems.push(q);
    query.push([name.trim(), value]);
  }
  const cursorCount = query.filter(([k]) => k === 'after' || k === 'before' || k === 'offset').length;
  if (cursorCount > 1) problems.push('Use only one of after, before and offset.');
  let body: string | undefined;
  if (form.method !== 'GET' && form.body.trim()) {
    const bp = jsonProblem(form.body);
    if (bp) problems.push(`The body is not valid JSON: ${bp}`);
    body = form.body;
  }
  if (problems.length) return { problems };
  return {
    problems,
    request: {
      method: form.method,
      path,
      query,
      ...(body !== undefined ? { body } : {}),
      ...(form.endpointId ? { endpointId: form.endpointId } : {}),
    },
  };
}

export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^JSON\.parse: /, '').slice(0, 160) : 'invalid JSON';
  }
}

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function valueProblem(p: ParamDef, v: string): string | undefined {
  switch (p.type) {
    case 'integer':
      return /^-?\d+$/.test(v) ? undefined : `"${p.name}" must be a whole number.`;
    case 'number':
      return Number.isFinite(Number(v)) ? undefined : `"${p.name}" must be a number.`;
    case 'boolean':
      return v === 'true' || v === 'false' ? undefined : `"${p.name}" must be true or false.`;
    case 'uuid':
      // Not blocking: sending a malformed ID on purpose is a fair way to see Pleo's 400.
      return undefined;
    case 'enum':
      return p.enumValues && !p.enumValues.includes(v) ? `"${p.name}" must be one of ${p.enumValues.join(', ')}.` : undefined;
    case 'cursor':
      return /^[A-Za-z0-9=~_-]+$/.test(v) ? undefined : `"${p.name}" is not a cursor from a previous answer.`;
    default:
      return undefined;
  }
}
