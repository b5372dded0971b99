/**
 * The known key a mistyped one most likely meant: the same key in another case style
 * (`tag_format`, `tagFormat`), or one within a small edit distance. Null when nothing is close.
 */
export function suggestKey(key: string, known: readonly string[]): string | null {
  const normalized = normalize(key);
  const sameWords = known.find((candidate) => normalize(candidate) === normalized);
  if (sameWords !== undefined) return sameWords;
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  for (const candidate of known) {
    const distance = editDistance(normalized, normalize(candidate));
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}

function normalize(key: string): string {
  return key.replace(/[-_\s]/g, '').toLowerCase();
}

// Optimal string alignment: edits plus adjacent transpositions (`tilte` → `title` is one).
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    const above = rows[i - 1] ?? [];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
