import type { RefObject, UIEvent } from 'react';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface RowWindow {
  /** First row rendered (inclusive). */
  readonly start: number;
  /** Row after the last one rendered (exclusive). */
  readonly end: number;
  /** Height of the rows above `start` and below `end`, kept as empty space. */
  readonly before: number;
  readonly after: number;
}

/**
 * The rows of a list of `count` rows of `rowHeight` pixels that a viewport of `viewportHeight`
 * scrolled to `scrollTop` shows, plus `overscan` rows on either side (so a fast scroll or a
 * keyboard step shows rows already there). Pure, for the tests.
 */
export function visibleRows(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + visible + overscan));
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}

/** The scroll position that brings row `index` into a viewport, or the current one if it is. */
export function scrollToShow(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  headerHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleHeight = viewportHeight - headerHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visibleHeight) return bottom - visibleHeight;
  return scrollTop;
}

/**
 * Windowed rendering of a scrolling container: only the rows in view (and a few more) are in the
 * DOM, whatever the row count. Rows must all be `rowHeight` pixels high (the CSS fixes it).
 */
export function useWindowedRows(
  count: number,
  rowHeight: number,
  overscan = 8,
): {
  readonly containerRef: RefObject<HTMLDivElement | null>;
  readonly onScroll: (event: UIEvent<HTMLDivElement>) => void;
  readonly window: RowWindow;
  readonly scrollTo: (top: number) => void;
} {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until measured, assume a laptop's viewport; the layout effect corrects it before paint.
  const [viewportHeight, setViewportHeight] = useState(800);
  useLayoutEffect(() => {
    const element = containerRef.current;
    if (element === null) return undefined;
    const measure = (): void => setViewportHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
  }, []);
  const scrollTo = useCallback((top: number) => {
    const element = containerRef.current;
    if (element === null) return;
    element.scrollTop = top;
    setScrollTop(element.scrollTop);
  }, []);
  return {
    containerRef,
    onScroll,
    window: visibleRows(count, rowHeight, scrollTop, viewportHeight, overscan),
    scrollTo,
  };
}
