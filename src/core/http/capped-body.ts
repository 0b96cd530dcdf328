/**
 * The one capped body reader of core: reads a response body up to `maxBytes` and then
 * cancels the stream, so the rest of a huge or endless body is never downloaded or buffered.
 * The sign-in engine refuses a body over the cap (TK-17, oauth/http-policy.ts); the API
 * explorer keeps the first `maxBytes` and labels the answer truncated (explorer/http-send.ts).
 */
export interface CappedBody {
  bytes: Uint8Array<ArrayBuffer>;
  /** True when the body was longer than `maxBytes` (only the first `maxBytes` are kept). */
  truncated: boolean;
}

export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<CappedBody> {
  if (!body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total));
      total = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}
