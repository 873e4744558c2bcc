/** Half-open [start, end) ranges of a text, as every highlight in crosscheck is given. */
export type Range = [number, number];

/** The ranges sorted, overlapping or touching ones merged (new arrays: the input is not changed). */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Where `words` (lower case) occur in `text` (case folded), merged; at most `limit` occurrences. */
export function occurrenceRanges(text: string, words: readonly string[], limit = Number.POSITIVE_INFINITY): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const word of words) {
    if (word === '') continue;
    for (let at = lower.indexOf(word); at !== -1 && ranges.length < limit; at = lower.indexOf(word, at + word.length)) ranges.push([at, at + word.length]);
  }
  return mergeRanges(ranges);
}

/** Where `offset` falls among the first `count` of `starts` (ascending): the last at or before it, 0 when none is. */
export function lastStartAtOrBefore(starts: ArrayLike<number>, count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
