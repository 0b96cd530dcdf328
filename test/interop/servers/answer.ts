/**
 * The one seam the interop servers share: a token-endpoint answer a test may rewrite before it
 * is sent (status, headers, JSON body), and a gate that holds it back (a "hung" endpoint).
 * Scripted rewrites are consumed in order, one per token request.
 */
import type http from 'node:http';

export interface TokenAnswer {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or a raw string sent as is. */
  body: unknown;
  /** The request's form parameters (grant_type etc.), for rewrites that depend on them. */
  request: Record<string, string>;
}

export type Rewrite = ((answer: TokenAnswer) => void | Promise<void>) & {
  /** The rewrite replaces the answer entirely: the server should not process the request. */
  replaces?: boolean;
};

export interface TokenLog {
  grantType: string;
  authorization?: string;
  body: Record<string, string>;
}

export class AnswerScript {
  readonly rewrites: Rewrite[] = [];
  readonly log: TokenLog[] = [];

  /** Queue a rewrite for the next token request. */
  next(rewrite: Rewrite): void {
    this.rewrites.push(rewrite);
  }

  replacesNext(): boolean {
    return this.rewrites[0]?.replaces === true;
  }

  record(req: http.IncomingMessage, body: Record<string, string>): void {
    this.log.push({
      grantType: body.grant_type ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body,
    });
  }

  async send(res: http.ServerResponse, answer: TokenAnswer): Promise<void> {
    const rewrite = this.rewrites.shift();
    if (rewrite) await rewrite(answer);
    if (res.destroyed) return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...answer.headers });
    res.end(text);
  }
}

/** A promise the test opens when it is done; a rewrite awaiting it makes the endpoint hang. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

export async function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

export function decodeBasicRaw(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? undefined : { id: text.slice(0, i), secret: text.slice(i + 1) };
}
