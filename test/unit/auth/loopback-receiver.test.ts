/**
 * The loopback receiver against real sockets on 127.0.0.1 (CB-20, CB-25..CB-29), plus the
 * engine's behaviour around it. CB-27c (SO_EXCLUSIVEADDRUSE) is a Windows question; on Linux
 * the equivalent check is that a second bind of the port fails.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LOOPBACK_PAGE_CSP,
  startLoopbackReceiver,
  type LoopbackReceiver,
  type LoopbackVerdict,
} from '../../../src/core/oauth/loopback-receiver.js';
import type { FlowProgress } from '../../../src/shared/environments.js';
import { startHarness, type Harness } from '../../fixtures/auth/harness.js';

const receivers: LoopbackReceiver[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  for (const h of harnesses.splice(0)) await h.close();
});

async function receiver(
  verdict: (url: string) => LoopbackVerdict = () => ({ kind: 'accepted' }),
  registered = 'http://127.0.0.1/oauth/callback',
) {
  const seen: string[] = [];
  const r = await startLoopbackReceiver({
    registered: new URL(registered),
    onCallback: (url) => {
      seen.push(url);
      return verdict(url);
    },
    graceMs: 100,
  });
  receivers.push(r);
  return { r, seen };
}

/** Raw HTTP so the test controls the request line and Host header. */
function rawRequest(port: number, lines: string[], host = '127.0.0.1'): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
    socket.on('error', reject);
  });
}

