/**
 * Fault injection rules (test and demo modes only). A rule picks requests by route family,
 * optional path prefix, method and grant type, applies to the next `count` of them (or all),
 * and describes what goes wrong: added latency and/or one action.
 *
 * The cases of the security test plan map onto them, e.g.
 * - TK-01 / RF-06 token 5xx: `{ target: 'token', action: { type: 'status', status: 503 } }`
 * - TK-02 token never answers: `{ target: 'token', action: { type: 'hang' } }`
 * - TK-04 slow body: `{ target: 'token', action: { type: 'slow-body', chunkBytes: 1, intervalMs: 1000 } }`
 * - TK-05 malformed JSON: `{ target: 'token', action: { type: 'status', status: 200, body: '{"access_token":' } }`
 * - TK-08..TK-13 odd fields: `{ target: 'token', action: { type: 'patch-json', set: { expires_in: '3600' }, remove: ['refresh_token'] } }`
 * - API-05 rate limit: `{ target: 'api', action: { type: 'status', status: 429, retryAfter: 5 } }`
 * - API-14 reset mid-body: `{ target: 'api', action: { type: 'truncate', afterBytes: 10240 } }`
 * - CB-18 / CB-19 issuer mix-up: `{ target: 'authorize', action: { type: 'redirect-params', set: { iss: 'https://other.example' } } }`
 */

export const FAULT_TARGETS = ['token', 'authorize', 'introspection', 'revocation', 'auth', 'api', 'any'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export type FaultAction =
  /** Answer with this status instead of handling the request (429, 5xx, 401, an HTML 200, ...). */
  | {
      type: 'status';
      status: number;
      retryAfter?: number | string;
      body?: string | Record<string, unknown> | unknown[] | null;
      contentType?: string;
      headers?: Record<string, string>;
    }
  /** Destroy the connection without answering (connection reset). */
  | { type: 'drop' }
  /** Never answer; the socket stays open until the client gives up or the simulator closes. */
  | { type: 'hang' }
  /** Handle the request, then cut the connection after `afterBytes` bytes of the body. */
  | { type: 'truncate'; afterBytes?: number }
  /** Handle the request, then send the body in `chunkBytes` pieces every `intervalMs`. */
  | { type: 'slow-body'; chunkBytes?: number; intervalMs?: number }
  /** Handle the request, then edit its JSON body (set or remove top-level members). */
  | { type: 'patch-json'; set?: Record<string, unknown>; remove?: string[] }
  /** Handle the request, then edit the query of its redirect `Location` (e.g. `iss`, `state`). */
  | { type: 'redirect-params'; set?: Record<string, string>; remove?: string[] };

export interface FaultRule {
  target: FaultTarget;
  /** Only paths starting with this prefix, e.g. `/v2/employees`. */
  pathPrefix?: string;
  /** Only this HTTP method. */
  method?: string;
  /** Token endpoint only: `authorization_code` (code exchange) or `refresh_token` (refresh). */
  grantType?: string;
  /** Apply to the next N matching requests, then expire. Unlimited when absent. */
  count?: number;
  /** Added latency before the request is handled (or before the action). */
  delayMs?: number;
  action?: FaultAction;
}

/** A stored rule with its id and remaining count, as listed by `faults.list()`. */
export interface ActiveFault extends FaultRule {
  id: number;
  remaining: number | null;
  hits: number;
}
