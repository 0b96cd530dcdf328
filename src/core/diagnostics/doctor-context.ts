/**
 * What every doctor check gets: the environment under test, the network seam, the raw
 * keychain port (not the guarded store: the doctor must see the keychain's own answer), and
 * small seams (DNS lookup, port binding, scheme registration) so each check can be tested
 * for pass and for fail with real parts where they exist here.
 */
import { classifyRedirectUri, type RedirectClassification } from '../environments/url-policy.js';
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { DoctorCheck, DoctorCheckId } from '../../shared/contract/diagnostics-channels.js';
import type { NetworkPort, ProxyRoute } from '../net/network-port.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { HostProbe } from './host-probe.js';

export interface DoctorContext {
  env: EnvironmentSummary;
  network: NetworkPort;
  secretStore: SecretStore;
  now: () => number;
  /** DNS lookup (node:dns lookup with all: true). */
  lookup: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
  /** Whether the OS sends `scheme:` links to this app; undefined when it cannot tell. */
  schemeRegistered: (scheme: string) => Promise<boolean | undefined>;
  /** The private-use scheme this app registers with the OS. */
  appScheme: string;
  /** Per-step wait (network, keychain); the doctor never hangs on one check. */
  timeoutMs: number;
}

/** Results shared between checks of one run (each host is probed once). */
export interface DoctorRun {
  ctx: DoctorContext;
  probe(url: string): Promise<HostProbe>;
  proxyFor(url: string): Promise<ProxyRoute | undefined>;
}

export type CheckResult = DoctorCheck;

/** The environment's two hosts the doctor tests, by role. */
export function hostsOf(env: EnvironmentSummary): Array<{ role: 'auth' | 'api'; label: string; url: URL }> {
  const out: Array<{ role: 'auth' | 'api'; label: string; url: URL }> = [];
  for (const [role, label, raw] of [
    ['auth', 'sign-in server', env.authorizationEndpoint],
    ['api', 'API server', env.apiBase],
  ] as const) {
    try {
      out.push({ role, label, url: new URL(raw) });
    } catch {
      // An unusable address is reported by the DNS check of that role.
    }
  }
  return out;
}

/**
 * The heading of a per-host check (DNS, TLS) and the address it tests: both run once per role,
 * with the same ids and labels. `url` is undefined when the address does not parse; each check
 * says so in its own words.
 */
export function hostCheck(
  run: DoctorRun,
  kind: 'dns' | 'tls',
  role: 'auth' | 'api',
  heading: (label: string) => string,
): { id: DoctorCheckId; title: string; label: string; url?: URL } {
  const label = role === 'auth' ? 'sign-in server' : 'API server';
  const raw = role === 'auth' ? run.ctx.env.authorizationEndpoint : run.ctx.env.apiBase;
  const head = { id: `${kind}-${role}` as const, title: heading(label), label };
  try {
    return { ...head, url: new URL(raw) };
  } catch {
    return head;
  }
}

/**
 * The environment's redirect URI when it comes back through `mode`; else the check's skip
 * result: the callback checks (link scheme, loopback port) only apply to their own mode.
 */
export function redirectThrough(
  run: DoctorRun,
  mode: RedirectClassification['mode'],
  head: { id: DoctorCheckId; title: string; otherwise: string },
): { redirect: RedirectClassification } | { skipped: CheckResult } {
  const classified = classifyRedirectUri(run.ctx.env.redirectUri);
  if (classified.ok && classified.value.mode === mode) return { redirect: classified.value };
  return {
    skipped: {
      id: head.id,
      title: head.title,
      status: 'skip',
      summary: `Not needed: this environment does not come back ${head.otherwise}.`,
    },
  };
}
