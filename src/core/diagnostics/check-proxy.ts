/** Check: which proxy the app uses for the environment's hosts, and whether it lets us through. */
import type { CheckResult, DoctorRun } from './doctor-context.js';
import { hostsOf } from './doctor-context.js';

const SOURCE: Record<string, string> = {
  system: "this computer's proxy settings",
  environment: 'the HTTPS_PROXY / HTTP_PROXY variables',
  loopback: 'this computer (no proxy for 127.0.0.1)',
  unknown: 'the default',
};

export async function checkProxy(run: DoctorRun): Promise<CheckResult> {
  const title = 'Proxy';
  const hosts = hostsOf(run.ctx.env);
  if (hosts.length === 0)
    return { id: 'proxy', title, status: 'skip', summary: "The environment's addresses are not usable, so no proxy was looked up." };
  const routes = await Promise.all(
    hosts.map(async (h) => ({ host: h, route: await run.proxyFor(h.url.href), probe: await run.probe(h.url.href) })),
  );
  const facts = routes.map(({ host, route }) => ({
    label: `Route to ${host.url.host}`,
    value: !route
      ? 'unknown'
      : route.kind === 'direct'
        ? `direct (${SOURCE[route.source] ?? route.source})`
        : `through ${route.proxy} (${SOURCE[route.source] ?? route.source})`,
  }));
  const refused = routes.filter((r) => !r.probe.ok && r.probe.failure === 'proxy-refused');
  if (refused.length > 0) {
    const names = refused.map((r) => r.host.url.host).join(' and ');
    return {
      id: 'proxy',
      title,
      status: 'fail',
      summary: `The proxy refused to connect the app to ${names}.`,
      action: `Ask your IT team to allow ${names} through the proxy for this app (or tell you how to sign in to the proxy). Copy this result for them.`,
      facts,
    };
  }
  if (routes.some((r) => !r.route)) {
    return {
      id: 'proxy',
      title,
      status: 'warn',
      summary: 'The app could not tell which proxy your computer uses.',
      action: 'If the connection checks below pass, nothing needs doing.',
      facts,
    };
  }
  const proxied = routes.filter((r) => r.route?.kind === 'proxy');
  return {
    id: 'proxy',
    title,
    status: 'pass',
    summary:
      proxied.length === 0
        ? 'No proxy: the app connects directly.'
        : `The app goes through ${[...new Set(proxied.map((r) => (r.route as { proxy: string }).proxy))].join(' and ')}, as your computer is set up to.`,
    facts,
  };
}
