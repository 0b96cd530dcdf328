import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { createOnboardingFeature } from '../../../src/core/onboarding/onboarding-feature.js';
import { progressKey } from '../../../src/core/onboarding/progress-store.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import { failure } from '../../../src/shared/result.js';
import type { ChecklistView, StepId } from '../../../src/shared/onboarding.js';
import type { RunCheckResult } from '../../../src/shared/contract/onboarding-channels.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import { fakeAuth, fakeExplorer, fakeServices, memoryBackend, simulatorEnv } from './fakes.js';

function setup(opts: { settings?: KeyValueBackend; env?: ReturnType<typeof simulatorEnv>; fetch?: typeof fetch } = {}) {
  const env = opts.env ?? simulatorEnv();
  const envs = [
    env,
    simulatorEnv({
      id: 'pleo-staging',
      kind: 'pleo-staging',
      name: 'Pleo staging',
      clientId: 'stg-client',
      apiBase: 'https://external.staging.pleo.io',
    }),
  ];
  const auth = fakeAuth(envs);
  const s = fakeServices(opts.settings ?? memoryBackend());
  const explorer = fakeExplorer();
  const feature = createOnboardingFeature(s.services, {
    auth: auth.api,
    explorer: explorer.api,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const call = async <T>(channel: string, payload: unknown = {}) => {
    const r = await dispatch(feature.handlers as HandlerTable, channel, payload);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { appError: r.error });
    return r.value as T;
  };
  const callRaw = (channel: string, payload: unknown = {}) => dispatch(feature.handlers as HandlerTable, channel, payload);
  const status = (v: ChecklistView, id: StepId) => v.steps.find((x) => x.id === id)!.status;
  return { env, envs, auth, explorer, ...s, feature, call, callRaw, status };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('onboarding feature', () => {
  it('starts empty: eight steps, nothing done, step 8 is "coming next"', async () => {
    const { call } = setup();
    const v = await call<ChecklistView>('onboarding.get');
    expect(v.steps.map((s) => s.id)).toEqual([
      'access-requested',
      'client-registered',
      'staging-access',
      'credentials-stored',
      'authorized',
      'refresh-works',
      'first-api-call',
      'export-next',
    ]);
    expect(v.steps.every((s) => s.status === 'not-started')).toBe(true);
    expect(v).toMatchObject({ done: 0, total: 7, pdfAvailable: false });
    expect(v.steps[7]!.comingNext).toBe(true);
    expect(v.steps.find((s) => s.id === 'staging-access')!.proof).toBe('automatic');
  });

  it("derives steps 4-6 from the sign-in engine's evidence and emits onboarding.changed", async () => {
    const { auth, env, call, status, emitted } = setup();
    const base = { environmentId: env.id, clientId: env.clientId };
    auth.emit({
      ...base,
      kind: 'credentials-checked',
      summary: '',
      details: { credentialCheck: { outcome: 'accepted', checkedAt: 1, detail: '' } },
    });
    auth.emit({
      ...base,
      kind: 'signed-in',
      summary: 'subject urn:pleo:company:SECRETSUBJECT',
      details: { grantedScopes: ['users:read'], subject: 'urn:pleo:company:abc' },
    });
    auth.emit({ ...base, kind: 'refreshed', summary: '', details: { rotated: true } });
    env.hasClientSecret = true;
    const v = await call<ChecklistView>('onboarding.get');
    expect(status(v, 'credentials-stored')).toBe('done');
    expect(status(v, 'authorized')).toBe('done');
    expect(status(v, 'refresh-works')).toBe('done');
    const signIn = v.steps.find((s) => s.id === 'authorized')!.evidence[0]!;
    expect(signIn.result).toContain('users:read');
    expect(signIn.facts?.subject).toBe('urn:pleo:company:abc');
    // Our own summary, not the engine's free text.
    expect(JSON.stringify(v)).not.toContain('SECRETSUBJECT');
    await vi.waitFor(() => expect(emitted.filter((e) => e.event === 'onboarding.changed').length).toBeGreaterThanOrEqual(3));
  });

  it('a rejected secret fails step 4; a denied consent fails step 5; a cancel does not', async () => {
    const { auth, env, call, status } = setup();
    env.hasClientSecret = true;
    const base = { environmentId: env.id, clientId: env.clientId, summary: '' };
    auth.emit({ ...base, kind: 'credentials-checked', details: { credentialCheck: { outcome: 'rejected', checkedAt: 1, detail: '' } } });
    auth.emit({ ...base, kind: 'sign-in-failed', details: { errorCode: 'AUTH_DENIED' } });
    let v = await call<ChecklistView>('onboarding.get');
    expect(status(v, 'credentials-stored')).toBe('failed');
    expect(v.steps.find((s) => s.id === 'credentials-stored')!.evidence[0]!.errorCode).toBe('CLIENT_SECRET_REJECTED');
    expect(status(v, 'authorized')).toBe('failed');
    auth.emit({ ...base, kind: 'signed-in', details: {} });
    auth.emit({ ...base, kind: 'sign-in-failed', details: { errorCode: 'FLOW_CANCELLED' } });
    v = await call<ChecklistView>('onboarding.get');
    expect(status(v, 'authorized')).toBe('done');
  });

  it('a sign-in under way shows step 5 in progress (from auth.flowProgress)', async () => {
    const { env, services, call, status } = setup();
    services.events.emit('auth.flowProgress', {
      flowId: 'f',
      environmentId: env.id,
      phase: 'waiting-for-callback',
      callbackMode: 'private-scheme',
    });
    expect(status(await call('onboarding.get'), 'authorized')).toBe('in-progress');
    services.events.emit('auth.flowProgress', { flowId: 'f', environmentId: env.id, phase: 'cancelled', callbackMode: 'private-scheme' });
    expect(status(await call('onboarding.get'), 'authorized')).toBe('not-started');
  });

  it('manual confirmation records who and when; automatic steps refuse it', async () => {
    const { call, callRaw, status } = setup();
    const v = await call<ChecklistView>('onboarding.confirmManual', { stepId: 'access-requested', confirmedBy: '  Alex Example ' });
    const e = v.steps[0]!.evidence[0]!;
    expect(status(v, 'access-requested')).toBe('done');
    expect(e).toMatchObject({ how: 'manual', outcome: 'passed', facts: { confirmedBy: 'Alex Example' } });
    expect(e.at).toBeGreaterThan(0);
    const refused = await callRaw('onboarding.confirmManual', { stepId: 'staging-access', confirmedBy: 'Alex' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STEP_LOCKED' } });
    const tooLong = await callRaw('onboarding.confirmManual', { stepId: 'client-registered', confirmedBy: 'x'.repeat(81) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const notManual = await callRaw('onboarding.confirmManual', { stepId: 'first-api-call', confirmedBy: 'Alex' });
    expect(notManual).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('on Pleo staging, step 3 is manual and "Run check" is refused', async () => {
    const { call, callRaw } = setup();
    const v = await call<ChecklistView>('onboarding.confirmManual', {
      environmentId: 'pleo-staging',
      stepId: 'staging-access',
      confirmedBy: 'Sam',
    });
    expect(v.steps[2]).toMatchObject({ proof: 'manual', status: 'done', actions: ['open-staging', 'confirm'] });
    expect(await callRaw('onboarding.runCheck', { environmentId: 'pleo-staging', stepId: 'staging-access' })).toMatchObject({
      ok: false,
      error: { code: 'STEP_LOCKED' },
    });
  });

  it('prepares step 1 and 2 texts, including the exact redirect URI, and copies them', async () => {
    const { call, callRaw, clipboard, env } = setup();
    const v = await call<ChecklistView>('onboarding.saveDetails', {
      company: 'Acme Books',
      targetErp: 'NetSuite',
      plannedUsage: 'Export expenses nightly',
    });
    expect(v.steps[0]!.status).toBe('in-progress');
    const summary = v.steps[0]!.prepared!.find((p) => p.id === 'summary')!.value;
    expect(summary).toContain('Company / organisation: Acme Books');
    expect(summary).toContain('NetSuite');
    const reg = v.steps[1]!.prepared!;
    expect(reg.find((p) => p.id === 'redirect-uri')!.value).toBe(env.redirectUri);
    expect(reg.find((p) => p.id === 'client-name')!.value).toBe('Acme Books integration');
    expect(reg.find((p) => p.id === 'pkce')!.value).toMatch(/S256/);
    await call('onboarding.copy', { stepId: 'client-registered', itemId: 'redirect-uri' });
    expect(clipboard).toEqual([env.redirectUri]);
    expect(await callRaw('onboarding.copy', { stepId: 'client-registered', itemId: 'client-uri' })).toMatchObject({ ok: false });
  });

  it('keeps progress per environment + Client ID, survives a restart, and reset starts over', async () => {
    const settings = memoryBackend();
    const a = setup({ settings });
    await a.call('onboarding.confirmManual', { stepId: 'access-requested', confirmedBy: 'Alex' });
    // Another client on the same environment has its own, empty checklist.
    a.env.clientId = 'other-client';
    expect((await a.call<ChecklistView>('onboarding.get')).done).toBe(0);
    a.env.clientId = 'sim-client-0001';
    expect((await a.call<ChecklistView>('onboarding.get')).done).toBe(1);
    // Another environment is separate too.
    expect((await a.call<ChecklistView>('onboarding.get', { environmentId: 'pleo-staging' })).done).toBe(0);
    // A new feature instance on the same settings (an app restart) sees the progress.
    const b = setup({ settings });
    expect((await b.call<ChecklistView>('onboarding.get')).done).toBe(1);
    const reset = await b.call<ChecklistView>('onboarding.reset', { environmentId: 'simulator' });
    expect(reset.done).toBe(0);
    expect(reset.steps.every((s) => s.evidence.length === 0)).toBe(true);
    expect(settings.get(progressKey('simulator', 'sim-client-0001'))).toBeUndefined();
  });

  it('stores progress under dotted ids correctly in a real conf store, and only non-secret data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'onb-'));
    try {
      const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as unknown as KeyValueBackend;
      const env = simulatorEnv({ id: 'custom.env:1', clientId: 'client.with.dots' });
      const a = setup({ settings: conf, env, fetch: (async () => jsonResponse(200, { data: [] })) as unknown as typeof fetch });
      await a.call('onboarding.confirmManual', { stepId: 'client-registered', confirmedBy: 'Alex' });
      // A check that uses the access token, so the assertion below could fail.
      a.auth.setStatus({ signedIn: true, grantedScopes: ['users:read'] });
      expect((await a.call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' })).passed).toBe(true);
      const b = setup({
        settings: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }) as unknown as KeyValueBackend,
        env,
      });
      expect((await b.call<ChecklistView>('onboarding.get')).steps[1]!.status).toBe('done');
      expect(JSON.stringify(conf.store)).not.toContain('access-token-canary');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops a corrupted record instead of trusting it', async () => {
    const settings = memoryBackend();
    settings.set(progressKey('simulator', 'sim-client-0001'), { version: 1, evidence: 'nope' });
    const { call } = setup({ settings });
    expect((await call<ChecklistView>('onboarding.get')).done).toBe(0);
  });

  describe('first API call', () => {
    it('needs a sign-in first (no evidence recorded)', async () => {
      const { call } = setup();
      const r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r).toMatchObject({ passed: false, error: { code: 'NOT_SIGNED_IN', step: 'authorized' } });
      expect(r.view.steps[6]!.evidence).toHaveLength(0);
    });

    it('GET /v2/employees with the bearer token: 200 proves the step', async () => {
      const seen: Array<{ url: string; auth: string | null; redirect?: RequestRedirect }> = [];
      const fetchImpl = (async (url: string, init: RequestInit) => {
        seen.push({ url, auth: new Headers(init.headers).get('authorization'), ...(init.redirect ? { redirect: init.redirect } : {}) });
        return jsonResponse(200, { data: [{ id: 1 }, { id: 2 }, { id: 3 }] });
      }) as unknown as typeof fetch;
      const { call, auth } = setup({ fetch: fetchImpl });
      auth.setStatus({ signedIn: true, grantedScopes: ['users:read'] });
      const r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r.passed).toBe(true);
      expect(r.view.steps[6]).toMatchObject({ status: 'done' });
      expect(r.view.steps[6]!.evidence[0]).toMatchObject({
        result: '200 OK: 3 employees listed.',
        facts: { httpStatus: 200, itemCount: 3 },
      });
      expect(seen).toEqual([{ url: 'http://127.0.0.1:9/v2/employees', auth: 'Bearer access-token-canary-123456', redirect: 'manual' }]);
      expect(JSON.stringify(r)).not.toContain('access-token-canary');
    });

    it('retries once with a forced refresh after a 401', async () => {
      let n = 0;
      const fetchImpl = (async () =>
        ++n === 1 ? new Response('', { status: 401 }) : jsonResponse(200, { data: [] })) as unknown as typeof fetch;
      const { call, auth } = setup({ fetch: fetchImpl });
      auth.setStatus({ signedIn: true, grantedScopes: ['users:read'] });
      const r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r.passed).toBe(true);
      expect(auth.calls).toEqual([{ env: 'simulator' }, { env: 'simulator', forceRefresh: true }]);
    });

    it('explains an ended session, a 403 and a missing scope', async () => {
      const fetchImpl = (async () => new Response('{}', { status: 403 })) as unknown as typeof fetch;
      const { call, auth } = setup({ fetch: fetchImpl });
      auth.setStatus({ signedIn: true, grantedScopes: ['users:read'] });
      let r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r).toMatchObject({ passed: false, error: { code: 'API_FORBIDDEN', step: 'first-api-call' } });
      expect(r.view.steps[6]!.status).toBe('failed');
      auth.failToken(failure('SESSION_ENDED', 'ended'));
      r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r.error).toMatchObject({ code: 'SESSION_ENDED' });
      expect(r.error!.hint).toMatch(/sign in again/i);
      auth.failToken(undefined);
      auth.setStatus({ signedIn: true, grantedScopes: ['export-items:read'] });
      r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'first-api-call' });
      expect(r.error).toMatchObject({ code: 'API_FORBIDDEN' });
      expect(r.view.steps[6]!.evidence[0]!.result).toMatch(/users:read/);
    });
  });

  it('step 3 on the simulator: proven by the simulator answering', async () => {
    const urls: string[] = [];
    const ok = (async (url: string) => (urls.push(url), new Response('', { status: 400 }))) as unknown as typeof fetch;
    const r = await setup({ fetch: ok }).call<RunCheckResult>('onboarding.runCheck', { stepId: 'staging-access' });
    expect(r.passed).toBe(true);
    expect(r.view.steps[2]!.status).toBe('done');
    expect(urls.sort()).toEqual(['http://127.0.0.1:9/oauth/authorize', 'http://127.0.0.1:9/v2/employees']);
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const r2 = await setup({ fetch: down }).call<RunCheckResult>('onboarding.runCheck', { stepId: 'staging-access' });
    expect(r2).toMatchObject({ passed: false, error: { code: 'SIMULATOR_UNAVAILABLE' } });
  });

  it("step 6 check forces a refresh and uses the engine's rotation evidence", async () => {
    const { call, auth, env } = setup();
    auth.api.refresh = async () => {
      auth.emit({ environmentId: env.id, clientId: env.clientId, kind: 'refreshed', summary: '', details: { rotated: true } });
      return auth.api.status(env.id);
    };
    const r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'refresh-works' });
    expect(r.passed).toBe(true);
    expect(r.view.steps[5]!.status).toBe('done');
    expect(r.view.steps[5]!.evidence).toHaveLength(1);
  });

  it('step 6 check records a failure itself when the engine reports none', async () => {
    const { call, auth } = setup();
    auth.failToken(failure('SESSION_ENDED', 'Your session has ended.'));
    const r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'refresh-works' });
    expect(r).toMatchObject({ passed: false, error: { code: 'SESSION_ENDED', step: 'refresh-works' } });
    expect(r.view.steps[5]!.status).toBe('failed');
  });

  it('a 200 from GET /v2/employees in the API explorer also proves step 7; explorer failures do not fail it', async () => {
    const { explorer, env, call, status } = setup();
    const base = { environmentId: env.id, method: 'GET', at: Date.now() };
    explorer.emit({ ...base, path: '/v2/employees', status: 403, ok: false, errorCode: 'API_FORBIDDEN' });
    explorer.emit({ ...base, path: '/v1/companies', status: 200, ok: true });
    expect(status(await call('onboarding.get'), 'first-api-call')).toBe('not-started');
    explorer.emit({ ...base, path: '/v2/employees', status: 200, ok: true });
    const v = await call<ChecklistView>('onboarding.get');
    expect(status(v, 'first-api-call')).toBe('done');
    expect(v.steps[6]!.evidence[0]!.checked).toMatch(/API explorer/);
  });

  it("step 4 check runs the engine's credential probe; a rejection fails the step with advice", async () => {
    const { call, callRaw, auth, env } = setup();
    expect(await callRaw('onboarding.runCheck', { stepId: 'credentials-stored' })).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_MISSING' },
    });
    env.hasClientSecret = true;
    let r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'credentials-stored' });
    expect(r.passed).toBe(true);
    expect(r.view.steps[3]!.status).toBe('done');
    auth.setCredentialOutcome('rejected');
    r = await call<RunCheckResult>('onboarding.runCheck', { stepId: 'credentials-stored' });
    expect(r).toMatchObject({ passed: false, error: { code: 'CLIENT_SECRET_REJECTED', step: 'credentials-stored' } });
    expect(r.view.steps[3]!.status).toBe('failed');
    // Recorded once (by the engine's evidence), not twice.
    expect(r.view.steps[3]!.evidence).toHaveLength(2);
  });

  it('stops listening on dispose', async () => {
    const { feature, auth, explorer } = setup();
    expect(auth.listenerCount()).toBe(1);
    expect(explorer.listenerCount()).toBe(1);
    await feature.dispose();
    expect(auth.listenerCount()).toBe(0);
    expect(explorer.listenerCount()).toBe(0);
  });
});
