/**
 * The explorer's main-process side against real HTTP on 127.0.0.1: a fake Pleo API and an
 * "evil" server whose log must stay empty. Named after security-test-plan §7.5 (API-xx).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createExplorerFeature } from '../../../src/core/explorer/explorer-feature.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import type { ExplorerResponse } from '../../../src/shared/contract/explorer-channels.js';
import type { Result } from '../../../src/shared/result.js';
import { fakeAuth, fakeServices, memoryBackend, testEnv, TOKEN_PREFIX } from '../../unit/explorer/fakes.js';
import { json, pagedRoute, startFakeApi, type FakeApi, type Route } from './fake-api.js';
import { deferred } from '../../fixtures/gate.js';

let api: FakeApi;
let evil: FakeApi;

async function setup(routes: Record<string, Route>, opts: Parameters<typeof fakeAuth>[1] & { limits?: Record<string, number> } = {}) {
  api = await startFakeApi(routes);
  const env = testEnv(api.url);
  const auth = fakeAuth(env, opts);
  const fx = fakeServices(memoryBackend());
  const feature = createExplorerFeature(fx.services, { auth: auth.api, limits: { serverErrorBackoffMs: 5, ...opts.limits } });
  const call = <T>(channel: string, payload: unknown) => dispatch(feature.handlers as HandlerTable, channel, payload) as Promise<Result<T>>;
  const send = async (payload: Record<string, unknown>) =>
    call<ExplorerResponse>('explorer.send', { method: 'GET', query: [], ...payload });
  return { env, auth, fx, feature, call, send };
}

beforeEach(async () => {
  evil = await startFakeApi({ '/x': (_q, res) => json(res, 200, { stolen: true }), '/': (_q, res) => json(res, 200, {}) });
});
afterEach(async () => {
  await api?.close();
  await evil.close();
});

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
};
const error = (r: Result<unknown>) => {
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('explorer over HTTP', () => {
  it('sends GET with the bearer token in the header only and returns the body as text', async () => {
    const t = await setup({ '/v2/employees': pagedRoute(3) });
    const r = value(await t.send({ path: '/v2/employees', query: [['limit', '2']], endpointId: 'employees-list' }));
    expect(r.status).toBe(200);
    expect(typeof r.body).toBe('string');
    expect(JSON.parse(r.body).data).toHaveLength(2);
    expect(r.bodyKind).toBe('json');
    expect(r.bodyState).toBe('complete');
    expect(r.url).toBe(`${api.url}/v2/employees?limit=2`);
    expect(api.log[0]!.authorization).toBe(`Bearer ${TOKEN_PREFIX}1`);
    expect(api.log[0]!.url).not.toContain('token');
    expect(JSON.stringify(r)).not.toContain(TOKEN_PREFIX);
  });

  it('API-01 a 401 triggers exactly one refresh and one retry, then shows the success', async () => {
    let n = 0;
    const t = await setup({
      '/v2/employees': (req, res) =>
        n++ === 0 ? json(res, 401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' }) : pagedRoute(1)(req, res, '', []),
    });
    const r = value(await t.send({ path: '/v2/employees' }));
    expect(r.status).toBe(200);
    expect(r.refreshed).toBe(true);
    expect(r.attempts).toBe(2);
    expect(t.auth.state.refreshes).toBe(1);
    expect(api.log.map((l) => l.authorization)).toEqual([`Bearer ${TOKEN_PREFIX}1`, `Bearer ${TOKEN_PREFIX}2`]);
  });

  it('API-02 a 401 that persists after one refresh stops with "Pleo rejected your session"', async () => {
    const t = await setup({ '/v2/employees': (_q, res) => json(res, 401, { type: 'UNAUTHORIZED', message: 'JWT expired' }) });
    const r = value(await t.send({ path: '/v2/employees' }));
    expect(r.status).toBe(401);
    expect(r.explanation?.code).toBe('API_UNAUTHORIZED');
    expect(r.explanation?.title).toMatch(/rejected your session/);
    expect(r.explanation?.pleoError).toEqual({ type: 'UNAUTHORIZED', message: 'JWT expired' });
    expect(t.auth.state.refreshes).toBe(1);
    expect(api.log).toHaveLength(2);
  });

  it('API-03 a 401 whose refresh fails reports that the session ended', async () => {
    const t = await setup({ '/v2/employees': (_q, res) => json(res, 401, {}) }, { refreshFails: true });
    const e = error(await t.send({ path: '/v2/employees' }));
    expect(e.code).toBe('SESSION_ENDED');
    expect(api.log).toHaveLength(1);
  });

  it('API-15 a stale-token 401 after a concurrent refresh retries with the new token without refreshing again', async () => {
    const ref: { t?: Awaited<ReturnType<typeof setup>> } = {};
    let n = 0;
    const t = (ref.t = await setup({
      '/v2/employees': (req, res) => {
        if (n++ === 0) {
          ref.t!.auth.bump(); // another call refreshed meanwhile: v1 -> v2
          json(res, 401, {});
        } else pagedRoute(1)(req, res, '', []);
      },
    }));
    const r = value(await t.send({ path: '/v2/employees' }));
    expect(r.status).toBe(200);
    expect(t.auth.state.refreshes).toBe(0);
    expect(api.log[1]!.authorization).toBe(`Bearer ${TOKEN_PREFIX}2`);
  });

  it('API-04 a 403 insufficient_scope names the missing scope from WWW-Authenticate, without a refresh', async () => {
    const t = await setup(
      { '/v2/employees': (_q, res) => json(res, 403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="users:read"' }) },
      { granted: ['companies:read'] },
    );
    const r = value(await t.send({ path: '/v2/employees', endpointId: 'employees-list' }));
    expect(r.explanation?.code).toBe('API_FORBIDDEN');
    expect(r.explanation?.scopes).toEqual({
      required: ['users:read'],
      granted: ['companies:read'],
      missing: ['users:read'],
      fromHeader: true,
    });
    expect(r.explanation?.message).toContain('users:read');
    expect(t.auth.state.refreshes).toBe(0);
    expect(api.log).toHaveLength(1);
  });

  it('API-04 a bare 403 compares the catalog scope with the granted scopes', async () => {
    const t = await setup(
      { '/v2/employees': (_q, res) => json(res, 403, { type: 'ACCESS_DENIED', message: 'Access denied' }) },
      { granted: ['export-jobs:read'] },
    );
    const r = value(await t.send({ path: '/v2/employees' })); // no endpointId: matched by path
    expect(r.explanation?.scopes?.missing).toEqual(['users:read']);
    expect(r.explanation?.scopes?.fromHeader).toBe(false);
    expect(r.explanation?.pleoError?.type).toBe('ACCESS_DENIED');
  });

  it('API-05 a 429 shows Retry-After (seconds, HTTP-date, missing, garbage, negative, huge) and is never retried', async () => {
    const values: Array<string | undefined> = ['5', new Date(Date.now() + 20_000).toUTCString(), undefined, 'abc', '-3', '99999999'];
    let i = 0;
    const t = await setup({
      '/v2/employees': (_q, res) => {
        const v = values[i++];
        json(res, 429, { type: 'RATE_LIMITED' }, v === undefined ? {} : { 'retry-after': v });
      },
    });
    const seconds: Array<number | undefined> = [];
    for (let k = 0; k < values.length; k++) seconds.push(value(await t.send({ path: '/v2/employees' })).explanation?.retryAfterSeconds);
    expect(seconds[0]).toBe(5);
    expect(seconds[1]).toBeGreaterThanOrEqual(18);
    expect(seconds[1]).toBeLessThanOrEqual(21);
    expect(seconds.slice(2)).toEqual([30, 30, 30, 600]);
    expect(api.log).toHaveLength(values.length);
  });

  it('API-06 a 5xx on GET is retried a bounded number of times; a POST never is', async () => {
    const t = await setup({ '/v2/employees': (_q, res) => json(res, 503, {}), '/v1/vendors:search': (_q, res) => json(res, 502, {}) });
    const g = value(await t.send({ path: '/v2/employees' }));
    expect(g.explanation?.code).toBe('API_SERVER_ERROR');
    expect(g.explanation?.retries).toBe(2);
    expect(api.log.filter((l) => l.method === 'GET')).toHaveLength(3);
    const p = value(await t.send({ method: 'POST', path: '/v1/vendors:search', body: '{}' }));
    expect(p.status).toBe(502);
    expect(api.log.filter((l) => l.method === 'POST')).toHaveLength(1);
    expect(t.auth.state.refreshes).toBe(0);
  });

  it('API-07 a huge or endless body stops at the cap; the renderer gets a preview, not the whole body', async () => {
    const t = await setup(
      {
        '/big': (_q, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          let sent = 0;
          const pump = () => {
            while (sent < 400 && res.write(chunk)) sent++;
            if (sent < 400) res.once('drain', pump);
            else res.end();
          };
          pump();
        },
        '/medium': (_q, res) => json(res, 200, { pad: 'x'.repeat(300 * 1024) }),
      },
      { limits: { maxHoldBytes: 2 * 1024 * 1024, maxRendererBytes: 200 * 1024, previewBytes: 10 * 1024 } },
    );
    const big = value(await t.send({ path: '/big' }));
    expect(big.bodyState).toBe('truncated');
    expect(big.sizeBytes).toBe(2 * 1024 * 1024);
    expect(big.body.length).toBeLessThanOrEqual(10 * 1024);
    const medium = value(await t.send({ path: '/medium' }));
    expect(medium.bodyState).toBe('too-large');
    expect(medium.body.length).toBe(10 * 1024);
    // The whole medium body can still be saved to a file.
    const saved = value(await t.call<{ saved: boolean }>('explorer.saveResponse', { responseId: medium.responseId }));
    expect(saved.saved).toBe(true);
    expect((t.fx.saved[0]!.content as Uint8Array).byteLength).toBe(medium.sizeBytes);
  });

  it('API-08 non-JSON and odd bodies are returned safely as text or a hex dump', async () => {
    const t = await setup({
      '/html': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>'),
      '/bin': (_q, res) => void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0, 1, 2, 255, 0x41])),
      '/bom': (_q, res) =>
        void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])),
      '/bad-utf8': (_q, res) =>
        void res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    });
    expect(value(await t.send({ path: '/html' }))).toMatchObject({ bodyKind: 'text', body: '<script>alert(1)</script>' });
    const bin = value(await t.send({ path: '/bin' }));
    expect(bin.bodyKind).toBe('binary');
    expect(bin.body).toContain('00 01 02 ff 41');
    expect(JSON.parse(value(await t.send({ path: '/bom' })).body)).toEqual({ a: 1 });
    expect(value(await t.send({ path: '/bad-utf8' })).body).toBe('{"\uFFFD\uFFFD"}');
  });

  it('API-10 a malformed WWW-Authenticate falls back to the meaning of the status', async () => {
    const headers = [
      'Bearer scope="unclosed',
      'garbage ,,, ===',
      'Bearer abc==, scope=',
      'Bearer error="insufficient_scope", scope="<script>x</script> users:read"',
    ];
    let i = 0;
    const t = await setup({ '/v2/employees': (_q, res) => json(res, 403, {}, { 'www-authenticate': headers[i++]! }) }, { granted: [] });
    for (let k = 0; k < headers.length; k++) {
      const r = value(await t.send({ path: '/v2/employees' }));
      expect(r.explanation?.code).toBe('API_FORBIDDEN');
      for (const s of r.explanation?.scopes?.required ?? []) expect(s).not.toMatch(/[<>"]/);
    }
  });

  it('API-11 refuses a redirect to another origin and sends no token there', async () => {
    const t = await setup({
      '/v2/employees': (_q, res) => void res.writeHead(302, { location: `${evil.url}/x` }).end(),
      '/v1/companies': (_q, res) => void res.writeHead(307, { location: `${evil.url}/x` }).end(),
    });
    const r = value(await t.send({ path: '/v2/employees' }));
    expect(r.status).toBe(302);
    expect(r.explanation?.code).toBe('REDIRECT_REFUSED');
    expect(r.explanation?.redirectTo).toBe(`${evil.url}/x`);
    value(await t.send({ path: '/v1/companies' }));
    expect(evil.log).toHaveLength(0);
  });

  it('API-12 refuses explorer target injection: other origins, traversal, CRLF, credential query and forbidden headers', async () => {
    const t = await setup({ '/v2/employees': pagedRoute(1) });
    const evilHost = new URL(evil.url).host;
    const paths = [
      `${evil.url}/x`,
      `//${evilHost}/x`,
      `@${evilHost}/x`,
      `\\\\${evilHost}\\x`,
      '/..%2f..%2fadmin',
      '/v2/../../admin',
      '/v1/x?access_token=abc',
      '/v2/employees\r\nHost: evil',
      '/v2/employees#frag',
      'v2/employees',
    ];
    for (const path of paths) {
      const e = error(await t.send({ path }));
      expect(['ORIGIN_REFUSED', 'INVALID_PAYLOAD'], path).toContain(e.code);
    }
    expect(error(await t.send({ path: '/v2/employees', query: [['access_token', 'x']] })).code).toBe('ORIGIN_REFUSED');
    for (const h of ['Authorization', 'Host', 'Cookie', 'Proxy-Authorization', 'authorization']) {
      expect(error(await t.send({ path: '/v2/employees', headers: [[h, `${evilHost}`]] })).code).toBe('HEADER_REFUSED');
    }
    expect(error(await t.send({ path: '/v2/employees', headers: [['X-Test', 'a\r\nInjected: 1']] })).code).toBe('HEADER_REFUSED');
    expect(evil.log).toHaveLength(0);
    expect(api.log).toHaveLength(0);
  });

  it('API-13 a slow call can be cancelled: the server sees the socket close and no late result is returned', async () => {
    const arrived = deferred();
    const closed = deferred();
    const t = await setup({
      '/slow': (req) => {
        req.socket.on('close', () => closed.resolve());
        arrived.resolve(); // never answers
      },
    });
    const pending = t.send({ path: '/slow', requestId: 'slow-1' });
    await arrived.promise;
    expect(value(await t.call('explorer.cancel', { requestId: 'slow-1' }))).toEqual({ cancelled: true });
    expect(error(await pending).code).toBe('REQUEST_CANCELLED');
    await closed.promise; // the server saw the socket close (if it never did, the test times out)
  });

  it('API-14 a connection reset mid-body is "connection interrupted", not a success', async () => {
    const t = await setup({
      '/reset': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        res.write(Buffer.alloc(10 * 1024, 0x20), () => res.socket?.destroy());
      },
    });
    expect(error(await t.send({ path: '/reset' })).code).toBe('CONNECTION_INTERRUPTED');
  });

  it('reports an unreachable server in plain language', async () => {
    const t = await setup({});
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    t.env.apiBase = `http://127.0.0.1:${port}`;
    const e = error(await t.send({ path: '/v2/employees' }));
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.message).toMatch(/connection refused/);
  });

  it('shows Pleo { type, message } errors as such', async () => {
    const t = await setup({
      'POST /v3/export-jobs': (_q, res) => json(res, 409, { type: 'EXPORT_ALREADY_IN_PROGRESS', message: 'An export is already running.' }),
    });
    const r = value(await t.send({ method: 'POST', path: '/v3/export-jobs', body: '{"companyId":"c","accountingEntryIds":[]}' }));
    expect(r.explanation).toMatchObject({
      code: 'API_CLIENT_ERROR',
      pleoError: { type: 'EXPORT_ALREADY_IN_PROGRESS', message: 'An export is already running.' },
    });
    expect(api.log[0]!.headers['content-type']).toContain('application/json');
  });

  it('refuses a body that is not JSON before sending', async () => {
    const t = await setup({});
    expect(error(await t.send({ method: 'POST', path: '/v3/export-jobs', body: '{oops' })).code).toBe('BODY_INVALID');
    expect(api.log).toHaveLength(0);
  });
});

describe('fetch all', () => {
  it('follows the cursor envelope, reports progress and gathers every item', async () => {
    const t = await setup({ '/v2/employees': pagedRoute(25) });
    const r = value(
      await t.call<ExplorerResponse>('explorer.fetchAll', {
        method: 'GET',
        path: '/v2/employees',
        query: [['limit', '10']],
        requestId: 'all-1',
      }),
    );
    expect(r.fetchAll).toEqual({ pages: 3, items: 25, total: 25, complete: true, cancelled: false });
    expect(JSON.parse(r.body).data).toHaveLength(25);
    const progress = t.fx.events
      .filter((e) => e.event === 'explorer.fetchAllProgress')
      .map((e) => e.payload as { items: number; done: boolean });
    expect(progress.map((p) => p.items)).toEqual([10, 20, 25, 25]);
    expect(progress.at(-1)!.done).toBe(true);
    expect(api.log.map((l) => new URL(l.url, 'http://x').searchParams.get('after'))).toEqual([null, 'C10', 'C20']);
  });

  it('can be cancelled and keeps what it gathered, labelled incomplete', async () => {
    const ref: { t?: Awaited<ReturnType<typeof setup>> } = {};
    const page = pagedRoute(1000);
    const t = (ref.t = await setup({
      '/v2/employees': (req, res, b, l) => {
        // The third page is answered only after the cancel went through: ordered, not timed.
        if (api.log.length === 3) return void ref.t!.call('explorer.cancel', { requestId: 'all-2' }).then(() => page(req, res, b, l));
        void page(req, res, b, l);
      },
    }));
    const r = value(
      await t.call<ExplorerResponse>('explorer.fetchAll', {
        method: 'GET',
        path: '/v2/employees',
        query: [['limit', '10']],
        requestId: 'all-2',
      }),
    );
    expect(r.fetchAll?.cancelled).toBe(true);
    expect(r.fetchAll?.complete).toBe(false);
    expect(r.fetchAll?.items).toBeGreaterThanOrEqual(20);
    expect(api.log.length).toBeLessThan(6);
  });

  it('stops at a 429 mid-way and explains it, keeping earlier pages', async () => {
    const page = pagedRoute(100);
    const t = await setup({
      '/v2/employees': (req, res, b, l) => (api.log.length === 3 ? json(res, 429, {}, { 'retry-after': '7' }) : page(req, res, b, l)),
    });
    const r = value(
      await t.call<ExplorerResponse>('explorer.fetchAll', { method: 'GET', path: '/v2/employees', query: [['limit', '10']] }),
    );
    expect(r.fetchAll).toMatchObject({ pages: 2, items: 20, complete: false });
    expect(r.explanation?.retryAfterSeconds).toBe(7);
  });
});

describe('history, cURL and clipboard', () => {
  it('keeps a per-environment history without secrets and replays an entry', async () => {
    const t = await setup({ '/v2/employees': pagedRoute(3) });
    value(await t.send({ path: '/v2/employees', query: [['limit', '1']], endpointId: 'employees-list' }));
    const { entries } = value(
      await t.call<{ entries: Array<{ request: Record<string, unknown>; status: number }> }>('explorer.history', {}),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.status).toBe(200);
    expect(JSON.stringify(t.fx.services.settings.store)).not.toContain(TOKEN_PREFIX);
    const replay = value(await t.send(entries[0]!.request));
    expect(replay.status).toBe(200);
    expect(api.log[1]!.url).toBe(api.log[0]!.url);
    value(await t.call('explorer.clearHistory', {}));
    expect(value(await t.call<{ entries: unknown[] }>('explorer.history', {})).entries).toEqual([]);
  });

  it('copies cURL with a $PLEO_ACCESS_TOKEN placeholder and never the token', async () => {
    const t = await setup({});
    const r = value(
      await t.call<{ curl: string }>('explorer.copyCurl', {
        method: 'POST',
        path: '/v1/vendors:search',
        query: [['company_id', "it's"]],
        body: '{"name":"A\'B"}',
      }),
    );
    expect(t.fx.clipboard).toEqual([r.curl]);
    expect(r.curl).toContain('"Authorization: Bearer $PLEO_ACCESS_TOKEN"');
    expect(r.curl).toContain(`'${api.url}/v1/vendors:search?company_id=it%27s'`);
    expect(r.curl).toContain(`--data-raw '{"name":"A'\\''B"}'`);
    expect(r.curl).not.toContain(TOKEN_PREFIX);
    expect(api.log).toHaveLength(0);
  });

  it('copies the access token only on explicit request, and never in presenter mode', async () => {
    const t = await setup({});
    expect(error(await t.call('explorer.copyAccessToken', { confirm: false })).code).toBe('INVALID_PAYLOAD');
    // Main asks the user itself (issue 11 point 6): a "no" there copies nothing.
    t.fx.confirm.answer = false;
    expect(error(await t.call('explorer.copyAccessToken', { confirm: true })).code).toBe('NOT_CONFIRMED');
    expect(t.fx.clipboard).toEqual([]);
    t.fx.confirm.answer = true;
    value(await t.call('explorer.copyAccessToken', {}));
    expect(t.fx.clipboard).toEqual([`${TOKEN_PREFIX}1`]);
    expect(t.fx.confirmations.map((c) => c.kind)).toEqual(['copy-access-token', 'copy-access-token']);
    t.fx.services.preferences.update({ presenterMode: true });
    expect(error(await t.call('explorer.copyAccessToken', { confirm: true })).code).toBe('HIDDEN_IN_PRESENTER_MODE');
    expect(t.fx.clipboard).toHaveLength(1);
    expect(JSON.stringify(t.fx.logs)).not.toContain(TOKEN_PREFIX);
  });

  it('copies a response body and its headers from main', async () => {
    const t = await setup({ '/v2/employees': pagedRoute(2) });
    const r = value(await t.send({ path: '/v2/employees' }));
    value(await t.call('explorer.copyResponse', { responseId: r.responseId }));
    value(await t.call('explorer.copyResponse', { responseId: r.responseId, part: 'headers' }));
    expect(t.fx.clipboard[0]).toBe(r.body);
    expect(t.fx.clipboard[1]).toContain('content-type: application/json');
    expect(error(await t.call('explorer.copyResponse', { responseId: 'nope' })).code).toBe('RESPONSE_EXPIRED');
  });
});
