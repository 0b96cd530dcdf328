/**
 * The JSON tree: only the rows in view are in the DOM (@tanstack/react-virtual), each sliced
 * from the original text through the worker-built index. Keyboard: arrows move, Left/Right
 * collapse/expand, Enter toggles, Home/End jump. ARIA tree with aria-activedescendant, so the
 * focus stays on the container while rows come and go.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { RowKind, type JsonIndex } from './json-index.js';
import { computeVisible, isClose, isOpen } from './fold-state.js';
import { rowListOptions, useRowHeight } from './row-height.js';

const MAX_VALUE_CHARS = 400;

export interface JsonTreeProps {
  text: string;
  index: JsonIndex;
  /** One byte per row: 1 = collapsed. A new array on every change. */
  collapsed: Uint8Array;
  onToggle(row: number): void;
  /** Row to bring into view and mark (current search match). */
  focusRow?: number;
  matchRows?: Set<number>;
  label: string;
}

export function JsonTree({ text, index, collapsed, onToggle, focusRow, matchRows, label }: JsonTreeProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useRowHeight();
  const visible = useMemo(() => computeVisible(index, collapsed, collapsed.includes(1)), [index, collapsed]);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer(rowListOptions(visible.count, scrollRef, rowHeight));
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  useEffect(() => {
    if (focusRow === undefined) return;
    const v = visible.indexOf(focusRow);
    if (v >= 0) {
      setActive(v);
      virtualizer.scrollToIndex(v, { align: 'center' });
    }
  }, [focusRow, visible, virtualizer]);

  const activeRow = visible.count > 0 ? visible.rowAt(Math.min(active, visible.count - 1)) : -1;

  const move = useCallback(
    (v: number, dir: 1 | -1 = 1) => {
      const start = Math.max(0, Math.min(visible.count - 1, v));
      // Closing brackets are not items for assistive technology: step over them, in the
      // direction of travel first, then back.
      const find = (d: number) => {
        for (let i = start; i >= 0 && i < visible.count; i += d) if (!isClose(index, visible.rowAt(i))) return i;
        return -1;
      };
      let clamped = find(dir);
      if (clamped < 0) clamped = Math.max(0, find(-dir));
      setActive(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [visible, virtualizer, index],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const cur = Math.min(active, visible.count - 1);
    const row = visible.rowAt(cur);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        move(cur + 1);
        break;
      case 'ArrowUp':
        move(cur - 1, -1);
        break;
      case 'PageDown':
        move(cur + page);
        break;
      case 'PageUp':
        move(cur - page, -1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(visible.count - 1, -1);
        break;
      case 'ArrowRight':
        if (isOpen(index, row) && collapsed[row]) onToggle(row);
        else if (isOpen(index, row)) move(cur + 1);
        break;
      case 'ArrowLeft':
        if (isOpen(index, row) && !collapsed[row]) onToggle(row);
        else if (index.parent[row]! >= 0) move(visible.indexOf(index.parent[row]!));
        break;
      case 'Enter':
      case ' ':
        if (isOpen(index, row)) onToggle(row);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  // Point at the active row only while it is rendered (a dangling id is an ARIA error).
  const activeRendered = activeRow >= 0 && !isClose(index, activeRow) && items.some((i) => visible.rowAt(i.index) === activeRow);
  return (
    <div
      ref={scrollRef}
      className="jv-scroll"
      role="tree"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeRendered ? `jv-row-${activeRow}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="json-tree"
    >
      <div className="jv-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = visible.rowAt(item.index);
          return (
            <Row
              key={row}
              text={text}
              index={index}
              row={row}
              top={item.start}
              height={rowHeight}
              collapsed={collapsed[row] === 1}
              active={row === activeRow}
              match={matchRows?.has(row) ?? false}
              current={row === focusRow}
              onClick={() => {
                setActive(item.index);
                if (isOpen(index, row)) onToggle(row);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  text: string;
  index: JsonIndex;
  row: number;
  top: number;
  height: number;
  collapsed: boolean;
  active: boolean;
  match: boolean;
  current: boolean;
  onClick(): void;
}

function Row({ text, index, row, top, height, collapsed, active, match, current, onClick }: RowProps) {
  const depth = index.depth[row]!;
  const kind = index.kind[row]!;
  const style = { transform: `translateY(${top}px)`, height, paddingLeft: `${depth * 1.25 + 1.4}em` };
  const cls = `jv-row${active ? ' jv-active' : ''}${match ? ' jv-match' : ''}${current ? ' jv-current' : ''}`;
  if (isClose(index, row)) {
    // Closing brackets are decoration for sighted users; screen readers get the structure from levels.
    return (
      <div className={cls} style={style} aria-hidden="true" onClick={onClick}>
        <span className="jv-punct">{kind === RowKind.CloseObject ? '}' : ']'}</span>
      </div>
    );
  }
  const ks = index.keyStart[row]!;
  const key = ks >= 0 ? text.slice(ks, index.keyEnd[row]) : ks <= -2 ? String(-ks - 2) : undefined;
  const open = isOpen(index, row);
  const children = index.childCount[row]!;
  let value: string;
  let valueClass: string;
  if (open) {
    const obj = kind === RowKind.OpenObject;
    value = collapsed ? `${obj ? '{…}' : '[…]'}` : obj ? '{' : '[';
    valueClass = 'jv-punct';
  } else {
    const raw = text.slice(index.valStart[row], Math.min(index.valEnd[row]!, index.valStart[row]! + MAX_VALUE_CHARS));
    value = index.valEnd[row]! - index.valStart[row]! > MAX_VALUE_CHARS ? `${raw}…` : raw;
    valueClass = kind === RowKind.String ? 'jv-str' : kind === RowKind.Number ? 'jv-num' : kind === RowKind.Boolean ? 'jv-bool' : 'jv-null';
  }
  const count = open
    ? `${children} ${kind === RowKind.OpenObject ? (children === 1 ? 'key' : 'keys') : children === 1 ? 'item' : 'items'}`
    : '';
  return (
    <div
      id={`jv-row-${row}`}
      className={cls}
      style={style}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={open ? !collapsed : undefined}
      aria-selected={active}
      onClick={onClick}
    >
      {open && (
        <span className="jv-toggle" aria-hidden="true">
          {collapsed ? '▸' : '▾'}
        </span>
      )}
      {key !== undefined && (
        <>
          <span className={ks >= 0 ? 'jv-key' : 'jv-index'}>{ks >= 0 ? `"${key}"` : key}</span>
          <span className="jv-punct">: </span>
        </>
      )}
      <span className={valueClass}>{value}</span>
      {open && <span className="jv-count"> {count}</span>}
    </div>
  );
}
