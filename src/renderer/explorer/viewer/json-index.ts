/**
 * Builds a row index of a JSON text without creating a parsed tree: one row per value (and one
 * per closing bracket), each pointing into the original string. The index is a set of typed
 * arrays, so the worker can hand it to the UI thread by transfer (no copy, no clone of a big
 * object graph), and the UI renders any row by slicing the text it already has.
 * It validates the JSON grammar as it goes (iteratively, so deep nesting cannot overflow the
 * stack: security-test-plan API-08).
 */

export const RowKind = {
  OpenObject: 0,
  OpenArray: 1,
  CloseObject: 2,
  CloseArray: 3,
  String: 4,
  Number: 5,
  Boolean: 6,
  Null: 7,
} as const;

/**
 * The index's columns and the typed array each is kept in. This one table drives the index's
 * type, allocation, growth, trimming, copying and transfer, so a new column is one line here.
 */
const COLUMN_TYPES = {
  kind: Uint8Array,
  depth: Int32Array,
  /** Key range in the text (without quotes); keyStart -1 = no key (root); <= -2: array index -keyStart-2. */
  keyStart: Int32Array,
  keyEnd: Int32Array,
  /** Value range (scalars: the token; open rows: the bracket). */
  valStart: Int32Array,
  valEnd: Int32Array,
  /** Open rows: index of the closing row; closing rows: index of the opening row; else -1. */
  match: Int32Array,
  /** Parent (open) row, -1 for the root. */
  parent: Int32Array,
  /** Open rows: number of direct children. */
  childCount: Int32Array,
};

export type JsonIndexColumn = keyof typeof COLUMN_TYPES;
type ColumnArrays = { [K in JsonIndexColumn]: InstanceType<(typeof COLUMN_TYPES)[K]> };
export type JsonIndex = { rows: number } & ColumnArrays;

export const JSON_INDEX_COLUMNS = Object.keys(COLUMN_TYPES) as JsonIndexColumn[];

/** Builds every column with `make` (given the column's name and array type). */
export function mapIndexColumns(
  make: (name: JsonIndexColumn, type: typeof Uint8Array | typeof Int32Array) => Uint8Array | Int32Array,
): ColumnArrays {
  return Object.fromEntries(JSON_INDEX_COLUMNS.map((name) => [name, make(name, COLUMN_TYPES[name])])) as ColumnArrays;
}

export class JsonIndexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonIndexError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Columns {
  cap: number;
  n = 0;
  c: ColumnArrays;
  constructor(cap: number) {
    this.cap = Math.max(16, cap);
    this.c = mapIndexColumns((_, Type) => new Type(this.cap));
  }
  grow(): void {
    this.cap *= 2;
    this.c = mapIndexColumns((name, Type) => {
      const b = new Type(this.cap);
      b.set(this.c[name]);
      return b;
    });
  }
  push(kind: number, depth: number, ks: number, ke: number, vs: number, ve: number, parent: number): number {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    const c = this.c;
    c.kind[i] = kind;
    c.depth[i] = depth;
    c.keyStart[i] = ks;
    c.keyEnd[i] = ke;
    c.valStart[i] = vs;
    c.valEnd[i] = ve;
    c.match[i] = -1;
    c.parent[i] = parent;
    c.childCount[i] = 0;
    return i;
  }
  finish(): JsonIndex {
    const n = this.n;
    // Copies trimmed to size, so transferring them does not ship unused capacity.
    return { rows: n, ...mapIndexColumns((name) => this.c[name].slice(0, n)) };
  }
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function buildJsonIndex(text: string): JsonIndex {
  const cols = new Columns(Math.ceil(text.length / 24));
  const len = text.length;
  let pos = 0;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  // Stack of open rows (explicit, never recursion).
  let stack = new Int32Array(64);
  let sp = 0;
  let pendingKeyStart = -1;
  let pendingKeyEnd = -1;
  // What may come next: 0 value, 1 key or close (after "{"), 2 colon, 3 comma or close, 4 key (after ","), 5 end.
  let expect = 0;

  const skipWs = () => {
    while (pos < len && isWs(text.charCodeAt(pos))) pos++;
  };
  const stringEnd = (start: number): number => {
    // start is at the opening quote; returns the index of the closing quote.
    let i = start + 1;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q < 0) throw new JsonIndexError('Unterminated string', start);
      let bs = 0;
      for (let k = q - 1; k > start && text.charCodeAt(k) === 0x5c; k--) bs++;
      if (bs % 2 === 0) return q;
      i = q + 1;
    }
  };
  const top = () => (sp > 0 ? stack[sp - 1]! : -1);
  const addValue = (kind: number, vs: number, ve: number): number => {
    const parent = top();
    let ks = pendingKeyStart;
    let ke = pendingKeyEnd;
    if (parent >= 0 && cols.c.kind[parent] === RowKind.OpenArray) {
      ks = -(cols.c.childCount[parent]! + 2);
      ke = 0;
    }
    if (parent >= 0) cols.c.childCount[parent]!++;
    pendingKeyStart = -1;
    pendingKeyEnd = -1;
    return cols.push(kind, sp, ks, ke, vs, ve, parent);
  };
  /** The bracket at `pos` closes the open row `open`: its closing row, linked both ways. */
  const closeContainer = (open: number, kind: number): void => {
    const close = cols.push(kind, sp - 1, -1, -1, pos, pos + 1, cols.c.parent[open]!);
    cols.c.match[open] = close;
    cols.c.match[close] = open;
    sp--;
    pos++;
    expect = sp === 0 ? 5 : 3;
  };

  for (;;) {
    skipWs();
    if (pos >= len) break;
    const c = text.charCodeAt(pos);
    if (expect === 5) throw new JsonIndexError('Unexpected text after the end of the JSON value', pos);
    if (expect === 2) {
      if (c !== 0x3a) throw new JsonIndexError('Expected ":"', pos);
      pos++;
      expect = 0;
      continue;
    }
    if (expect === 3) {
      const t = top();
      if (c === 0x2c) {
        pos++;
        expect = cols.c.kind[t] === RowKind.OpenObject ? 4 : 0;
        continue;
      }
      if ((c === 0x7d && cols.c.kind[t] === RowKind.OpenObject) || (c === 0x5d && cols.c.kind[t] === RowKind.OpenArray)) {
        closeContainer(t, c === 0x7d ? RowKind.CloseObject : RowKind.CloseArray);
        continue;
      }
      throw new JsonIndexError('Expected "," or a closing bracket', pos);
    }
    if (expect === 1 || expect === 4) {
      if (expect === 1 && c === 0x7d) {
        closeContainer(top(), RowKind.CloseObject);
        continue;
      }
      if (c !== 0x22) throw new JsonIndexError('Expected a key in double quotes', pos);
      const end = stringEnd(pos);
      pendingKeyStart = pos + 1;
      pendingKeyEnd = end;
      pos = end + 1;
      expect = 2;
      continue;
    }
    // expect === 0: a value
    if (c === 0x7b || c === 0x5b) {
      const row = addValue(c === 0x7b ? RowKind.OpenObject : RowKind.OpenArray, pos, pos + 1);
      if (sp === stack.length) {
        const s = new Int32Array(stack.length * 2);
        s.set(stack);
        stack = s;
      }
      stack[sp++] = row;
      pos++;
      skipWs();
      if (c === 0x5b && text.charCodeAt(pos) === 0x5d) {
        closeContainer(row, RowKind.CloseArray);
        continue;
      }
      expect = c === 0x7b ? 1 : 0;
      continue;
    }
    if (c === 0x22) {
      const end = stringEnd(pos);
      addValue(RowKind.String, pos, end + 1);
      pos = end + 1;
    } else if (c === 0x74 && text.startsWith('true', pos)) {
      addValue(RowKind.Boolean, pos, pos + 4);
      pos += 4;
    } else if (c === 0x66 && text.startsWith('false', pos)) {
      addValue(RowKind.Boolean, pos, pos + 5);
      pos += 5;
    } else if (c === 0x6e && text.startsWith('null', pos)) {
      addValue(RowKind.Null, pos, pos + 4);
      pos += 4;
    } else {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(text)) throw new JsonIndexError('Unexpected character', pos);
      addValue(RowKind.Number, pos, NUMBER.lastIndex);
      pos = NUMBER.lastIndex;
    }
    expect = sp === 0 ? 5 : 3;
  }
  if (sp > 0) throw new JsonIndexError('The JSON ends before all brackets are closed', len);
  if (cols.n === 0) throw new JsonIndexError('Empty document', 0);
  return cols.finish();
}

