import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A node:http server bound to a loopback address that can be closed promptly: close() destroys
 * every open socket (keep-alive connections, hung requests, slow bodies) instead of waiting for
 * clients to go away, because tests start and stop simulators many times.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackServer {
  origin: string;
  port: number;
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1']);

export async function listenOnLoopback(host: string, port: number): Promise<LoopbackServer> {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`the simulator binds only to loopback addresses (127.0.0.1 or ::1), not ${host}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('port must be an integer between 0 and 65535');

  let handler: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => handler(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Clients that trickle bytes must not keep the server busy forever.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the simulator server has no TCP address');
  const origin = host.includes(':') ? `http://[${host}]:${address.port}` : `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    port: address.port,
    setHandler(next) {
      handler = next;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
