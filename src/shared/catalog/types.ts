/**
 * The endpoint catalog's shapes. Shared by core (scope checks, cURL) and the renderer
 * (request builder form). Descriptions are our own words, derived from Pleo's OpenAPI files.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type ParamType = 'string' | 'uuid' | 'integer' | 'number' | 'boolean' | 'date-time' | 'date' | 'cursor' | 'enum';

export interface ParamDef {
  name: string;
  in: 'path' | 'query';
  type: ParamType;
  /** Repeatable query parameter (OpenAPI array with explode: ?k=a&k=b). */
  array?: boolean;
  required?: boolean;
  enumValues?: string[];
  description: string;
  example?: string;
}

export interface BodyField {
  name: string;
  type: string;
  required?: boolean;
  description?: string;
}

export interface BodyDef {
  /** Our own short description of what the body carries. */
  description: string;
  fields: BodyField[];
  /** A starting body for the JSON editor. */
  example: unknown;
}

/** The partner tasks endpoints are grouped by ("Who am I?", "List employees", ...). */
export interface TaskGroup {
  id: string;
  title: string;
  description: string;
}

export interface EndpointDef {
  id: string;
  method: HttpMethod;
  /** Path template relative to the API base, with {name} placeholders. */
  path: string;
  summary: string;
  description: string;
  /** Task group id. */
  task: string;
  /** Scopes of which the token needs at least one (alternatives, e.g. staging vs production names). */
  scopes: string[];
  params: ParamDef[];
  body?: BodyDef;
  /** Answers with Pleo's cursor envelope { data, pagination }. */
  paginated?: boolean;
  /** Changes data in Pleo: the UI asks for confirmation first. */
  mutating?: boolean;
  /** 'pleo' for the built-in catalog; otherwise the id of the imported OpenAPI file. */
  source: string;
}

export interface ImportedSource {
  id: string;
  title: string;
  version?: string;
  fileName: string;
  importedAt: number;
  endpointCount: number;
}

export interface Catalog {
  tasks: TaskGroup[];
  endpoints: EndpointDef[];
  imports: ImportedSource[];
}
