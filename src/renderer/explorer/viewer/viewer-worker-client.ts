/** Promise wrapper around the viewer's worker. One worker per viewer; a new load supersedes the old. */
import type { LoadResult, WorkerRequest, WorkerResponse } from './worker-protocol.js';

export interface ViewerWorker {
  load(text: string, buildTree: boolean): Promise<LoadResult>;
  tree(): Promise<LoadResult>;
  search(query: string): Promise<{ rows: Int32Array; total: number }>;
  dispose(): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };

export function createViewerWorker(factory: () => Worker = defaultWorker): ViewerWorker {
  const worker = factory();
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data);
    else p.reject(new Error(e.data.message));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'The viewer worker failed'));
    pending.clear();
  };
  const ask = (msg: DistributiveOmit<WorkerRequest, 'id'>) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  return {
    load: async (text, buildTree) =>
      ((await ask({ op: 'load', text, buildTree })) as Extract<WorkerResponse, { op: 'load' | 'tree' }>).result,
    tree: async () => ((await ask({ op: 'tree' })) as Extract<WorkerResponse, { op: 'load' | 'tree' }>).result,
    search: async (query) => {
      const r = (await ask({ op: 'search', query })) as Extract<WorkerResponse, { op: 'search' }>;
      return { rows: r.rows, total: r.total };
    },
    dispose() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error('disposed'));
      pending.clear();
    },
  };
}

function defaultWorker(): Worker {
  // Vite bundles this as a separate module chunk served from the app's own origin (CSP worker-src 'self').
  return new Worker(new URL('./json-worker.ts', import.meta.url), { type: 'module', name: 'response-viewer' });
}
