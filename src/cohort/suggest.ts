/** "Did you mean" for misspelt keys: the closest candidate by edit distance, if it is close enough to be a typo. */

/** Optimal-string-alignment distance: Levenshtein plus swaps of adjacent letters (studnets → students is 1). */
export function editDistance(a: string, b: string): number {
  // Three rolling rows (the one before the previous is needed for swaps) instead of a full matrix.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The nearest candidate within a typo's reach (1 edit for short words, about a third of the word otherwise), or
 * the one candidate containing the word (`prefix` → `namePrefix`, `limit` → `limitUsd`).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const containing = candidates.filter((c) => lower.length >= 4 && c.toLowerCase().includes(lower));
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Lengths further apart than the limit cannot be within it; skip the quadratic work (keys may be long).
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate ?? (containing.length === 1 ? containing[0] : undefined);
}
