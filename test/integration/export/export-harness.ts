/**
 * The export feature against the real simulator over 127.0.0.1: a real sign-in (openid-client
 * + the simulator's login pages), real refreshes at the simulator's token endpoint, and the
 * simulator's own fault injection in process. Only the sign-in engine is replaced, by a small
 * adapter with the same getAccessToken contract (401 -> forced refresh naming the rejected
 * token), because the engine needs a system browser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { AuthFeatureApi } from '../../../src/core/auth/auth-api.js';
import { createExportFeature, type ExportOptions } from '../../../src/core/export/export-feature.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';
import type { KeyValueBackend } from '../../../src/core/ports.js';
import type { ExportView, QueueResult } from '../../../src/shared/contract/export-channels.js';
import type { Result } from '../../../src/shared/result.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { signIn } from '../../simulator/helpers.js';
import { fakeServices, memoryBackend, testEnv } from '../../unit/explorer/fakes.js';

export interface PutRecord {
  jobId: string;
  ids: string[];
}

export interface Harness {
  sim: Simulator;
  dir: string;
  auth: AuthFeatureApi;
  tokenState: { refreshes: number; current: string };
  /** Every item-status PUT that reached the simulator with a 200, across all app instances. */
  puts: PutRecord[];
  /** fetch used by app instances: records PUTs; `before` can hold or break a request. */
  fetchImpl: typeof fetch;
  before: { hook?: (url: URL, init: RequestInit | undefined) => Promise<void> | void };
  app(options?: ExportOptions & { settings?: KeyValueBackend; csvName?: string }): App;
  close(): Promise<void>;
}

export interface App {
  settings: KeyValueBackend & { writes: number };
  events: Array<{ event: string; payload: unknown }>;
  call<T = ExportView>(channel: string, payload?: unknown): Promise<Result<T>>;
  ok<T = ExportView>(channel: string, payload?: unknown): Promise<T>;
  queue(items: number, cancelWaiting?: boolean): Promise<QueueResult>;
  idle(): Promise<void>;
  dispose(): Promise<void>;
  /** A "killed" instance: never disposed (its run never finishes), only its settings remain. */
  forget(): void;
  csvPath: string;
  /** Questions main asked (ConfirmPort) and the scripted answer (default yes). */
  confirmations: Array<{ kind: string; title: string; detail: string }>;
  confirm: { answer: boolean };
  /** What the app asked the save dialog (suggested name, file types), in order. */
  dialogs: Array<{ suggestedName: string; filters?: Array<{ name: string; extensions: string[] }> }>;
}

