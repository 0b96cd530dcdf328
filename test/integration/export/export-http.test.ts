/**
 * The export's HTTP policies against a scripted API on 127.0.0.1: Retry-After in seconds and
 * as an HTTP date (fake clock, capped at 60 s), one refresh after a 401, a POST event never
 * resent after a cut connection, and Pleo's error types explained instead of raw statuses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExportHttp } from '../../../src/core/export/export-http.js';
import { explainExportAnswer } from '../../../src/core/export/export-errors.js';
import { fakeAuth, testEnv } from '../../unit/explorer/fakes.js';
import { startFakeApi, type FakeApi } from '../explorer/fake-api.js';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function setup(now = 1_800_000_000_000) {
  const env = testEnv(api!.url);
  const auth = fakeAuth(env);
  const waits: number[] = [];
  const http = createExportHttp({
    auth: auth.api,
    environmentId: env.id,
    appVersion: 't',
    now: () => now,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  });
  return { http, auth, waits };
}

describe('export HTTP policies', () => {
  it('429: waits as Retry-After says (seconds or HTTP date), never longer than 60 s', async () => {
    let n = 0;
    const now = Date.UTC(2027, 0, 1, 12, 0, 0);
    api = await startFakeApi({
      '/v3/export-items': (_q, res) => {
        n++;
        if (n === 1) return void res.writeHead(429, { 'retry-after': '2' }).end();
        if (n === 2) return void res.writeHead(429, { 'retry-after': new Date(now + 5000).toUTCString() }).end();
        if (n === 3) return void res.writeHead(429, { 'retry-after': '3600' }).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"pagination":{"hasNextPage":false}}');
      },
    });
    const t = setup(now);
    const answer = await t.http.call('GET', '/v3/export-items');
    expect(answer.status).toBe(200);
    expect(t.waits).toEqual([2000, 5000, 60_000]);
    expect(t.http.stats.rateLimited).toBe(3);
  });

  it('401: one forced refresh naming the rejected token, then the call goes on', async () => {
    api = await startFakeApi({
      '/v3/export-jobs': (req, res) => {
        if (req.headers.authorization?.endsWith('-1')) return void res.writeHead(401).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
      },
    });
    const t = setup();
    expect((await t.http.call('GET', '/v3/export-jobs')).status).toBe(200);
    expect(t.auth.state.refreshes).toBe(1);
    expect(api.log.map((l) => l.authorization)).toEqual(['Bearer canary-access-token-1', 'Bearer canary-access-token-2']);
  });

  it('a POST event is not resent after the connection dropped (it may have reached Pleo)', async () => {
    api = await startFakeApi({
      '/v3/export-job-events': (req) => {
        req.socket.destroy();
      },
    });
    const t = setup();
    await expect(t.http.call('POST', '/v3/export-job-events', { body: { jobId: 'x', event: 'started' } })).rejects.toMatchObject({
      name: 'AppFailure',
    });
    expect(api.log).toHaveLength(1);
  });

  it('a GET is retried after the connection dropped', async () => {
    let n = 0;
    api = await startFakeApi({
      '/v3/export-items': (req, res) => {
        if (++n === 1) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
      },
    });
    const t = setup();
    expect((await t.http.call('GET', '/v3/export-items')).status).toBe(200);
    expect(api.log).toHaveLength(2);
    expect(t.waits).toHaveLength(1);
  });

  it.each([
    [409, 'EXPORT_ALREADY_IN_PROGRESS', 'EXPORT_ALREADY_IN_PROGRESS'],
    [422, 'EXPORT_JOB_STATUS_UNPROCESSABLE', 'EXPORT_JOB_STATUS_UNPROCESSABLE'],
    [422, 'INVALID_EXPORT_JOB_STATUS_CHANGE', 'INVALID_EXPORT_JOB_STATUS_CHANGE'],
    [413, 'EXPORT_JOB_ITEMS_UPDATE_LIMIT', 'EXPORT_JOB_ITEMS_UPDATE_LIMIT'],
  ])('%i %s is explained in plain language with what to do', (status, type, code) => {
    const e = explainExportAnswer({ status, body: { type, message: 'm' }, pleoError: { type, message: 'm' } }, 'Doing it');
    expect(e.appError.code).toBe(code);
    expect(e.appError.hint).toBeTruthy();
    expect(e.appError.serverText).toContain(type);
    expect(e.appError.message).not.toMatch(/^\d{3}/);
  });
});
