/**
 * The pre-flight doctor (issue 15) as a core feature: runs every check for an environment,
 * keeps the last result per environment for this run, copies it for IT, and remembers (in
 * the settings file, non-secret) for which environments it has run, so the Connect screen can
 * run it before the first sign-in on a real (non-simulator) environment.
 *
 * Order matters only for reading: each host is probed once and the probe shared by the
 * proxy, connection and clock checks; the keychain and port checks run alongside.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { CoreServices } from '../core-services.js';
import type { Feature } from '../feature/feature.js';
import type { AuthFeatureApi } from '../auth/auth-api.js';
import type { DoctorCheck, DoctorReport } from '../../shared/contract/diagnostics-channels.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { failure } from '../../shared/result.js';
import { CALLBACK_SCHEME } from '../../shared/csp.js';
import { redactText } from '../logging/redact.js';
import type { ProxyRoute } from '../net/network-port.js';
import { hostsOf, type DoctorContext, type DoctorRun } from './doctor-context.js';
import { probeHost, type HostProbe } from './host-probe.js';
import { checkProxy } from './check-proxy.js';
import { checkDns } from './check-dns.js';
import { checkTls } from './check-tls.js';
import { checkClock } from './check-clock.js';
import { checkKeychain } from './check-keychain.js';
import { checkCallbackScheme } from './check-callback-scheme.js';
import { checkRedirectUri } from './check-redirect-uri.js';
import { checkLoopbackPort } from './check-loopback-port.js';
import { overallOf, reportText } from './doctor-report.js';

export interface DoctorFeatureApi {
  run(environmentId?: string): Promise<DoctorReport>;
  last(environmentId?: string): DoctorReport | undefined;
}

export interface DoctorOptions {
  timeoutMs?: number;
  lookup?: DoctorContext['lookup'];
}

const RAN_KEY = 'doctor.ranFor';

/** Runs every check against one environment (exported for tests that build their own context). */
export async function runChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const probes = new Map<string, Promise<HostProbe>>();
  const routes = new Map<string, Promise<ProxyRoute | undefined>>();
  const run: DoctorRun = {
    ctx,
    probe(url) {
      const key = new URL(url).href;
      let p = probes.get(key);
      if (!p) probes.set(key, (p = probeHost(ctx.network.fetch, key, { timeoutMs: ctx.timeoutMs, now: ctx.now })));
      return p;
    },
    proxyFor(url) {
      const key = new URL(url).origin;
      let p = routes.get(key);
      if (!p) routes.set(key, (p = ctx.network.describeProxy(url).catch(() => undefined)));
      return p;
    },
  };
  const sameHost = (() => {
    const hosts = hostsOf(ctx.env);
    return hosts.length === 2 && hosts[0]!.url.host === hosts[1]!.url.host;
  })();
  const checks = await Promise.all([
    checkProxy(run),
    checkDns(run, 'auth'),
    checkTls(run, 'auth'),
    ...(sameHost ? [] : [checkDns(run, 'api'), checkTls(run, 'api')]),
    checkClock(run),
    checkKeychain(run),
    checkRedirectUri(run),
    checkCallbackScheme(run),
    checkLoopbackPort(run),
  ]);
  return checks;
}

export function createDoctorFeature(services: CoreServices, deps: { auth: AuthFeatureApi } & DoctorOptions): Feature<DoctorFeatureApi> {
  const { auth } = deps;
  const results = new Map<string, DoctorReport>();
  const running = new Map<string, Promise<DoctorReport>>();
  const timeoutMs = deps.timeoutMs ?? 8000;
  const lookup = deps.lookup ?? ((host: string) => dnsLookup(host, { all: true }));

  const schemeRegistered = async (scheme: string): Promise<boolean | undefined> => {
    const port = services.ports.callbackScheme;
    if (port) return port.isRegistered(scheme);
    if (scheme !== CALLBACK_SCHEME) return false;
    return services.options.privateSchemeRegistered ?? true;
  };

  const envFor = async (environmentId?: string): Promise<EnvironmentSummary> => {
    try {
      return await auth.resolveEnvironment(environmentId);
    } catch {
      const env = environmentId ? auth.getEnvironment(environmentId) : auth.activeEnvironment();
      if (!env)
        throw failure('ENVIRONMENT_NOT_FOUND', 'That environment does not exist (any more).', {
          hint: 'Choose an environment on the Connect screen.',
        });
      return env;
    }
  };

  const ranFor = (): string[] => {
    const value = services.settings.get(RAN_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };

  const runOnce = async (environmentId?: string): Promise<DoctorReport> => {
    const env = await envFor(environmentId);
    const checks = await runChecks({
      env,
      network: services.network,
      secretStore: services.ports.secretStore,
      now: () => services.clock.now(),
      lookup,
      schemeRegistered,
      appScheme: CALLBACK_SCHEME,
      timeoutMs,
    });
    const ranAt = services.clock.now();
    const info = services.appInfo();
    const hosts = [...new Set(hostsOf(env).map((h) => h.url.host))];
    const report: DoctorReport = {
      environmentId: env.id,
      environmentName: env.name,
      environmentKind: env.kind,
      ranAt,
      overall: overallOf(checks),
      checks,
      text: redactText(
        reportText({
          appName: info.name,
          appVersion: info.version,
          platform: info.platform,
          environmentName: env.name,
          hosts,
          ranAt,
          checks,
        }),
      ),
    };
    results.set(env.id, report);
    const ran = ranFor();
    if (!ran.includes(env.id)) services.settings.set(RAN_KEY, [...ran, env.id].slice(-50));
    services.logger.info('doctor: finished', {
      environment: env.kind,
      overall: report.overall,
      failed: checks.filter((c) => c.status === 'fail').map((c) => c.id),
    });
    services.events.emit('diagnostics.finished', report);
    return report;
  };

  const api: DoctorFeatureApi = {
    run(environmentId) {
      const key = environmentId ?? '(active)';
      // One run at a time per environment: a double click does not probe everything twice.
      let p = running.get(key);
      if (!p) {
        p = runOnce(environmentId).finally(() => running.delete(key));
        running.set(key, p);
      }
      return p;
    },
    last(environmentId) {
      const id = environmentId ?? auth.activeEnvironment().id;
      return results.get(id);
    },
  };

  return {
    api,
    handlers: {
      'diagnostics.run': ({ environmentId }) => api.run(environmentId),
      'diagnostics.last': ({ environmentId }) => {
        const env = environmentId ? auth.getEnvironment(environmentId) : auth.activeEnvironment();
        if (!env) throw failure('ENVIRONMENT_NOT_FOUND', 'That environment does not exist (any more).');
        const report = results.get(env.id);
        return { ...(report ? { report } : {}), needsRun: env.kind !== 'simulator' && !ranFor().includes(env.id) };
      },
      'diagnostics.copy': async ({ environmentId }) => {
        const report = api.last(environmentId);
        if (!report)
          throw failure('INVALID_PAYLOAD', 'Run the checks first; there is nothing to copy yet.', { hint: 'Press "Run the checks".' });
        await services.ports.clipboard.writeText(report.text).catch(() => {
          throw failure('CLIPBOARD_FAILED', 'The result could not be copied.', { hint: 'Try again.' });
        });
        return { copied: true as const };
      },
    },
    async dispose() {
      await Promise.allSettled([...running.values()]);
    },
  };
}
