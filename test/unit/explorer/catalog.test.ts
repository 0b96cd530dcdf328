import { describe, expect, it } from 'vitest';
import { PLEO_ENDPOINTS, TASKS } from '../../../src/shared/catalog/pleo-catalog.js';
import { isScopeToken } from '../../../src/shared/catalog/scopes.js';
import { pathProblem } from '../../../src/shared/catalog/request-shape.js';

describe('built-in Pleo endpoint catalog', () => {
  it('is consistent: unique ids, known tasks, declared path parameters, valid scopes and paths', () => {
    const ids = new Set<string>();
    for (const e of PLEO_ENDPOINTS) {
      expect(ids.has(e.id), e.id).toBe(false);
      ids.add(e.id);
      expect(
        TASKS.some((t) => t.id === e.task),
        e.id,
      ).toBe(true);
      const placeholders = [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(
        e.params.filter((p) => p.in === 'path').map((p) => p.name),
        e.id,
      ).toEqual(placeholders);
      expect(pathProblem(e.path.replace(/\{[^}]+\}/g, 'x')), e.id).toBeUndefined();
      for (const s of e.scopes) expect(isScopeToken(s), s).toBe(true);
      if (e.paginated)
        expect(
          e.params.map((p) => p.name),
          e.id,
        ).toEqual(expect.arrayContaining(['after', 'before', 'limit']));
      if (e.body) expect(e.method).not.toBe('GET');
      expect(e.description.length).toBeGreaterThan(20);
    }
    // Every partner task has endpoints, and the three named in the issue exist.
    for (const t of TASKS)
      expect(
        PLEO_ENDPOINTS.some((e) => e.task === t.id),
        t.id,
      ).toBe(true);
    expect(TASKS.map((t) => t.title)).toEqual(expect.arrayContaining(['Who am I?', 'List employees', 'Export expenses']));
  });

  // Agreement with Pleo's published OpenAPI files (paths, parameters, flags, bodies) and with
  // the simulator's routes is checked in catalog-contract.test.ts.
});