export async function startHarness(options: { entries?: number; tokenTtlSeconds?: number; clock?: () => number } = {}): Promise<Harness> {
  const sim = await startSimulator({
    mode: 'test',
    quiet: true,
    entries: options.entries ?? 6000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86_400,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'ppd-export-'));
  const signed = await signIn(sim, { user: 0 });
  const tokenState = { refreshes: 0, current: signed.tokens.access_token, refresh: signed.tokens.refresh_token as string };
  const env = testEnv(sim.info.apiBase, { scopes: sim.info.clients[0]!.scopes });
  let inflight: Promise<string> | undefined;
  const auth = {
    activeEnvironment: () => env,
    getEnvironment: (id: string) => (id === env.id ? env : undefined),
    resolveEnvironment: async () => env,
    status: async () => ({
      environmentId: env.id,
      signedIn: true,
      hasRefreshToken: true,
      requestedScopes: env.scopes,
      grantedScopes: env.scopes,
      timeline: [],
      sessionOnly: false,
    }),
    onEvidence: () => () => undefined,
    async getAccessToken(_id?: string, o?: { forceRefresh?: boolean; rejectedAccessToken?: string }) {
      if (!o?.forceRefresh) return tokenState.current;
      if (o.rejectedAccessToken && o.rejectedAccessToken !== tokenState.current) return tokenState.current;
      // Single flight, with rotation: the simulator rotates refresh tokens like Pleo.
      inflight ??= (async () => {
        const tokens = await oidc.refreshTokenGrant(signed.config, tokenState.refresh);
        tokenState.refreshes++;
        tokenState.current = tokens.access_token;
        if (tokens.refresh_token) tokenState.refresh = tokens.refresh_token;
        return tokenState.current;
      })().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  } as unknown as AuthFeatureApi;

  const puts: PutRecord[] = [];
  const before: Harness['before'] = {};
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    await before.hook?.(url, init);
    const res = await fetch(input, init);
    const m = /^\/v3\/export-jobs\/([^/]+)\/items$/.exec(url.pathname);
    if (init?.method === 'PUT' && m && res.status === 200) {
      const body = JSON.parse(String(init.body)) as Array<{ accountingEntryId: string }>;
      puts.push({ jobId: m[1]!, ids: body.map((b) => b.accountingEntryId) });
    }
    return res;
  };

  let n = 0;
  const apps: App[] = [];
  const harness: Harness = {
    sim,
    dir,
    auth,
    tokenState,
    puts,
    fetchImpl,
    before,
    app(o = {}) {
      const settings = (o.settings ?? memoryBackend()) as KeyValueBackend & { writes: number };
      const fx = fakeServices(settings);
      const csvPath = path.join(dir, o.csvName ?? `export-${++n}.csv`);
      const dialogs: App['dialogs'] = [];
      fx.services.ports.fileSaver.choosePath = async (request) => {
        dialogs.push(request);
        return { path: csvPath };
      };
      fx.services.ports.simulator = {
        start: async () => sim.info,
        stop: async () => undefined,
        queueExport: async (r) => sim.queueExport(r),
      };
      // The progress journal lives on the shared "disk" (dir), as next to the settings file in
      // the app: a restarted instance reads it together with the copied settings.
      const feature = createExportFeature(fx.services, {
        auth,
        fetchImpl,
        sleep: async () => undefined,
        progressIntervalMs: 0,
        checkpointDir: dir,
        ...o,
      });
      const call = <T>(channel: string, payload: unknown = {}) =>
        dispatch(feature.handlers as HandlerTable, channel, payload) as Promise<Result<T>>;
      const app: App = {
        settings,
        events: fx.events,
        csvPath,
        dialogs,
        confirmations: fx.confirmations,
        confirm: fx.confirm,
        call,
        async ok<T>(channel: string, payload: unknown = {}) {
          const r = await call<T>(channel, payload);
          if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
          return r.value;
        },
        queue: (items, cancelWaiting = true) => app.ok<QueueResult>('export.queueOnSimulator', { items, cancelWaiting }),
        idle: () => feature.api.idle(),
        dispose: () => feature.dispose(),
        forget: () => void apps.splice(apps.indexOf(app), 1),
      };
      apps.push(app);
      return app;
    },
    async close() {
      before.hook = undefined;
      await Promise.all(apps.map((a) => a.dispose().catch(() => undefined)));
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A new settings store holding a copy of another's contents (what a restarted app reads from disk). */
export function copySettings(from: KeyValueBackend): KeyValueBackend & { writes: number } {
  const to = memoryBackend();
  for (const [k, v] of Object.entries(structuredClone(from.store))) to.set(k, v);
  return to;
}

/** Ids of a job queued with `queueExport(items)`: the latest entries of the first company, in order. */
export function queuedIds(h: Harness, items: number): string[] {
  const range = h.sim.data.entryRanges[0]!;
  const from = range.from + range.count - items;
  return Array.from({ length: items }, (_, k) => h.sim.data.entryId(from + k));
}

/** Job facts and item statuses as the simulator's API reports them. */
export async function serverJob(h: Harness, jobId: string): Promise<{ status: string; failureReasonType: string | null }> {
  const res = await fetch(`${h.sim.info.apiBase}/v3/export-jobs/${jobId}`, {
    headers: { authorization: `Bearer ${h.tokenState.current}` },
  });
  return ((await res.json()) as { data: { status: string; failureReasonType: string | null } }).data;
}

export async function serverItemCount(h: Harness, jobId: string, status: string): Promise<number> {
  const res = await fetch(`${h.sim.info.apiBase}/v3/export-jobs/${jobId}/items?status=${status}&limit=1`, {
    headers: { authorization: `Bearer ${h.tokenState.current}` },
  });
  return ((await res.json()) as { pagination: { total: number } }).pagination.total;
}

/** CSV data rows (without header), split naively: the test data has no quoted newlines in ids. */
export function csvIds(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  return lines.slice(1).map((l) => l.split(',')[0]!);
}

/**
 * `afterBatch` of an instance that "dies" at its `dieAt`-th acknowledged batch: from then on no
 * acknowledged batch gets past its journal line, as in a killed process. `quiet` resolves once
 * `quietAt` batches (default `dieAt`) are acknowledged, i.e. when nothing more will happen.
 */
export function dyingAt(dieAt: number, quietAt = dieAt): { quiet: Promise<void>; afterBatch: () => Promise<void> } {
  const quiet = gate<void>();
  let acknowledged = 0;
  return {
    quiet: quiet.promise,
    afterBatch: async () => {
      acknowledged++;
      if (acknowledged === quietAt) quiet.open();
      if (acknowledged >= dieAt) await new Promise<never>(() => undefined);
    },
  };
}

/** A promise and its resolver, to order events without sleeps. */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
