/** Messages between the response viewer and its worker. Bodies go in as text; indexes come back as transferred typed arrays. */
import type { JsonIndex } from './json-index.js';

export type WorkerRequest =
  { id: number; op: 'load'; text: string; buildTree: boolean } | { id: number; op: 'tree' } | { id: number; op: 'search'; query: string };

export interface LoadResult {
  lineStarts: Int32Array;
  index?: JsonIndex;
  /** Set when tree building was asked for and the text is not valid JSON. */
  parseError?: { message: string; line: number; column: number };
  pagination?: unknown;
  /** Items in the root "data" array, when the body is Pleo's envelope. */
  dataCount?: number;
  ms: number;
}

export type WorkerResponse =
  | { id: number; op: 'load' | 'tree'; ok: true; result: LoadResult }
  | { id: number; op: 'search'; ok: true; rows: Int32Array; total: number }
  | { id: number; ok: false; message: string };
