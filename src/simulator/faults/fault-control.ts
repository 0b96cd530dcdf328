import { FAULT_TARGETS, type ActiveFault, type FaultAction, type FaultRule, type FaultTarget } from './fault-types.js';

/**
 * Programmatic control of fault injection (`sim.faults`). The same object backs the HTTP
 * control endpoint. In normal mode every mutating call throws: the control interface exists only
 * in test and demo mode.
 */
export interface FaultControl {
  readonly enabled: boolean;
  /** Replaces all rules. Returns the ids of the new rules. */
  set(rules: FaultRule | FaultRule[]): number[];
  /** Adds rules after the existing ones (the first matching rule wins). */
  add(rules: FaultRule | FaultRule[]): number[];
  remove(id: number): boolean;
  clear(): void;
  list(): ActiveFault[];
}

const ACTION_TYPES = new Set<FaultAction['type']>(['status', 'drop', 'hang', 'truncate', 'slow-body', 'patch-json', 'redirect-params']);

/** Checks a rule that may come from JSON over HTTP; throws a readable error if it is wrong. */
export function validateRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('a fault rule must be an object');
  const rule = input as Record<string, unknown>;
  if (!FAULT_TARGETS.includes(rule.target as FaultTarget)) {
    throw new TypeError(`target must be one of ${FAULT_TARGETS.join(', ')}`);
  }
  for (const key of ['count', 'delayMs'] as const) {
    const value = rule[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new TypeError(`${key} must be a non-negative integer`);
    }
  }
  for (const key of ['pathPrefix', 'method', 'grantType'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') throw new TypeError(`${key} must be a string`);
  }
  if (rule.action !== undefined) {
    const action = rule.action as Record<string, unknown>;
    if (typeof action !== 'object' || action === null || !ACTION_TYPES.has(action.type as FaultAction['type'])) {
      throw new TypeError(`action.type must be one of ${[...ACTION_TYPES].join(', ')}`);
    }
    if (
      action.type === 'status' &&
      (typeof action.status !== 'number' || !Number.isInteger(action.status) || action.status < 100 || action.status > 599)
    ) {
      throw new TypeError('action.status must be an HTTP status code');
    }
  }
  if (rule.delayMs === undefined && rule.action === undefined) throw new TypeError('a fault rule needs delayMs or an action');
  return rule as unknown as FaultRule;
}

/** Which family of routes a request path belongs to. */
export function targetsOf(pathname: string): Set<FaultTarget> {
  const targets = new Set<FaultTarget>(['any']);
  if (pathname === '/oauth/token') targets.add('token');
  else if (pathname === '/oauth/token/introspect') targets.add('introspection');
  else if (pathname === '/oauth/token/revoke') targets.add('revocation');
  else if (pathname.startsWith('/oauth/authorize') || pathname.startsWith('/interaction/')) targets.add('authorize');
  if (pathname.startsWith('/oauth/') || pathname.startsWith('/interaction/')) targets.add('auth');
  else targets.add('api');
  return targets;
}

export class FaultRegistry implements FaultControl {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  /** How many requests got a fault, for stats. */
  applied = 0;

  constructor(readonly enabled: boolean) {}

  private guard(): void {
    if (!this.enabled) throw new Error('fault injection is available only when the simulator runs in test or demo mode');
  }

  set(rules: FaultRule | FaultRule[]): number[] {
    this.guard();
    this.rules = [];
    return this.add(rules);
  }

  add(rules: FaultRule | FaultRule[]): number[] {
    this.guard();
    const list = (Array.isArray(rules) ? rules : [rules]).map(validateRule);
    return list.map((rule) => {
      const id = this.nextId;
      this.nextId += 1;
      this.rules.push({ ...rule, id, remaining: rule.count ?? null, hits: 0 });
      return id;
    });
  }

  remove(id: number): boolean {
    this.guard();
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.guard();
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** True if some rule needs the token request's grant type (so the body must be read first). */
  needsGrantType(pathname: string): boolean {
    return (
      pathname === '/oauth/token' &&
      this.rules.some((r) => r.grantType !== undefined && (r.target === 'token' || r.target === 'auth' || r.target === 'any'))
    );
  }

  /** The first rule matching a request, without using it up (see consume). */
  match(request: { pathname: string; method: string; grantType?: string | undefined }): ActiveFault | undefined {
    if (this.rules.length === 0) return undefined;
    const targets = targetsOf(request.pathname);
    return this.rules.find(
      (r) =>
        targets.has(r.target) &&
        (r.pathPrefix === undefined || request.pathname.startsWith(r.pathPrefix)) &&
        (r.method === undefined || r.method.toUpperCase() === request.method) &&
        (r.grantType === undefined || r.grantType === request.grantType) &&
        (r.remaining === null || r.remaining > 0),
    );
  }

  /**
   * Uses up one application of a rule. Most rules are consumed as soon as they match; a
   * `redirect-params` rule only when a redirect to the client was actually edited, because the
   * authorize family also answers redirects to the login pages.
   */
  consume(rule: ActiveFault): void {
    rule.hits += 1;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    this.applied += 1;
  }
}
