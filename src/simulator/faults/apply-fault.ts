import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ActiveFault, FaultAction } from './fault-types.js';

/**
 * Carries out a fault rule on one request. Actions that change a real answer (truncate,
 * slow-body, patch-json, redirect-params) capture the handler's response in memory, edit it, and
 * then write it out; the others answer (or do not answer) without running the handler.
 */

export interface FaultRuntime {
  /** Timers that close() must cancel. */
  timers: Set<NodeJS.Timeout>;
  /** Whether the request belongs to the authorization server (OAuth-style error bodies). */
  oauth: boolean;
  /** Called when a redirect-params rule actually edited a redirect. */
  consumed: () => void;
  /** True once the simulator is closing. */
  closing: () => boolean;
}

export function sleep(ms: number, runtime: FaultRuntime): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      runtime.timers.delete(timer);
      resolve();
    }, ms);
    runtime.timers.add(timer);
  });
}

/** Runs `handle` under the rule. */
export async function runWithFault(
  rule: ActiveFault,
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => Promise<void>,
  runtime: FaultRuntime,
): Promise<void> {
  if (rule.delayMs) await sleep(rule.delayMs, runtime);
  if (runtime.closing() || req.socket.destroyed) return;
  const action = rule.action;
  if (!action) {
    await handle();
    return;
  }
  switch (action.type) {
    case 'status':
      sendStatus(res, action, runtime.oauth);
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'hang':
      // Deliberately no answer. close() destroys the socket.
      return;
    case 'truncate':
    case 'slow-body':
    case 'patch-json':
    case 'redirect-params':
      capture(res, (captured) => finishEdited(res, captured, action, runtime));
      await handle();
      return;
  }
}

function defaultBody(status: number, oauth: boolean): Record<string, unknown> {
  if (oauth) {
    const error =
      status === 429 || status === 503
        ? 'temporarily_unavailable'
        : status >= 500
          ? 'server_error'
          : status === 401
            ? 'invalid_client'
            : 'invalid_request';
    return { error, error_description: 'Fault injected by the Pleo staging simulator' };
  }
  const type =
    status === 429
      ? 'RATE_LIMITED'
      : status >= 500
        ? 'INTERNAL_ERROR'
        : status === 401
          ? 'UNAUTHORIZED'
          : status === 403
            ? 'ACCESS_DENIED'
            : 'INJECTED_FAULT';
  return { type, message: 'Fault injected by the Pleo staging simulator' };
}

function sendStatus(res: ServerResponse, action: Extract<FaultAction, { type: 'status' }>, oauth: boolean): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  let body: string;
  if (action.body === null) {
    body = '';
  } else if (typeof action.body === 'string') {
    body = action.body;
    headers['Content-Type'] = action.contentType ?? 'application/json';
  } else {
    body = JSON.stringify(action.body ?? defaultBody(action.status, oauth));
    headers['Content-Type'] = action.contentType ?? (oauth ? 'application/json; charset=utf-8' : 'application/json;charset=UTF-8');
  }
  if (action.retryAfter !== undefined) headers['Retry-After'] = String(action.retryAfter);
  if (action.status === 401 && !oauth) {
    headers['WWW-Authenticate'] =
      'Bearer realm="pleo-simulator", error="invalid_token", error_description="Fault injected by the simulator"';
  }
  Object.assign(headers, action.headers ?? {});
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(action.status, headers);
  res.end(body);
}

interface Captured {
  body: Buffer;
  original: { write: ServerResponse['write']; end: ServerResponse['end'] };
}

type Chunk = string | Uint8Array;

function toBuffer(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : Buffer.from(chunk);
}

/**
 * Buffers everything the handler writes. Headers set with writeHead are moved onto the
 * response with setHeader so they can still be edited before anything is sent.
 */
function capture(res: ServerResponse, done: (captured: Captured) => void): void {
  const original = { write: res.write.bind(res), end: res.end.bind(res), writeHead: res.writeHead.bind(res) };
  const chunks: Buffer[] = [];

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers as Record<string, string | string[] | number>)) res.setHeader(name, value);
    }
    return res;
  }) as ServerResponse['writeHead'];

  res.write = ((chunk: Chunk, encoding?: BufferEncoding | (() => void), cb?: () => void) => {
    chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const callback = typeof encoding === 'function' ? encoding : cb;
    callback?.();
    return true;
  }) as ServerResponse['write'];

  res.end = ((chunk?: Chunk | (() => void), encoding?: BufferEncoding | (() => void), cb?: () => void) => {
    if (chunk !== undefined && typeof chunk !== 'function' && chunk !== null) {
      chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    }
    res.writeHead = original.writeHead;
    res.write = original.write;
    res.end = original.end;
    done({ body: Buffer.concat(chunks), original });
    const callback = typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : cb;
    callback?.();
    return res;
  }) as ServerResponse['end'];
}

function finishEdited(res: ServerResponse, captured: Captured, action: FaultAction, runtime: FaultRuntime): void {
  let { body } = captured;
  switch (action.type) {
    case 'patch-json': {
      try {
        const parsed = JSON.parse(body.toString('utf8')) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          const edited = { ...(parsed as Record<string, unknown>), ...(action.set ?? {}) };
          for (const key of action.remove ?? []) delete edited[key];
          body = Buffer.from(JSON.stringify(edited));
        }
      } catch {
        // Not JSON (e.g. an error page): leave the body alone.
      }
      break;
    }
    case 'redirect-params': {
      const location = res.getHeader('location');
      if (typeof location === 'string' && isClientRedirect(location)) {
        const url = new URL(location);
        for (const [name, value] of Object.entries(action.set ?? {})) url.searchParams.set(name, value);
        for (const name of action.remove ?? []) url.searchParams.delete(name);
        res.setHeader('Location', url.href);
        runtime.consumed();
      }
      break;
    }
    default:
      break;
  }

  const write = captured.original.write;
  const end = captured.original.end;
  res.setHeader('Content-Length', String(body.length));
  if (action.type === 'truncate') {
    const cut = Math.min(action.afterBytes ?? Math.floor(body.length / 2), Math.max(body.length - 1, 0));
    // The full Content-Length is announced, so the client sees a connection closed mid-body.
    write(body.subarray(0, cut), () => res.socket?.destroy());
    return;
  }
  if (action.type === 'slow-body') {
    const size = Math.max(1, action.chunkBytes ?? 16);
    const interval = action.intervalMs ?? 250;
    let offset = 0;
    const step = (): void => {
      if (runtime.closing() || res.destroyed) return;
      const next = body.subarray(offset, offset + size);
      offset += size;
      if (offset >= body.length) {
        end(next);
        return;
      }
      write(next);
      const timer = setTimeout(() => {
        runtime.timers.delete(timer);
        step();
      }, interval);
      runtime.timers.add(timer);
    };
    step();
    return;
  }
  end(body);
}

/** A Location that leaves the simulator: the authorization response to the client. */
function isClientRedirect(location: string): boolean {
  if (location.startsWith('/')) return false;
  try {
    const url = new URL(location);
    return url.searchParams.has('code') || url.searchParams.has('error');
  } catch {
    return false;
  }
}
