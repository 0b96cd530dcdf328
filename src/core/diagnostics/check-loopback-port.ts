/**
 * Check: the loopback port of the redirect URI is free, by binding it on 127.0.0.1 for a
 * moment (exactly what the sign-in's one-shot listener will do) and closing it again.
 */
import net from 'node:net';
import { redirectThrough, type CheckResult, type DoctorRun } from './doctor-context.js';

export function tryBind(host: string, port: number): Promise<{ ok: true; port: number } | { ok: false; code: string }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? 'EUNKNOWN' }));
    server.listen({ host, port, exclusive: true }, () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve({ ok: true, port: bound }));
    });
  });
}

export async function checkLoopbackPort(run: DoctorRun): Promise<CheckResult> {
  const id = 'loopback-port';
  const title = 'Loopback port for the sign-in callback';
  const way = redirectThrough(run, 'loopback', { id, title, otherwise: 'to a port on this computer' });
  if ('skipped' in way) return way.skipped;
  const { url } = way.redirect;
  const host = url.hostname === '[::1]' ? '::1' : '127.0.0.1';
  const wanted = url.port ? Number(url.port) : 0;
  const result = await tryBind(host, wanted);
  if (result.ok) {
    return {
      id,
      title,
      status: 'pass',
      summary: wanted
        ? `Port ${wanted} on ${host} is free for the sign-in callback.`
        : `The app can listen on ${host} (it picks a free port for each sign-in).`,
    };
  }
  return {
    id,
    title,
    status: 'fail',
    summary:
      result.code === 'EADDRINUSE'
        ? `Port ${wanted} on ${host} is already used by another program, so the browser could not hand the sign-in back.`
        : `The app may not listen on ${host}:${wanted} (${result.code}).`,
    action:
      result.code === 'EADDRINUSE'
        ? `Close the program that uses port ${wanted} (or finish a sign-in that is still waiting), then run the doctor again.`
        : 'Ask your IT team whether local firewall rules block listening on 127.0.0.1.',
    facts: [{ label: 'Result', value: result.code }],
  };
}
