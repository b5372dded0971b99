/**
 * The known name a mistyped one most likely meant (`setweight` → `setWeight`,
 * `failurLimit` → `failureLimit`), or null when none is within a third of its length in edits.
 */
export function suggestName(name: string, known: readonly string[]): string | null {
  const wanted = name.toLowerCase();
  // Argo's names for Slipway's seconds fields: `interval` → `intervalSeconds`, `duration` → `seconds`.
  const inSeconds = known.find(
    (candidate) =>
      candidate.toLowerCase() === `${wanted}seconds` ||
      (wanted === 'duration' && candidate === 'seconds'),
  );
  if (inSeconds !== undefined) return inSeconds;
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(name.length / 3));
  for (const candidate of known) {
    const distance = levenshtein(wanted, candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Classic edit distance with one rolling row. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
