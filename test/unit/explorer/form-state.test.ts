import { describe, expect, it } from 'vitest';
import { PLEO_ENDPOINTS } from '../../../src/shared/catalog/pleo-catalog.js';
import { buildRequest, formFromEndpoint, formFromRequest } from '../../../src/renderer/explorer/form-state.js';

const ep = (id: string) => PLEO_ENDPOINTS.find((e) => e.id === id)!;

describe('request builder form', () => {
  it('starts an endpoint with its template, a page size for lists and its example body', () => {
    expect(formFromEndpoint(ep('employees-list'))).toMatchObject({ method: 'GET', path: '/v2/employees', queryValues: { limit: '10' } });
    expect(JSON.parse(formFromEndpoint(ep('export-job-events-create')).body)).toEqual({
      jobId: '00000000-0000-0000-0000-000000000000',
      event: 'started',
    });
  });

  it('builds the request: path values encoded, arrays repeated, typed values checked', () => {
    const form = {
      ...formFromEndpoint(ep('export-jobs-list')),
      queryValues: { limit: '5', statuses: 'pending, in_progress', company_id: 'not-a-uuid' },
    };
    const built = buildRequest(form, ep('export-jobs-list'));
    expect(built.problems).toEqual([]);
    expect(built.request!.query).toEqual([
      ['company_id', 'not-a-uuid'],
      ['statuses', 'pending'],
      ['statuses', 'in_progress'],
      ['limit', '5'],
    ]);
    const bad = buildRequest({ ...form, queryValues: { limit: 'ten', statuses: 'done' } }, ep('export-jobs-list'));
    expect(bad.request).toBeUndefined();
    expect(bad.problems.join(' ')).toMatch(/"limit" must be a whole number/);
    expect(bad.problems.join(' ')).toMatch(/"statuses" must be one of pending/);
  });

  it('reports missing path and required parameters, cursor conflicts, bad JSON and credential query names', () => {
    const vendors = buildRequest(formFromEndpoint(ep('vendors-search')), ep('vendors-search'));
    expect(vendors.problems).toContain('Fill in the query parameter "company_id".');
    const job = buildRequest(formFromEndpoint(ep('export-jobs-get')), ep('export-jobs-get'));
    expect(job.problems).toContain('Fill in the path parameter "jobId".');
    const filled = buildRequest({ ...formFromEndpoint(ep('export-jobs-get')), pathValues: { jobId: 'job 1' } }, ep('export-jobs-get'));
    expect(filled.request?.path).toBe('/v3/export-jobs/job%201');
    // A "/" in a value would become an encoded separator, which is refused (API-12).
    const slash = buildRequest({ ...formFromEndpoint(ep('export-jobs-get')), pathValues: { jobId: '../admin' } }, ep('export-jobs-get'));
    expect(slash.request).toBeUndefined();
    const both = buildRequest(
      { ...formFromEndpoint(ep('employees-list')), queryValues: { after: 'AA', before: 'BB' } },
      ep('employees-list'),
    );
    expect(both.problems).toContain('Use only one of after, before and offset.');
    const json = buildRequest({ ...formFromEndpoint(ep('export-jobs-create')), body: '{nope' }, ep('export-jobs-create'));
    expect(json.problems[0]).toMatch(/not valid JSON/);
    const token = buildRequest(
      { ...formFromEndpoint(ep('introspect')), extraQuery: [{ name: 'access_token', value: 'x' }] },
      ep('introspect'),
    );
    expect(token.request).toBeUndefined();
  });

  it('turns a history request back into the form (replay / load)', () => {
    const form = formFromRequest(
      {
        method: 'GET',
        path: '/v3/export-jobs',
        query: [
          ['statuses', 'pending'],
          ['statuses', 'failed'],
          ['x', '1'],
        ],
        endpointId: 'export-jobs-list',
      },
      ep('export-jobs-list'),
    );
    expect(form.queryValues).toEqual({ statuses: 'pending,failed' });
    expect(form.extraQuery).toEqual([{ name: 'x', value: '1' }]);
    expect(buildRequest(form, ep('export-jobs-list')).request!.query).toEqual([
      ['statuses', 'pending'],
      ['statuses', 'failed'],
      ['x', '1'],
    ]);
  });
});
