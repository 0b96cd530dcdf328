/**
 * B7 (docs/benchmarks.md): sign-in latency without the human part. The real engine, through
 * createCore: PKCE + state, the one-shot loopback listener, a fake "browser" that GETs the
 * authorize URL of a mock AS (child process, auto-approves) and follows its redirect to the
 * callback, callback validation, the code exchange (client_secret_basic + verifier), and
 * storing the tokens (in-memory keychain stub). Measured from auth.signIn to "signed-in".
 *
 * Peers in the same run, interleaved:
 * - floor: PKCE + one loopback fetch POST round trip to the same mock;
 * - reference: a hand-rolled flow with node:crypto, node:http and fetch doing the same steps.
 * Cold = the engine's first sign-in in this fresh process (includes the lazy HTTP stack).
 * Run: tsx bench/b7-sign-in.ts   (prints one JSON line; updates docs/benchmarks.md)
 */
import { plainNetwork } from '../src/core/net/network-port.js';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Conf from 'conf';
import * as oauth from 'oauth4webapi';
import { createAuthFeature } from '../src/core/auth/auth-feature.js';
import { createPreferences } from '../src/core/app/preferences.js';
import { createCore, type CoreServices } from '../src/core/create-core.js';
import { createEventBus } from '../src/core/events/event-bus.js';
import { silentLogger } from '../src/core/logging/logger.js';
import { createRedactor } from '../src/core/logging/redact.js';
import type { KeyValueBackend, SimulatorEndpoints } from '../src/core/ports.js';
import { createMemorySecretStore } from '../src/core/secrets/secret-store.js';
import { openSettings } from '../src/core/settings/open-settings.js';
import { REPO, machineLine, median, p95 } from './lib/bench-doc.js';
import { updateBenchSection } from './lib/bench-doc.js';

const WARMUP = 5;
const SAMPLES = Number(process.env.B7_SAMPLES ?? 60);
const REDIRECT = 'http://127.0.0.1/oauth/callback';

async function startMockAs(): Promise<{ info: SimulatorEndpoints; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/b7/mock-as.ts')], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(buffer.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`mock AS exited (${code})`)));
  });
  return { info: JSON.parse(line) as SimulatorEndpoints, stop: () => child.stdin.end() };
}

/** What the system browser does without a human: follow the AS redirect to the callback. */
async function browse(url: string): Promise<void> {
  const approved = await fetch(url, { redirect: 'manual' });
  await approved.arrayBuffer();
  const callback = approved.headers.get('location');
  if (!callback) throw new Error(`authorize answered ${approved.status}`);
  const answer = await fetch(callback, { redirect: 'manual' });
  await answer.arrayBuffer();
}

const b64url = (buf: Buffer) => buf.toString('base64url');

