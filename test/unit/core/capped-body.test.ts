import { describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../src/core/http/capped-body.js';

/** A body of `chunks` that records whether the reader cancelled it. */
function body(chunks: number[]) {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = chunks[state.pulled++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(state.pulled));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('the one capped body reader (sign-in TK-17 and the explorer)', () => {
  it('reads a body within the cap whole', async () => {
    const { stream, state } = body([3, 4]);
    const out = await readCappedBody(stream, 7);
    expect(out.truncated).toBe(false);
    expect([...out.bytes]).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(state.cancelled).toBe(false);
  });

  it('keeps the first maxBytes of a longer body, says so, and stops the download', async () => {
    const { stream, state } = body([4, 4, 4, 4, 4]);
    const out = await readCappedBody(stream, 6);
    expect(out.truncated).toBe(true);
    expect([...out.bytes]).toEqual([1, 1, 1, 1, 2, 2]);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(5);
  });

  it('no body is an empty one', async () => {
    expect(await readCappedBody(null, 10)).toEqual({ bytes: new Uint8Array(0), truncated: false });
  });
});
