/**
 * The raw body as received, one virtualised display line per real line or per 160 characters
 * of a long line: a 20 MB minified answer is 130k short rows instead of one huge text node
 * (whose layout is what freezes naive viewers; see B4 in docs/benchmarks.md). Nothing is cut:
 * every row shows all its characters (the pane scrolls sideways when narrower than 160
 * columns), and a row that continues the line above is marked "↪", so a break mid-word reads
 * as a wrap.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { rowListOptions, useRowHeight } from './row-height.js';

export function RawView({ text, lineStarts, label }: { text: string; lineStarts: Int32Array; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useRowHeight();
  const virtualizer = useVirtualizer(rowListOptions(lineStarts.length, scrollRef, rowHeight));
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  return (
    <div ref={scrollRef} className="jv-scroll jv-raw" role="region" aria-label={label} tabIndex={0} data-testid="raw-view">
      <div className="jv-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const start = lineStarts[item.index]!;
          const end = item.index + 1 < lineStarts.length ? lineStarts[item.index + 1]! : text.length;
          const continued = start > 0 && text.charCodeAt(start - 1) !== 10;
          return (
            <div
              key={item.index}
              className="jv-row"
              data-continued={continued ? 'true' : undefined}
              style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
            >
              <span className="jv-wrap-mark" aria-hidden="true">
                {continued ? '↪' : ''}
              </span>
              {text.slice(start, end).replace(/\r?\n$/, '')}
            </div>
          );
        })}
      </div>
    </div>
  );
}
