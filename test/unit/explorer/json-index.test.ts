import { describe, expect, it } from 'vitest';
import {
  buildJsonIndex,
  extractPagination,
  JsonIndexError,
  rawLineStarts,
  RowKind,
  searchRows,
  type JsonIndex,
} from '../../../src/renderer/explorer/viewer/json-index.js';
import { collapseBelow, computeVisible, revealRow } from '../../../src/renderer/explorer/viewer/fold-state.js';

/** Rebuilds a value from the index, to prove the index describes the text exactly. */
function rebuild(text: string, idx: JsonIndex): unknown {
  const stack: Array<{ value: unknown; kind: number }> = [];
  let root: unknown;
  for (let r = 0; r < idx.rows; r++) {
    const kind = idx.kind[r]!;
    if (kind === RowKind.CloseObject || kind === RowKind.CloseArray) {
      stack.pop();
      continue;
    }
    let value: unknown;
    if (kind === RowKind.OpenObject) value = {};
    else if (kind === RowKind.OpenArray) value = [];
    else value = JSON.parse(text.slice(idx.valStart[r], idx.valEnd[r]));
    const parent = stack.at(-1);
    if (!parent) root = value;
    else if (Array.isArray(parent.value)) parent.value.push(value);
    else (parent.value as Record<string, unknown>)[JSON.parse(`"${text.slice(idx.keyStart[r], idx.keyEnd[r])}"`)] = value;
    if (kind === RowKind.OpenObject || kind === RowKind.OpenArray) stack.push({ value, kind });
  }
  return root;
}

const sample = {
  data: [
    { id: 'e1', email: 'anna@x.example', n: -1.5e3, ok: true, none: null, tags: [] },
    { id: 'e2', email: 'Sven@X.example', nested: { deep: ['a', 'b\\"c'] } },
  ],
  pagination: { hasNextPage: true, endCursor: 'ABC', total: 2 },
};

describe('JSON row index (worker side of the viewer)', () => {
  it('indexes minified and pretty JSON into rows that rebuild the same value', () => {
    for (const text of [JSON.stringify(sample), JSON.stringify(sample, null, 2), '\uFEFF' + JSON.stringify(sample)]) {
      const idx = buildJsonIndex(text);
      expect(rebuild(text, idx)).toEqual(sample);
    }
  });

  it('records depth, parents, matching brackets, child counts and array positions', () => {
    const text = '{"a":[1,{"b":2}],"c":"x"}';
    const idx = buildJsonIndex(text);
    expect(Array.from(idx.kind)).toEqual([0, 1, 5, 0, 5, 2, 3, 4, 2]);
    expect(Array.from(idx.depth)).toEqual([0, 1, 2, 2, 3, 2, 1, 1, 0]);
    expect(idx.match[0]).toBe(8);
    expect(idx.match[1]).toBe(6);
    expect(idx.childCount[0]).toBe(2);
    expect(idx.childCount[1]).toBe(2);
    expect(idx.keyStart[2]).toBe(-2); // array index 0
    expect(idx.keyStart[3]).toBe(-3); // array index 1
    expect(idx.parent[4]).toBe(3);
  });

  it('rejects invalid JSON with a position, without recursion even for 100k-deep nesting (API-08)', () => {
    for (const bad of ['{', '{"a" 1}', '[1,]x', '{"a":tru}', '"open', '[1 2]', '{"a":1,}', '']) {
      expect(() => buildJsonIndex(bad), bad).toThrow(JsonIndexError);
    }
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const idx = buildJsonIndex(deep);
    expect(idx.rows).toBe(200_000);
    expect(idx.depth[99_999]).toBe(99_999);
  });

  it('keeps duplicate keys and odd strings as they are in the text', () => {
    const text = '{"a":1,"a":2,"<script>":"</script>"}';
    const idx = buildJsonIndex(text);
    expect(idx.rows).toBe(5);
    expect(text.slice(idx.keyStart[3], idx.keyEnd[3])).toBe('<script>');
  });

  it('finds rows by key or value, case-insensitively, in order', () => {
    const text = JSON.stringify(sample);
    const idx = buildJsonIndex(text);
    const rows = Array.from(searchRows(text, text.toLowerCase(), idx, 'EMAIL'));
    expect(rows.map((r) => text.slice(idx.keyStart[r], idx.keyEnd[r]))).toEqual(['email', 'email']);
    const sven = Array.from(searchRows(text, text.toLowerCase(), idx, 'sven@x'));
    expect(sven).toHaveLength(1);
    expect(text.slice(idx.valStart[sven[0]!], idx.valEnd[sven[0]!])).toBe('"Sven@X.example"');
    expect(searchRows(text, text.toLowerCase(), idx, 'zzz')).toHaveLength(0);
  });

  it('splits raw text into display lines: real breaks and long lines cut at the width', () => {
    expect(Array.from(rawLineStarts('abcdefghij', 4))).toEqual([0, 4, 8]);
    expect(Array.from(rawLineStarts('ab\ncd\n', 4))).toEqual([0, 3, 6]);
    expect(Array.from(rawLineStarts('', 4))).toEqual([0]);
  });

  it('extracts the pagination block of a large body without parsing it all', () => {
    expect(extractPagination(JSON.stringify(sample))).toEqual(sample.pagination);
    expect(extractPagination('{"data":[]}')).toBeUndefined();
  });
});

describe('fold state', () => {
  it('hides collapsed containers and maps rows to visible positions both ways', () => {
    const text = '{"a":[1,2,3],"b":{"c":1}}';
    const idx = buildJsonIndex(text);
    const none = computeVisible(idx, new Uint8Array(idx.rows), false);
    expect(none.count).toBe(idx.rows);
    const collapsed = collapseBelow(idx, 0);
    const v = computeVisible(idx, collapsed, true);
    expect(v.count).toBe(4); // root, a (collapsed), b (collapsed), closing root
    expect(v.rowAt(2)).toBe(idx.match[1]! + 1);
    expect(v.indexOf(2)).toBe(-1);
    revealRow(idx, collapsed, 2);
    expect(computeVisible(idx, collapsed, true).indexOf(2)).toBe(2);
  });
});
