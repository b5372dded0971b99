import { describe, expect, it } from 'vitest';
import { rowAfterKey } from '../src/catalog/catalog-table.js';
import { scrollToShow, visibleRows } from '../src/catalog/use-windowed-rows.js';

describe('windowed rows', () => {
  it('renders the rows in view plus the overscan, and keeps the rest as space', () => {
    // 1,000 rows of 84 px in a 600 px viewport scrolled to row 100.
    const range = visibleRows(1000, 84, 8400, 600, 8);
    expect(range).toEqual({ start: 92, end: 117, before: 92 * 84, after: (1000 - 117) * 84 });
    expect(range.end - range.start).toBeLessThan(30);
  });

  it('stays inside the list at both ends', () => {
    expect(visibleRows(1000, 84, 0, 600, 8)).toMatchObject({ start: 0, before: 0 });
    expect(visibleRows(1000, 84, 84_000, 600, 8)).toMatchObject({ end: 1000, after: 0 });
    expect(visibleRows(3, 84, 0, 600, 8)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
    expect(visibleRows(0, 84, 0, 600, 8)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('scrolls just enough to show a row under the sticky header', () => {
    // Viewport 600 px with a 40 px header: 560 px of rows.
    expect(scrollToShow(3, 84, 0, 600, 40)).toBe(0);
    expect(scrollToShow(10, 84, 0, 600, 40)).toBe(11 * 84 - 560);
    expect(scrollToShow(2, 84, 840, 600, 40)).toBe(168);
  });

  it('moves between rows with arrows, pages, Home and End', () => {
    expect(rowAfterKey('ArrowDown', 0, 10, 5)).toBe(1);
    expect(rowAfterKey('ArrowDown', 9, 10, 5)).toBe(9);
    expect(rowAfterKey('ArrowUp', 0, 10, 5)).toBe(0);
    expect(rowAfterKey('PageDown', 3, 10, 5)).toBe(8);
    expect(rowAfterKey('PageUp', 3, 10, 5)).toBe(0);
    expect(rowAfterKey('End', 3, 10, 5)).toBe(9);
    expect(rowAfterKey('Home', 3, 10, 5)).toBe(0);
    expect(rowAfterKey('a', 3, 10, 5)).toBeNull();
  });
});
