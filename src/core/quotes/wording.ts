/**
 * What the grouping compares quotes by: their content-word stems and adjacent pairs of them (runs
 * of wording survive re-translation), each stem weighted by its rarity among all quotes (idf), and
 * the common phrases of a corpus of stories (wording found in quotes of three stories or more).
 */
import { quoteStems } from '../text/stems.js';
import type { Quote } from './types.js';

/** A word shared by more quotes than this says nothing about which quotes are the same. */
export const MAX_POSTINGS = 200;
/**
 * A word or a two-word run found in quotes of this many stories or more is a common phrase
 * ("United States of America", "the right direction"), not wording that identifies a quotation.
 */
const COMMON_SPREAD = 3;

export interface Profile {
  stems: Set<string>;
  /** Stems and pairs that are not common phrases across stories. */
  distinctStems: Set<string>;
  distinctPairs: Set<string>;
  /** Adjacent content-word pairs ("make differ"): shared runs of wording survive re-translation. */
  pairs: Set<string>;
  weight: number;
}

export interface Wording {
  profiles: Profile[];
  /** The quotes holding each stem. */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  /** Common stems, and common pairs as `pair:A B`. */
  common: Set<string>;
  /** Each quote's text normalized (see normalized). */
  texts: string[];
}

/** Text compared for verbatim and trimmed: lower case, words only, curly and straight marks alike. */
export function normalized(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

export function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared;
}

function weightOf(stems: Iterable<string>, idf: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const stem of stems) total += idf.get(stem) ?? 0;
  return total;
}

export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * sharedCount(a, b)) / (a.size + b.size);
}

/** In a corpus of stories, wording spread over several stories is a common phrase. */
function commonPhrases(quotes: readonly Quote[], stemLists: readonly string[][], pairLists: readonly string[][]): Set<string> {
  const common = new Set<string>();
  const storyCount = new Set(quotes.map((quote) => quote.story).filter((story) => story !== null)).size;
  if (storyCount < COMMON_SPREAD) return common;
  const spread = new Map<string, Set<string>>();
  const note = (key: string, story: string | null): void => {
    if (story === null) return;
    const stories = spread.get(key) ?? new Set<string>();
    stories.add(story);
    spread.set(key, stories);
  };
  stemLists.forEach((stems, index) => {
    const story = quotes[index]!.story;
    for (const stem of stems) note(stem, story);
    for (const pair of pairLists[index]!) note(`pair:${pair}`, story);
  });
  for (const [key, stories] of spread) if (stories.size >= COMMON_SPREAD) common.add(key);
  return common;
}

export function wordingOf(quotes: readonly Quote[]): Wording {
  const stemLists = quotes.map((quote) => quoteStems(quote.text));
  const postings = new Map<string, number[]>();
  stemLists.forEach((stems, index) => {
    for (const stem of new Set(stems)) {
      const list = postings.get(stem);
      if (list) list.push(index);
      else postings.set(stem, [index]);
    }
  });
  const idf = new Map<string, number>();
  for (const [stem, list] of postings) idf.set(stem, Math.log(1 + quotes.length / list.length));
  const pairLists = stemLists.map((stems) => stems.slice(1).map((stem, index) => `${stems[index]} ${stem}`));
  const common = commonPhrases(quotes, stemLists, pairLists);
  const profiles: Profile[] = stemLists.map((stems, index) => {
    const unique = new Set(stems);
    const pairs = new Set(pairLists[index]);
    return {
      stems: unique,
      pairs,
      distinctStems: new Set([...unique].filter((stem) => !common.has(stem))),
      distinctPairs: new Set([...pairs].filter((pair) => !common.has(`pair:${pair}`))),
      weight: weightOf(unique, idf),
    };
  });
  return { profiles, postings, idf, common, texts: quotes.map((quote) => normalized(quote.text)) };
}
