/** The surroundings of a passage: its paragraph and the paragraphs next to it. */
import type { Corpus, Passage } from './types.js';

export interface ParagraphContext {
  paragraph: number;
  passages: Passage[];
}

/**
 * Paragraphs `before` and `after` the passage's own, in order. Passages of a document are
 * contiguous in Corpus.passages, so this walks outwards from the passage and stops at its source.
 */
export function paragraphContext(corpus: Corpus, passage: Passage, before = 1, after = 1): ParagraphContext[] {
  const { passages } = corpus;
  const low = passage.paragraph - before;
  const high = passage.paragraph + after;
  const inRange = (candidate: Passage | undefined): candidate is Passage =>
    candidate !== undefined && candidate.source === passage.source && candidate.paragraph >= low && candidate.paragraph <= high;
  let first = passage.id;
  while (inRange(passages[first - 1])) first--;
  let last = passage.id;
  while (inRange(passages[last + 1])) last++;
  const groups: ParagraphContext[] = [];
  for (let id = first; id <= last; id++) {
    const current = passages[id]!;
    const group = groups[groups.length - 1];
    if (group && group.paragraph === current.paragraph) group.passages.push(current);
    else groups.push({ paragraph: current.paragraph, passages: [current] });
  }
  return groups;
}

/**
 * How many leading characters tell every source id apart (at least `minimum`): lists show that
 * much of an id and the preview shows it whole.
 */
export function distinguishingPrefixLength(sources: readonly string[], minimum = 3): number {
  const sorted = [...sources].sort();
  let needed = minimum;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    needed = Math.max(needed, common + 1);
  }
  return Math.min(needed, Math.max(...sorted.map((source) => source.length)));
}
