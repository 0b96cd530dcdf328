import { useLayoutEffect, useState, type RefObject } from 'react';
import { usePresenterMode } from '../../app/presenter-context.js';

/** Row height in px of the virtualised lists: 1.6 × the root font size (which presenter mode enlarges). */
export const ROW_EM = 1.6;
export function useRowHeight(): number {
  const presenter = usePresenterMode();
  const [h, setH] = useState(24);
  useLayoutEffect(() => {
    const measure = () => setH(Math.round((parseFloat(getComputedStyle(document.documentElement).fontSize) || 15) * ROW_EM));
    measure();
    // The shell updates <html data-presenter> in an effect after this one: measure again next frame.
    const raf = requestAnimationFrame(measure);
    return () => cancelAnimationFrame(raf);
  }, [presenter]);
  return h;
}

/**
 * Options for the virtualiser (@tanstack/react-virtual) of a list of `count` rows of the row
 * height that scrolls in `scrollRef` (JSON tree, raw text).
 */
export const rowListOptions = (count: number, scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number) => ({
  count,
  getScrollElement: () => scrollRef.current,
  estimateSize: () => rowHeight,
  overscan: 12,
});
