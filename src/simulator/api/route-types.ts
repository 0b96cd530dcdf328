import type { IncomingMessage } from 'node:http';

import type { Scope } from '../auth/scopes.js';
import type { EntryUniverse } from '../data/accounting-entries.js';
import type { Dataset } from '../data/seed.js';
import type { ExportStore } from '../exports/export-store.js';
import type { ApiCaller } from './caller.js';
import type { InstallationStore } from './installations.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Everything the External API handlers read and change. */
export interface ApiState {
  data: Dataset;
  universe: EntryUniverse;
  exports: ExportStore;
  installations: InstallationStore;
  /** Revokes every access and refresh token of a client; returns how many were revoked. */
  revokeClientTokens: (clientId: string) => number;
  now: () => number;
}

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  caller: ApiCaller;
  state: ApiState;
  /**
   * The parsed JSON body (400 JSON_MAPPING_EXCEPTION if it is not JSON). With `optional`, an
   * empty body is `undefined` instead of an error.
   */
  json: (options?: { optional?: boolean }) => Promise<unknown>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. `/v3/export-jobs/{jobId}/items` or `/v1/vendors:search`. */
  path: string;
  /** The scope Pleo documents for the operation; undefined means any valid token. */
  scope?: Scope;
  handle: (ctx: RouteContext) => Promise<RouteResult> | RouteResult;
}
