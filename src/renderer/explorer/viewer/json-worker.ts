/**
 * The response viewer's worker: indexes JSON and searches it off the UI thread, so a 20 MB
 * answer never freezes the window (docs/benchmarks.md, B4). It keeps the last text it was given;
 * results go back as transferred typed arrays.
 */
import {
  buildJsonIndex,
  extractPagination,
  JSON_INDEX_COLUMNS,
  JsonIndexError,
  lineColumn,
  mapIndexColumns,
  rawLineStarts,
  RowKind,
  searchRows,
  type JsonIndex,
} from './json-index.js';
import type { LoadResult, WorkerRequest, WorkerResponse } from './worker-protocol.js';

let text = '';
let lower: string | undefined;
let index: JsonIndex | undefined;

function transferables(r: LoadResult): ArrayBuffer[] {
  const list: ArrayBuffer[] = [r.lineStarts.buffer as ArrayBuffer];
  if (r.index) {
    const i = r.index;
    list.push(...JSON_INDEX_COLUMNS.map((name) => i[name].buffer as ArrayBuffer));
  }
  return list;
}

/** Pleo's envelope: root object with a "data" array and a "pagination" object. */
function envelope(idx: JsonIndex): { pagination?: unknown; dataCount?: number } {
  if (idx.kind[0] !== RowKind.OpenObject) return {};
  let dataCount: number | undefined;
  let pagination: unknown;
  for (let row = 1; row < idx.rows; row++) {
    if (idx.parent[row] !== 0 || idx.keyStart[row]! < 0) continue;
    const key = text.slice(idx.keyStart[row], idx.keyEnd[row]);
    if (key === 'data' && idx.kind[row] === RowKind.OpenArray) dataCount = idx.childCount[row];
    if (key === 'pagination' && idx.kind[row] === RowKind.OpenObject) {
      try {
        pagination = JSON.parse(text.slice(idx.valStart[row], idx.valEnd[idx.match[row]!]));
      } catch {
        // not Pleo's envelope after all
      }
    }
  }
  return { pagination, dataCount };
}

/** The worker keeps its index for searching and transfers a copy (a transferred buffer is gone on this side). */
function copyIndex(i: JsonIndex): JsonIndex {
  return { rows: i.rows, ...mapIndexColumns((name) => i[name].slice()) };
}

function tree(started: number, lineStarts: Int32Array): LoadResult {
  try {
    index = buildJsonIndex(text);
    return { lineStarts, index: copyIndex(index), ...envelope(index), ms: performance.now() - started };
  } catch (error) {
    index = undefined;
    const offset = error instanceof JsonIndexError ? error.offset : 0;
    return {
      lineStarts,
      parseError: { message: error instanceof Error ? error.message : 'Not valid JSON', ...lineColumn(text, offset) },
      ms: performance.now() - started,
    };
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  const started = performance.now();
  try {
    if (msg.op === 'load') {
      text = msg.text;
      lower = undefined;
      index = undefined;
      const lineStarts = rawLineStarts(text);
      const result: LoadResult = msg.buildTree
        ? tree(started, lineStarts)
        : { lineStarts, pagination: extractPagination(text), ms: performance.now() - started };
      post({ id: msg.id, op: 'load', ok: true, result }, transferables(result));
    } else if (msg.op === 'tree') {
      const result = tree(started, new Int32Array(0));
      post({ id: msg.id, op: 'tree', ok: true, result }, transferables(result));
    } else if (msg.op === 'search') {
      if (!index) {
        post({ id: msg.id, op: 'search', ok: true, rows: new Int32Array(0), total: 0 });
        return;
      }
      lower ??= text.toLowerCase();
      const rows = searchRows(text, lower, index, msg.query);
      post({ id: msg.id, op: 'search', ok: true, rows, total: rows.length }, [rows.buffer as ArrayBuffer]);
    }
  } catch (error) {
    post({ id: msg.id, ok: false, message: error instanceof Error ? error.message : 'Worker failed' });
  }
};

function post(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  (self as unknown as { postMessage(m: unknown, t: ArrayBuffer[]): void }).postMessage(message, transfer);
}
