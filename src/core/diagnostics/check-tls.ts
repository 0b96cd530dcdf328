/**
 * Check: a secure (TLS) connection to the host can be made with the trust store the app uses
 * (the OS store in the app), the certificate's issuer, and whether it was trusted through a
 * company root, which on a corporate network means TLS inspection.
 */
import { hostCheck, type CheckResult, type DoctorRun } from './doctor-context.js';

const TLS_ADVICE =
  'Your network seems to inspect HTTPS with its own certificate, and this computer does not trust that certificate for this app. Ask your IT team to install the company root certificate in the system trust store (or to exempt this host from inspection). The app never turns certificate checks off.';

export async function checkTls(run: DoctorRun, role: 'auth' | 'api'): Promise<CheckResult> {
  const { id, title, url } = hostCheck(run, 'tls', role, (label) => `Secure connection to the ${label}`);
  if (!url) return { id, title, status: 'skip', summary: 'Skipped: the address is not valid.' };
  const probe = await run.probe(url.href);
  if (url.protocol === 'http:') {
    // url-policy allows http only on loopback: the simulator or a local mock.
    return probe.ok
      ? { id, title, status: 'pass', summary: `${url.host} runs on this computer and answered (no TLS on this computer).` }
      : {
          id,
          title,
          status: 'fail',
          summary: `${url.host} on this computer did not answer.`,
          action: 'Restart the app; for a local mock, make sure it is running.',
        };
  }
  const host = url.host;
  if (!probe.ok) {
    if (probe.failure === 'tls') {
      const peer = await run.ctx.network.inspectTls?.(url.href, { signal: AbortSignal.timeout(run.ctx.timeoutMs) }).catch(() => undefined);
      return {
        id,
        title,
        status: 'fail',
        summary: `The certificate presented for ${host} is not trusted, so the app sent nothing.`,
        action: TLS_ADVICE,
        facts: [{ label: 'Reason', value: peer?.errorCode ?? probe.code ?? 'certificate not trusted' }],
      };
    }
    if (probe.failure === 'proxy-refused') {
      return {
        id,
        title,
        status: 'fail',
        summary: `The proxy refused to connect the app to ${host}.`,
        action: 'See the proxy check above.',
      };
    }
    const why =
      probe.failure === 'timeout'
        ? 'did not answer in time'
        : probe.code === 'ECONNREFUSED'
          ? 'refused the connection'
          : 'could not be reached';
    return {
      id,
      title,
      status: 'fail',
      summary: `${host} ${why}.`,
      action:
        'Check your internet connection and VPN. If other sites work, a firewall may block this host: copy this result for your IT team.',
      ...(probe.code ? { facts: [{ label: 'Reason', value: probe.code }] } : {}),
    };
  }
  const peer = await run.ctx.network.inspectTls?.(url.href, { signal: AbortSignal.timeout(run.ctx.timeoutMs) }).catch(() => undefined);
  const facts = [
    ...(peer?.issuer ? [{ label: 'Certificate issued by', value: peer.issuer }] : []),
    ...(peer?.root && peer.root !== peer.issuer ? [{ label: 'Trusted through', value: peer.root }] : []),
    ...(peer?.validTo ? [{ label: 'Valid until', value: peer.validTo }] : []),
  ];
  if (peer?.verified && peer.privateRoot) {
    return {
      id,
      title,
      status: 'warn',
      summary: `Connected securely to ${host}, but through "${peer.root ?? peer.issuer}", a company certificate rather than a public one: your network inspects HTTPS (TLS inspection).`,
      action:
        'This works because your computer trusts that certificate. If sign-in or API calls fail with certificate errors, ask your IT team to exempt this host from TLS inspection.',
      facts,
    };
  }
  return {
    id,
    title,
    status: 'pass',
    summary: peer?.issuer ? `Connected securely to ${host}; its certificate is from ${peer.issuer}.` : `Connected securely to ${host}.`,
    ...(facts.length ? { facts } : {}),
  };
}
