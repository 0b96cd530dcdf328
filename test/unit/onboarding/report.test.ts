import { describe, expect, it } from 'vitest';
import { createOnboardingFeature } from '../../../src/core/onboarding/onboarding-feature.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import type { ReportPreview } from '../../../src/shared/contract/onboarding-channels.js';
import { fakeAuth, fakeExplorer, fakeServices, simulatorEnv } from './fakes.js';

const CLIENT_SECRET = 'client-secret-CANARY-7f3a9b';
const ACCESS_TOKEN = 'access-token-CANARY-c0ffee';
const REFRESH_TOKEN = 'refresh-token-CANARY-beef42';

function setup(pdf = false) {
  const env = simulatorEnv({ clientId: '8d2f1c7e-aaaa-bbbb-cccc-1234567890ab', hasClientSecret: true });
  const auth = fakeAuth([env]);
  auth.setToken(ACCESS_TOKEN);
  const s = fakeServices(undefined, { pdf });
  const explorer = fakeExplorer();
  const feature = createOnboardingFeature(s.services, { auth: auth.api, explorer: explorer.api });
  const call = (channel: string, payload: unknown = {}) => dispatch(feature.handlers as HandlerTable, channel, payload);
  return { env, auth, feature, call, ...s };
}

describe('readiness report', () => {
  it('is self-contained: inline CSS, no scripts, no external resources', async () => {
    const { call } = setup();
    const r = await call('report.preview');
    expect(r.ok).toBe(true);
    const { html } = (r as { value: ReportPreview }).value;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('0 of 7 steps proven');
  });

  it('contains the checklist with evidence, who confirmed, and status as text', async () => {
    const { call, auth, env } = setup();
    await call('onboarding.confirmManual', { stepId: 'access-requested', confirmedBy: 'Alex Example' });
    auth.emit({
      environmentId: env.id,
      clientId: env.clientId,
      kind: 'signed-in',
      summary: '',
      details: { grantedScopes: ['users:read'], subject: 'urn:pleo:company:5ec2e7-subject' },
    });
    const { value } = (await call('report.preview')) as { value: ReportPreview };
    expect(value.html).toContain('1. API access requested');
    expect(value.html).toContain('Confirmed by Alex Example');
    expect(value.html).toContain('Scopes granted: users:read');
    expect(value.html).toMatch(/✓<\/span> Proven/);
    expect(value.html).toContain('Coming next');
    expect(value.model.done).toBe(2);
    expect(value.fileName).toMatch(/^pleo-readiness-simulator-\d{4}-\d{2}-\d{2}$/);
  });

  it('is presenter-safe and redacted: canary secrets, the full Client ID and the subject never appear', async () => {
    const { call, auth, env, services } = setup();
    for (const s of [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN]) services.redactor.remember(s);
    auth.setStatus({ signedIn: true, grantedScopes: ['users:read'] });
    // Evidence text that (wrongly) contains secrets, as a worst case: the report must still not.
    auth.emit({
      environmentId: env.id,
      clientId: env.clientId,
      kind: 'signed-in',
      summary: `exchanged with ${CLIENT_SECRET} got ${ACCESS_TOKEN} and ${REFRESH_TOKEN}`,
      details: { grantedScopes: [`users:read`], subject: 'urn:pleo:company:5ec2e7-subject' },
    });
    await call('onboarding.saveDetails', { company: `Acme ${CLIENT_SECRET}` });
    await call('onboarding.confirmManual', { stepId: 'access-requested', confirmedBy: `Alex ${REFRESH_TOKEN}` });
    const { value } = (await call('report.preview')) as { value: ReportPreview };
    for (const canary of [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, env.clientId, '5ec2e7-subject']) {
      expect(value.html).not.toContain(canary);
      // The model is what the in-app preview shows: it must be as clean as the file.
      expect(JSON.stringify(value.model)).not.toContain(canary);
    }
    expect(value.html).toContain('…90ab');
  });

  it('escapes user text', async () => {
    const { call } = setup();
    await call('onboarding.confirmManual', { stepId: 'access-requested', confirmedBy: '<img src=x onerror=alert(1)>' });
    const { value } = (await call('report.preview')) as { value: ReportPreview };
    expect(value.html).not.toContain('<img');
    expect(value.html).toContain('&lt;img src=x');
  });

  it('exports HTML through the file saver', async () => {
    const { call, saved } = setup();
    const r = await call('report.export', { format: 'html' });
    expect(r).toMatchObject({ ok: true, value: { saved: true } });
    expect(saved[0]!.suggestedName).toMatch(/\.html$/);
    expect(String(saved[0]!.content)).toContain('Pleo integration readiness report');
  });

  it('says plainly that PDF needs the desktop app, and renders PDF where the host can', async () => {
    const without = setup(false);
    expect(await without.call('report.export', { format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'REPORT_FAILED' } });
    const withPdf = setup(true);
    expect(await withPdf.call('report.export', { format: 'pdf' })).toMatchObject({ ok: true, value: { saved: true } });
    expect(withPdf.saved[0]!.suggestedName).toMatch(/\.pdf$/);
    expect(withPdf.saved[0]!.content).toBeInstanceOf(Uint8Array);
  });
});