/** The hand-rolled reference: the same steps, no library, no engine. */
async function handRolled(info: SimulatorEndpoints, store: Map<string, string>): Promise<void> {
  const client = info.clients[0]!;
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(32));
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => ((finish = res), (fail = rej)));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/oauth/callback' || url.searchParams.get('state') !== state) {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(303, { location: '/done' }).end();
    server.close();
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: url.searchParams.get('code')!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    fetch(info.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    })
      .then((r) => r.json() as Promise<{ access_token: string; refresh_token: string }>)
      .then((tokens) => {
        store.set('tokens', JSON.stringify(tokens));
        finish();
      }, fail);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/callback`;
  const authorize = new URL(info.authorizationEndpoint);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'users:read',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(k, v);
  await browse(authorize.toString());
  await done;
}

async function floor(info: SimulatorEndpoints): Promise<void> {
  const verifier = oauth.generateRandomCodeVerifier();
  await oauth.calculatePKCECodeChallenge(verifier);
  const response = await fetch(`${new URL(info.tokenEndpoint).origin}/ping`, {
    method: 'POST',
    body: 'x=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await response.arrayBuffer();
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 3));

async function main(): Promise<void> {
  const mock = await startMockAs();
  // No introspection endpoint: the engine's best-effort subject lookup would run after each
  // sign-in and overlap the next sample.
  const info: SimulatorEndpoints = { ...mock.info, introspectionEndpoint: '' };
  const dir = mkdtempSync(path.join(tmpdir(), 'ppd-b7-'));
  const settingsOf = (name: string) =>
    openSettings((o) => new Conf<Record<string, unknown>>(o as never) as unknown as KeyValueBackend, { cwd: dir, configName: name })
      .backend;
  const ports = {
    browserLauncher: { open: async (url: string) => void browse(url).catch(() => undefined) },
    externalOpener: { openExternal: async () => undefined },
    clipboard: { writeText: async () => undefined },
    fileSaver: { save: async () => ({ saved: false }) },
    simulator: { start: async () => info, stop: async () => undefined },
    secretStore: createMemorySecretStore(),
  };
  // The sign-in module on its own (what B7 defines), and the whole app core, where other
  // features react to sign-in events (e.g. the checklist saving progress).
  const moduleSettings = settingsOf('module');
  const events = createEventBus();
  const services: CoreServices = {
    options: { host: 'test-host', appVersion: 'bench', userDataDir: dir, settings: moduleSettings, ports },
    ports,
    events,
    logger: silentLogger,
    redactor: createRedactor(),
    clock: { now: () => Date.now() },
    settings: moduleSettings,
    preferences: createPreferences(moduleSettings),
    network: plainNetwork(),
    appInfo: () => ({ name: 'bench', version: 'bench', host: 'test-host', platform: process.platform, sessionOnlySecrets: false }),
    notify: (notice) => events.emit('app.notice', notice),
    notices: () => [],
  };
  const auth = createAuthFeature(services);
  const core = createCore({
    host: 'test-host',
    appVersion: 'bench',
    userDataDir: dir,
    settings: settingsOf('core'),
    ports: { ...ports, secretStore: createMemorySecretStore() },
  });
  for (const handle of [(c: string, p: unknown) => auth.handlers[c as 'environments.update']!(p as never), core.handle]) {
    await handle('environments.update', { environmentId: 'simulator', redirectUri: REDIRECT });
  }

  const signInWith = (api: typeof auth.api) => async (): Promise<number> => {
    const t0 = performance.now();
    const started = await api.signIn({ environmentId: 'simulator' });
    const end = await api.waitForSignIn(started.flowId);
    const elapsed = performance.now() - t0;
    if (end.phase !== 'signed-in') throw new Error(`sign-in ended ${end.phase}: ${end.error?.code}`);
    return elapsed;
  };
  const engine = signInWith(auth.api);
  const wholeCore = signInWith(core.auth);
  const timed = async (fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  const cold = await engine();
  const store = new Map<string, string>();
  for (let i = 0; i < WARMUP; i++) {
    await engine();
    await wholeCore();
    await settle();
    await handRolled(info, store);
    await floor(info);
  }
  const samples = { engine: [] as number[], core: [] as number[], reference: [] as number[], floor: [] as number[] };
  for (let i = 0; i < SAMPLES; i++) {
    // Interleaved, in a rotating order, so drift on a noisy machine hits all alike.
    const order = [0, 1, 2, 3].map((k) => (k + i) % 4);
    for (const k of order) {
      if (k === 0) samples.engine.push(await engine());
      else if (k === 1) samples.reference.push(await timed(() => handRolled(info, store)));
      else if (k === 2) samples.floor.push(await timed(() => floor(info)));
      else samples.core.push(await wholeCore());
      // Untimed: let work a sample left behind (the engine's checklist evidence and status
      // event, closing listeners) finish, so it is not billed to the next sample.
      await settle();
    }
  }
  await auth.dispose();
  await core.dispose();
  mock.stop();
  rmSync(dir, { recursive: true, force: true });

  const stat = (xs: number[]) => ({ p50: Number(median(xs).toFixed(2)), p95: Number(p95(xs).toFixed(2)) });
  const result = {
    bench: 'B7',
    samples: SAMPLES,
    engine: { ...stat(samples.engine), cold: Number(cold.toFixed(2)) },
    wholeCore: stat(samples.core),
    reference: stat(samples.reference),
    floor: stat(samples.floor),
    ratios: {} as Record<string, number>,
    checks: {} as Record<string, boolean>,
    pass: false,
  };
  result.ratios = {
    engineVsFloor: Number((result.engine.p50 / result.floor.p50).toFixed(2)),
    engineVsReference: Number((result.engine.p50 / result.reference.p50).toFixed(2)),
  };
  result.checks = {
    p50AtMost10xFloor: result.ratios.engineVsFloor! <= 10,
    p50AtMost1_5xReference: result.ratios.engineVsReference! <= 1.5,
    p50Under10ms: result.engine.p50 < 10,
    p95Under30ms: result.engine.p95 < 30,
    coldAtMostWarmPlus100ms: result.engine.cold <= result.engine.p50 + 100,
  };
  result.pass = Object.values(result.checks).every(Boolean);

  const yes = (b: boolean) => (b ? 'yes' : '**no**');
  updateBenchSection(
    'B7',
    `## B7: sign-in latency without the human part (${machineLine()})

\`tsx bench/b7-sign-in.ts\`: the real sign-in engine (\`createAuthFeature\`: PKCE + state, one-shot loopback listener, callback validation, code exchange with client_secret_basic + verifier, tokens stored in an in-memory keychain stub), against a mock AS in a child process that approves at once; a fake browser follows its redirect to the callback. ${SAMPLES} interleaved samples after ${WARMUP} warm-up rounds, with an untimed pause after each so work one sample leaves behind (the checklist evidence, the status event) is not billed to the next; ms.

| Flow | p50 | p95 |
|---|---|---|
| Floor: PKCE + one loopback POST round trip | ${result.floor.p50} | ${result.floor.p95} |
| Reference: hand-rolled flow (node:crypto + node:http + fetch) | ${result.reference.p50} | ${result.reference.p95} |
| Engine (warm) | ${result.engine.p50} | ${result.engine.p95} |
| Engine, cold (first sign-in of a fresh process) | ${result.engine.cold} | |
| Whole app core (\`createCore\`: other features react to the sign-in events; not gated) | ${result.wholeCore.p50} | ${result.wholeCore.p95} |

| Check (target) | Value | Pass |
|---|---|---|
| p50 ≤ 10× floor | ${result.ratios.engineVsFloor}× | ${yes(result.checks.p50AtMost10xFloor!)} |
| p50 ≤ 1.5× hand-rolled | ${result.ratios.engineVsReference}× | ${yes(result.checks.p50AtMost1_5xReference!)} |
| p50 < 10 ms, p95 < 30 ms | ${result.engine.p50} / ${result.engine.p95} ms | ${yes(result.checks.p50Under10ms! && result.checks.p95Under30ms!)} |
| cold ≤ warm + 100 ms | ${result.engine.cold} ms | ${yes(result.checks.coldAtMostWarmPlus100ms!)} |`,
  );
  console.log(JSON.stringify(result));
  if (!result.pass) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
