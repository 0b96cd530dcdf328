/**
 * Bodies of recent responses, kept in main so "copy" and "save to file" work without sending
 * large bodies back over IPC. Bounded by total bytes: the oldest go first.
 */
export interface StoredResponse {
  bytes: Uint8Array;
  contentType: string;
  headers: Array<[string, string]>;
  suggestedName: string;
}

export function createResponseStore(maxBytes: number) {
  const entries = new Map<string, StoredResponse>();
  let total = 0;
  return {
    put(id: string, value: StoredResponse): void {
      if (value.bytes.byteLength > maxBytes) return;
      entries.set(id, value);
      total += value.bytes.byteLength;
      for (const [key, v] of entries) {
        if (total <= maxBytes) break;
        entries.delete(key);
        total -= v.bytes.byteLength;
      }
    },
    get: (id: string) => entries.get(id),
    clear(): void {
      entries.clear();
      total = 0;
    },
    get totalBytes() {
      return total;
    },
  };
}
export type ResponseStore = ReturnType<typeof createResponseStore>;
