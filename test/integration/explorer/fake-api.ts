/**
 * A Pleo-like API on 127.0.0.1 for the explorer's integration tests, with scripted answers per
 * path and a log of every request (method, URL, Authorization header) — plus an "evil" server
 * whose log must stay empty.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  url: string;
  authorization?: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: string, log: LoggedRequest[]) => void | Promise<void>;

export async function startFakeApi(routes: Record<string, Route> = {}) {
  const log: LoggedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    log.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body, headers: req.headers });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[`${req.method} ${path}`] ?? routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'NOT_FOUND', message: 'No such route' }));
      return;
    }
    await route(req, res, body, log);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    routes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeApi = Awaited<ReturnType<typeof startFakeApi>>;

export const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers }).end(JSON.stringify(body));
};

/** A cursor-paginated list of n items, page size from ?limit (default 10). */
export function pagedRoute(n: number): Route {
  return (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const limit = Number(u.searchParams.get('limit') ?? 10);
    const after = u.searchParams.get('after');
    const start = after ? Number(after.replace(/^C/, '')) : 0;
    const data = Array.from({ length: Math.max(0, Math.min(limit, n - start)) }, (_, i) => ({
      id: `e${start + i}`,
      firstName: `Person ${start + i}`,
    }));
    const end = start + data.length;
    json(res, 200, {
      data,
      pagination: {
        hasNextPage: end < n,
        hasPreviousPage: start > 0,
        startCursor: `C${start}`,
        endCursor: `C${end}`,
        total: n,
        currentRequestPagination: { parameters: {}, limit },
      },
    });
  };
}
