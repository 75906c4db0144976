// How quick open ranks a project file against what was typed.

/**
 * Scores `path` against `query` as a subsequence of its characters (case-insensitive): null when it does
 * not match; higher for matches in the file name and for consecutive letters.
 */
export function fuzzyScore(path: string, query: string): number | null {
  const p = path.toLowerCase();
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const nameStart = p.lastIndexOf('/') + 1;
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const next = p.indexOf(ch, at + 1);
    if (next < 0) return null;
    score += (next === at + 1 ? 3 : 1) + (next >= nameStart ? 2 : 0);
    at = next;
  }
  return score - p.length / 100;
}
