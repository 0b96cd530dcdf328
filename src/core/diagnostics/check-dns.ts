/** Check: the environment's host names resolve (or the proxy resolves them for us). */
import { isLoopbackHost } from '../environments/url-policy.js';
import { hostCheck, type CheckResult, type DoctorRun } from './doctor-context.js';

export async function checkDns(run: DoctorRun, role: 'auth' | 'api'): Promise<CheckResult> {
  const { id, title, label, url } = hostCheck(run, 'dns', role, (label) => `Name lookup of the ${label}`);
  if (!url) {
    return {
      id,
      title,
      status: 'fail',
      summary: `The ${label} address is not a valid address.`,
      action: 'Correct the address on the Connect screen.',
    };
  }
  const host = url.hostname;
  if (isLoopbackHost(host)) return { id, title, status: 'pass', summary: `${host} is this computer; no lookup needed.` };
  try {
    const addresses = await withTimeout(run.ctx.lookup(host), run.ctx.timeoutMs);
    return {
      id,
      title,
      status: 'pass',
      summary: `${host} was found.`,
      facts: [
        {
          label: 'Addresses',
          value: addresses
            .map((a) => a.address)
            .slice(0, 4)
            .join(', '),
        },
      ],
    };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'TIMEOUT';
    const route = await run.proxyFor(url.href);
    if (route?.kind === 'proxy') {
      // Behind an explicit proxy the proxy looks names up, so a local failure is normal; it
      // only matters when the connection through the proxy fails too.
      const reached = (await run.probe(url.href)).ok;
      return {
        id,
        title,
        status: reached ? 'pass' : 'warn',
        summary: `The proxy (${route.proxy}) looks up ${host} for the app${reached ? ' and reached it' : ''}; this computer does not need to.`,
        ...(reached ? {} : { action: 'See the proxy and secure-connection checks.' }),
        facts: [{ label: 'Lookup on this computer', value: code }],
      };
    }
    return {
      id,
      title,
      status: 'fail',
      summary: code === 'ENOTFOUND' ? `${host} could not be found (DNS).` : `Looking up ${host} failed (${code}).`,
      action: `Check the address for typos, your internet connection and VPN. If other sites work, ask your IT team whether ${host} is blocked.`,
      facts: [{ label: 'Lookup result', value: code }],
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('lookup timed out'), { code: 'TIMEOUT' })), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}
