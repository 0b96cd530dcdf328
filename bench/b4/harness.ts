/**
 * In-page measuring harness shared by the three B4 pages. It fetches the fixture named in the
 * URL, then times `render` from the moment the text is in memory until the first frame after
 * the content is in the DOM ("shown"), records the worst main-thread long task in that window
 * (+300 ms), and the time of the first frame after scrolling to the middle.
 */
export interface BenchResult {
  shown: number;
  worstLongTask: number;
  scrollMs: number;
  chars: number;
  /** Sanity: rows (viewer, CodeMirror) or characters (pre) actually in the DOM when shown. */
  renderedRows: number;
}

declare global {
  interface Window {
    __benchResult?: BenchResult;
    __benchError?: string;
  }
}

const longTasks: Array<{ start: number; duration: number }> = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // Long Tasks API missing: worstLongTask stays 0.
}

/** Resolves after the next frame has been produced (rAF, then a task after it). */
export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export async function runBench(render: (text: string, root: HTMLElement) => Promise<() => HTMLElement>): Promise<void> {
  try {
    const size = new URLSearchParams(location.search).get('size') ?? '1mb';
    const res = await fetch(`/fixtures/${size}.json`, { cache: 'no-store' });
    const text = await res.text();
    await nextFrame();
    await nextFrame();
    const root = document.getElementById('root')!;
    const t0 = performance.now();
    const scrollElement = await render(text, root);
    await nextFrame();
    const shown = performance.now() - t0;
    const renderedRows = document.querySelectorAll('.jv-row, .cm-line').length || (document.querySelector('pre')?.textContent?.length ?? 0);
    await new Promise((r) => setTimeout(r, 300));
    const end = t0 + shown + 300;
    const worstLongTask = Math.max(0, ...longTasks.filter((t) => t.start + t.duration >= t0 && t.start <= end).map((t) => t.duration));
    const el = scrollElement();
    const s0 = performance.now();
    el.scrollTop = Math.floor(el.scrollHeight / 2);
    await nextFrame();
    await nextFrame();
    const scrollMs = performance.now() - s0;
    window.__benchResult = { shown, worstLongTask, scrollMs, chars: text.length, renderedRows };
  } catch (error) {
    window.__benchError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