/** 1-based line and column of a text offset, for error messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** Start offset of a row in the text (its key, or its value): rows are in text order. */
export function rowStart(index: JsonIndex, row: number): number {
  const ks = index.keyStart[row]!;
  return ks >= 0 ? ks : index.valStart[row]!;
}

/** Rows containing `query` (case-insensitive) in a key or value, in order, at most `limit`. */
export function searchRows(text: string, lowerText: string, index: JsonIndex, query: string, limit = 10_000): Int32Array {
  const q = query.toLowerCase();
  const out: number[] = [];
  if (!q) return new Int32Array(0);
  let from = 0;
  let lastRow = -1;
  for (;;) {
    const at = lowerText.indexOf(q, from);
    if (at < 0 || out.length >= limit) break;
    // Binary search: the last row whose start <= at.
    let lo = 0;
    let hi = index.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rowStart(index, mid) <= at) lo = mid;
      else hi = mid - 1;
    }
    // Only count matches inside the row's key or value (not in punctuation between rows).
    const ks = index.keyStart[lo]!;
    const inKey = ks >= 0 && at >= ks && at + q.length <= index.keyEnd[lo]!;
    const inVal = at >= index.valStart[lo]! && at + q.length <= index.valEnd[lo]! && index.kind[lo]! >= RowKind.String;
    if ((inKey || inVal) && lo !== lastRow) {
      out.push(lo);
      lastRow = lo;
    }
    from = at + Math.max(1, q.length);
  }
  void text;
  return Int32Array.from(out);
}

/** Start offsets of display lines of a raw text: real line breaks, and long lines cut every `width` characters. */
export function rawLineStarts(text: string, width = 160): Int32Array {
  const starts: number[] = [];
  let pos = 0;
  const len = text.length;
  while (pos <= len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    for (let s = pos; s < nl || s === pos; s += width) {
      starts.push(s);
      if (s + width >= nl) break;
    }
    pos = nl + 1;
    if (nl === len) break;
  }
  return Int32Array.from(starts);
}

/**
 * Pleo's pagination block from a big body without parsing it all: finds the last
 * "pagination" key and parses only its object.
 */
export function extractPagination(text: string): unknown {
  const at = text.lastIndexOf('"pagination"');
  if (at < 0) return undefined;
  const open = text.indexOf('{', at);
  if (open < 0 || open - at > 40) return undefined;
  let depth = 0;
  for (let i = open; i < text.length && i - open < 100_000; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      try {
        return JSON.parse(text.slice(open, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
