import type { ServerResponse } from 'node:http';

/** Pleo's specs declare this exact media type for every JSON body. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': JSON_TYPE } : {}),
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * An error answer in Pleo's `ExceptionInfo` shape, `{ type, message }`. Handlers throw it; the
 * router turns it into the response.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendApiError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { type: error.type, message: error.message }, error.headers);
}
