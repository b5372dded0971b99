/**
 * Ranges of a text where `#12`-like strings are not references: URLs (`…/pull/3#issuecomment-9`,
 * `page#12`) and Markdown code (inline spans and fenced blocks). Returned as a flat, sorted
 * `[start, end, start, end, …]` array, or null when the text has neither (the common case,
 * decided with two `indexOf`s).
 */
export function ignoredRanges(text: string): number[] | null {
  const hasUrl = text.includes('://');
  const hasCode = text.includes('`');
  if (!hasUrl && !hasCode) return null;
  const ranges: number[] = [];
  if (hasCode) addCodeRanges(text, ranges);
  if (hasUrl) addUrlRanges(text, ranges);
  if (hasCode && hasUrl) sortPairs(ranges);
  return ranges;
}

/** True when `index` falls inside one of `ranges` (binary search: huge messages stay linear). */
export function isIgnored(ranges: readonly number[] | null, index: number): boolean {
  if (ranges === null) return false;
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = ranges[mid * 2] ?? 0;
    const end = ranges[mid * 2 + 1] ?? 0;
    if (index < start) hi = mid - 1;
    else if (index >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

function isSchemeChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46
  );
}

function isUrlEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 62;
}

function addUrlRanges(text: string, ranges: number[]): void {
  let at = text.indexOf('://');
  while (at >= 0) {
    let start = at;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    let end = at + 3;
    while (end < text.length && !isUrlEnd(text.charCodeAt(end))) end++;
    // Overlaps (a URL inside a code span) are harmless: membership is all that is asked.
    if (start < at) ranges.push(start, end);
    at = text.indexOf('://', end);
  }
}

function runLength(text: string, at: number): number {
  let end = at;
  while (text.charCodeAt(end) === 96) end++;
  return end - at;
}

function atLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 10;
}

function addCodeRanges(text: string, ranges: number[]): void {
  let at = text.indexOf('`');
  while (at >= 0) {
    const run = runLength(text, at);
    let end: number;
    if (run >= 3 && atLineStart(text, at)) {
      // A fenced block runs to the next fence (or to the end when it is never closed).
      const lineEnd = text.indexOf('\n', at);
      const close = lineEnd < 0 ? -1 : text.indexOf('```', lineEnd);
      const closeEnd = close < 0 ? -1 : text.indexOf('\n', close);
      end = close < 0 || closeEnd < 0 ? text.length : closeEnd;
    } else {
      const close = text.indexOf(text.slice(at, at + run), at + run);
      if (close < 0) {
        // An unmatched backtick is a literal character, not a code span.
        at = text.indexOf('`', at + run);
        continue;
      }
      end = close + run;
    }
    ranges.push(at, end);
    at = end < text.length ? text.indexOf('`', end) : -1;
  }
}

function sortPairs(ranges: number[]): void {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i] ?? 0, ranges[i + 1] ?? 0]);
  pairs.sort((a, b) => a[0] - b[0]);
  ranges.length = 0;
  // Merging overlaps keeps the array sorted by both ends, which the binary search needs.
  for (const [start, end] of pairs) {
    const last = ranges.length - 1;
    if (last > 0 && start <= (ranges[last] ?? 0)) ranges[last] = Math.max(ranges[last] ?? 0, end);
    else ranges.push(start, end);
  }
}