function get(port: number, target: string, host = `127.0.0.1:${port}`, method = 'GET') {
  return rawRequest(port, [`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close']);
}

describe('loopback receiver', () => {
  it('CB-28 binds the loopback interface only, on an ephemeral port, and uses the IP literal in the redirect URI', async () => {
    const { r } = await receiver();
    expect(r.port).toBeGreaterThan(1023);
    expect(r.redirectUri).toBe(`http://127.0.0.1:${r.port}/oauth/callback`);
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    // Reaching the same port through the machine's LAN address must fail.
    if (lan)
      await expect(rawRequest(r.port, ['GET /oauth/callback HTTP/1.1', `Host: ${lan.address}:${r.port}`], lan.address)).rejects.toThrow(
        /ECONNREFUSED/,
      );
  });

  it('CB-25 wrong request shapes: 404 / 405 / 421, no CORS headers, the flow is not consumed', async () => {
    const { r, seen } = await receiver();
    expect((await get(r.port, '/')).status).toBe(404);
    expect((await get(r.port, '/favicon.ico')).status).toBe(404);
    expect((await get(r.port, '/oauth/callback/extra?code=x')).status).toBe(404);
    const post = await get(r.port, '/oauth/callback?code=x', undefined, 'POST');
    expect(post.status).toBe(405);
    expect(post.head).toMatch(/Allow: GET/i);
    expect((await get(r.port, '/oauth/callback?code=x', undefined, 'OPTIONS')).status).toBe(405);
    const rebinding = await get(r.port, '/oauth/callback?code=x', 'evil.example');
    expect(rebinding.status).toBe(421);
    expect((await get(r.port, '/oauth/callback?code=x', `localhost:${r.port}`)).status).toBe(421);
    expect((await get(r.port, '//evil.example/oauth/callback')).status).toBe(400);
    for (const response of [post, rebinding]) expect(response.head).not.toMatch(/access-control-allow/i);
    expect(seen).toEqual([]);
    expect((await get(r.port, '/oauth/callback?code=x&state=y')).status).toBe(303);
    expect(seen).toHaveLength(1);
  });

  it('CB-20 oversized requests get 414 / 431 and the receiver keeps working', async () => {
    const { r, seen } = await receiver();
    expect((await get(r.port, `/oauth/callback?q=${'a'.repeat(9 * 1024)}`)).status).toBe(414);
    for (const size of [64 * 1024, 2 * 1024 * 1024]) {
      const response = await get(r.port, `/oauth/callback?q=${'a'.repeat(size)}`).catch((e: Error) => ({
        status: 0,
        head: e.message,
        body: '',
      }));
      expect([431, 0]).toContain(response.status);
    }
    expect(seen).toEqual([]);
    expect((await get(r.port, '/oauth/callback?code=x')).status).toBe(303);
  });

  it('CB-29 the answer page: 303 to /done, self-contained, no-referrer, no-store, CSP, no code or state echoed', async () => {
    const { r } = await receiver();
    const answer = await get(r.port, '/oauth/callback?code=SECRET-CODE-123&state=STATE-456');
    expect(answer.status).toBe(303);
    expect(answer.head).toMatch(/Location: \/done/i);
    expect(answer.head).toMatch(/Referrer-Policy: no-referrer/i);
    const done = await get(r.port, '/done');
    expect(done.status).toBe(200);
    expect(done.head).toMatch(/Referrer-Policy: no-referrer/i);
    expect(done.head).toMatch(/Cache-Control: no-store/i);
    expect(done.head).toContain(`Content-Security-Policy: ${LOOPBACK_PAGE_CSP}`);
    expect(done.head).toMatch(/X-Content-Type-Options: nosniff/i);
    expect(done.body).not.toMatch(/SECRET-CODE|STATE-456/);
    expect(done.body).not.toMatch(/https?:\/\/|src=|href=|<script|<link|@import/i);
    expect(LOOPBACK_PAGE_CSP).toMatch(/default-src 'none'/);
    expect(LOOPBACK_PAGE_CSP).not.toMatch(/unsafe/);
  });

  it('CB-29 a rejected callback shows the message as text, escaped', async () => {
    const { r } = await receiver(() => ({ kind: 'rejected', message: 'Access was declined <b>in</b> the browser.', hint: 'Try again.' }));
    const page = await get(r.port, '/oauth/callback?error=access_denied');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Access was declined &lt;b&gt;in&lt;/b&gt; the browser.');
    expect(page.body).not.toContain('<b>');
  });

  it('N-6 CB-28 closes after the one valid callback (once /done was served, or after the grace period)', async () => {
    const { r } = await receiver();
    expect((await get(r.port, '/oauth/callback?code=x')).status).toBe(303);
    await r.close({ afterAnswer: true });
    expect((await get(r.port, '/done')).status).toBe(200);
    // It closes when the /done answer has been written: wait for that state, not for a time.
    await vi.waitFor(() => expect(r.isClosed()).toBe(true), { timeout: 20_000 });
    await expect(get(r.port, '/done')).rejects.toThrow(/ECONNREFUSED/);
    const second = await receiver();
    await second.r.close({ afterAnswer: true });
    expect(second.r.isClosed()).toBe(false); // still open for the browser's /done
    await vi.waitFor(() => expect(second.r.isClosed()).toBe(true), { timeout: 20_000 }); // grace ran out
    await expect(get(second.r.port, '/done')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('CB-27 a fixed registered port that is taken: no crash, LOOPBACK_PORT_UNAVAILABLE; a second bind of our port fails (port exclusivity)', async () => {
    const blocker = http.createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        startLoopbackReceiver({ registered: new URL(`http://127.0.0.1:${port}/cb`), onCallback: () => ({ kind: 'accepted' }) }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const h = await startHarness();
      harnesses.push(h);
      h.fake.addClient({
        clientId: h.fake.info.clients[0]!.clientId,
        clientSecret: h.fake.info.clients[0]!.clientSecret,
        redirectUris: [`http://127.0.0.1:${port}/cb`],
      });
      await h.call('environments.update', { environmentId: 'simulator', redirectUri: `http://127.0.0.1:${port}/cb` });
      const result = await h.handle('auth.signIn', { environmentId: 'simulator' });
      expect(!result.ok && result.error.code).toBe('LOOPBACK_PORT_UNAVAILABLE');
    } finally {
      blocker.close();
    }
    const { r } = await receiver();
    const intruder = net.createServer();
    await expect(
      new Promise((res, rej) => intruder.once('error', rej).listen(r.port, '127.0.0.1', () => res(undefined))),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('CB-27 an IPv6 loopback redirect URI works over [::1]', async () => {
    let hasV6 = true;
    await new Promise<void>((res) => {
      const probe = net
        .createServer()
        .once('error', () => ((hasV6 = false), res()))
        .listen(0, '::1', () => probe.close(() => res()));
    });
    if (!hasV6) return; // no IPv6 loopback on this machine: nothing to prove here
    const { r } = await receiver(undefined, 'http://[::1]/oauth/callback');
    expect(r.redirectUri).toBe(`http://[::1]:${r.port}/oauth/callback`);
    const response = await rawRequest(r.port, ['GET /oauth/callback?code=x HTTP/1.1', `Host: [::1]:${r.port}`, 'Connection: close'], '::1');
    expect(response.status).toBe(303);
  });
});

describe('loopback in the engine', () => {
  it('CB-26 STRAY-LOOPBACK (issue 11 point 6): a local program flooding the port cannot end the sign-in; every stray request gets 400 and the real callback still works', async () => {
    const h = await startHarness({ redirect: 'loopback' });
    harnesses.push(h);
    const { progress, authorizeUrl } = await h.startSignIn();
    const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri')!;
    const answers: Array<{ status: number }> = [];
    for (let i = 0; i < 40; i++)
      answers.push((await h.deliver(`${redirect}?code=EVIL&state=random-${i}`, 'loopback')) as { status: number });
    expect(answers.every((a) => a.status === 400)).toBe(true);
    const progressEvents = h.events
      .filter((e) => e.event === 'auth.flowProgress')
      .map((e) => e.payload as { flowId: string; phase: string });
    expect(progressEvents.filter((p) => p.flowId === progress.flowId).at(-1)?.phase).toBe('waiting-for-callback');
    await h.deliver(await h.fake.approve(authorizeUrl), 'loopback');
    expect((await h.api.waitForSignIn(progress.flowId)).phase).toBe('signed-in');
    expect(h.fake.stats.codeExchanges).toBe(1);
  });

  it('CC-01 only one loopback listener at a time: a new sign-in closes the previous port', async () => {
    const h = await startHarness({ redirect: 'loopback' });
    harnesses.push(h);
    const first = await h.startSignIn();
    const firstPort = Number(new URL(new URL(first.authorizeUrl).searchParams.get('redirect_uri')!).port);
    const second = await h.startSignIn();
    await expect(get(firstPort, '/oauth/callback')).rejects.toThrow(/ECONNREFUSED/);
    const events = h.events.filter((e) => e.event === 'auth.flowProgress').map((e) => e.payload as FlowProgress);
    expect(events.find((p) => p.flowId === first.progress.flowId && p.phase === 'cancelled')?.error?.code).toBe('FLOW_SUPERSEDED');
    await h.deliver(await h.fake.approve(second.authorizeUrl), 'loopback');
    expect((await h.api.waitForSignIn(second.progress.flowId)).phase).toBe('signed-in');
  });
});
