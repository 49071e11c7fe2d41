/**
 * Competition ranks ("1, 1, 3") of items by a score, highest first: items with equal scores
 * share a rank and the next rank skips as many places as shared it. Returns ranks in the
 * order the items were given.
 */
export function competitionRanks<T>(items: readonly T[], score: (item: T) => number): number[] {
  const order = items
    .map((item, i) => ({ i, score: score(item) }))
    .sort((a, b) => b.score - a.score);
  const ranks = new Array<number>(items.length);
  let rank = 0;
  let previous: number | undefined;
  order.forEach((entry, position) => {
    if (entry.score !== previous) rank = position + 1;
    previous = entry.score;
    ranks[entry.i] = rank;
  });
  return ranks;
}
