/**
 * How many single-letter edits turn one word into another, a swap of two neighbours counting as
 * one ("shwo" → "show"): the optimal-string-alignment distance.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const at = (r: number, c: number) => rows[r]?.[c] ?? Infinity;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/** The subcommand a mistyped word was probably meant to be ("shwo" → "show"), if any. */
export function likelyMeant(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3 || !/^[a-z]+$/.test(lower)) return undefined;
  return names.find((name) => name.length >= 4 && editDistance(lower, name) <= (name.length >= 6 ? 2 : 1));
}
