/**
 * Which quotes of different sources are one quotation: candidate pairs come only from quotes
 * sharing a rare stem, so the cost stays linear in the number of quotes; a pair is linked when
 * enough of the shorter quote's weight is shared and in the same word order (see sameStatement),
 * unless speakers, stories or common phrases keep them apart.
 */
import type { Steps } from '../slices.js';
import { speakersAgree } from './speakerNames.js';
import type { Quote } from './types.js';
import { MAX_POSTINGS, sharedCount, type Profile, type Wording } from './wording.js';

/** Quotes compared (or groups built) between two pauses of the grouping. */
export const QUOTES_PER_PAUSE = 256;

/** Share of the shorter quote's weight that must be shared for two statements to be one quotation. */
const STATEMENT_CONTAINMENT = 0.5;
/** When most of the shorter quote is shared, two runs of its wording suffice. */
const SMALL_OVERLAP_CONTAINMENT = 0.85;
/** Shared adjacent pairs that make two statements one quotation even when each adds much of its own. */
const SHARED_PAIRS = 3;
/** ... provided they are a fair share of the shorter statement's pairs. */
const MIN_PAIR_SHARE = 0.3;
/** Exact twins a quote is checked against (a thousand "no comment"s must not cost a million checks). */
const MAX_TWINS_COMPARED = 8;
/** Words a quote needs before near-verbatim wording may join it to a quote of another story. */
const CROSS_STORY_WORDS = 8;

/** Words a statement needs before its words found whole inside another's make it a trimmed copy. */
const TRIMMED_MIN_WORDS = 5;

/** One statement's words, in order, inside another's: a trimmed copy ("…this fight" of "…this fight over the budget"). */
function trimmedCopy(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.split(' ').length >= TRIMMED_MIN_WORDS && ` ${longer} `.includes(` ${shorter} `);
}

/**
 * Two statements are one quotation when most of the shorter one is shared and some of it in the
 * same word order (a long misread span shares words with everything, but few runs), or when they
 * share several runs of wording (a re-translation keeps "make a difference", "China's response").
 */
function sameStatement(a: Profile, b: Profile, count: number, containment: number): boolean {
  // Two shared words ("American people") are a phrase, not a quotation: short quotes join only their exact twins.
  if (count < 3) return false;
  const pairs = sharedCount(a.pairs, b.pairs);
  const fewerPairs = Math.max(1, Math.min(a.pairs.size, b.pairs.size));
  const shareOfPairs = pairs / fewerPairs;
  if (containment >= SMALL_OVERLAP_CONTAINMENT && pairs >= Math.min(2, fewerPairs) && shareOfPairs >= MIN_PAIR_SHARE) return true;
  if (containment >= STATEMENT_CONTAINMENT && pairs >= 2 && shareOfPairs >= MIN_PAIR_SHARE) return true;
  return pairs >= SHARED_PAIRS && shareOfPairs >= MIN_PAIR_SHARE;
}


interface Linking {
  quotes: readonly Quote[];
  wording: Wording;
  canonical: ReadonlyMap<string, string>;
}

/** Wording that looks alike, but from different people, different stories, or only common phrases. */
function keepsApart({ quotes, wording, canonical }: Linking, index: number, other: number, copy: boolean): boolean {
  const { texts, common, profiles } = wording;
  // Across stories only near-verbatim wording of some length is the same quotation.
  const storyA = quotes[index]!.story;
  const storyB = quotes[other]!.story;
  const sameStory = storyA === null || storyB === null || storyA === storyB;
  if (!sameStory && !(copy && Math.min(texts[index]!.split(' ').length, texts[other]!.split(' ').length) >= CROSS_STORY_WORDS)) return true;
  // Where both name a speaker, they must be one person.
  if (!speakersAgree(quotes[index]!.speaker, quotes[other]!.speaker, canonical)) return true;
  if (copy || common.size === 0) return false;
  // Common phrases alone ("United States of America") do not make two quotes one.
  const a = profiles[index]!;
  const b = profiles[other]!;
  if (sharedCount(a.distinctStems, b.distinctStems) < 2) return true;
  return a.distinctPairs.size > 0 && b.distinctPairs.size > 0 && sharedCount(a.distinctPairs, b.distinctPairs) === 0;
}

/**
 * Terms join only their exact twins (or a statement that contains them whole); twins from another
 * story or credited to someone else stay apart ("No collusion" in two stories).
 */
function linkExactTwins(linking: Linking, link: (a: number, b: number) => void): void {
  const exact = new Map<string, number[]>();
  linking.quotes.forEach((_, index) => {
    const key = linking.wording.texts[index]!;
    const twins = exact.get(key);
    if (!twins) {
      exact.set(key, [index]);
      return;
    }
    const twin = twins.slice(0, MAX_TWINS_COMPARED).find((other) => !keepsApart(linking, other, index, true));
    if (twin === undefined) twins.push(index);
    else link(twin, index);
  });
}

/**
 * Weight and number of rare stems shared with the quote being linked, per later quote: typed arrays
 * reused for every quote (a Map per quote was most of the grouping's time on a large corpus).
 */
class Candidates {
  readonly weight: Float64Array;
  readonly count: Int32Array;
  /** The quotes with a shared stem, in the order first met (the order links are made in). */
  readonly found: number[] = [];
  constructor(quotes: number) {
    this.weight = new Float64Array(quotes);
    this.count = new Int32Array(quotes);
  }
  clear(): void {
    for (const other of this.found) {
      this.weight[other] = 0;
      this.count[other] = 0;
    }
    this.found.length = 0;
  }
}

/** The first position in an ascending list holding a value above `value`. */
function firstAbove(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Fills `into` with the later quotes of other sources sharing a rare stem with this one: the weight and number of stems shared. */
function candidatesOf({ quotes, wording }: Linking, index: number, into: Candidates): void {
  into.clear();
  const source = quotes[index]!.source;
  for (const stem of wording.profiles[index]!.stems) {
    // Ascending quote numbers (wording.ts fills them in order): only the later ones are compared.
    const list = wording.postings.get(stem)!;
    if (list.length > MAX_POSTINGS) continue;
    const weight = wording.idf.get(stem)!;
    for (let position = firstAbove(list, index); position < list.length; position++) {
      const other = list[position]!;
      if (quotes[other]!.source === source) continue;
      if (into.count[other] === 0) into.found.push(other);
      into.weight[other] = into.weight[other]! + weight;
      into.count[other] = into.count[other]! + 1;
    }
  }
}

/** Whether two quotes sharing `count` stems of `weight` are one quotation, and whether one is a trimmed copy. */
function sameQuotation({ quotes, wording }: Linking, index: number, other: number, weight: number, count: number): { same: boolean; copy: boolean } {
  const a = wording.profiles[index]!;
  const b = wording.profiles[other]!;
  const smaller = Math.min(a.weight, b.weight);
  if (smaller === 0) return { same: false, copy: false };
  const containment = weight / smaller;
  const eitherTerm = quotes[index]!.kind === 'term' || quotes[other]!.kind === 'term';
  // A term joins a statement only when the statement carries all of it, in its order, and it
  // is more than a two-word name ("Deep Throat" would bridge every quote that mentions it).
  const shorter = a.stems.size <= b.stems.size ? a : b;
  // A copy's words all appear in the fuller quote: only then is the text worth comparing.
  const copy = !eitherTerm && count === shorter.stems.size && trimmedCopy(wording.texts[index]!, wording.texts[other]!);
  const same = eitherTerm
    ? count >= 3 && count === shorter.stems.size && sharedCount(a.pairs, b.pairs) === shorter.pairs.size
    : copy || sameStatement(a, b, count, containment);
  return { same, copy };
}

/** Each quote's linked quotes (both directions), pausing every few hundred quotes. */
export function* linkSteps(quotes: readonly Quote[], wording: Wording, canonical: ReadonlyMap<string, string>): Steps<number[][]> {
  const linking: Linking = { quotes, wording, canonical };
  const neighbours: number[][] = quotes.map(() => []);
  const link = (a: number, b: number): void => {
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  };
  linkExactTwins(linking, link);
  const candidates = new Candidates(quotes.length);
  for (let index = 0; index < quotes.length; index++) {
    if (index % QUOTES_PER_PAUSE === QUOTES_PER_PAUSE - 1) yield;
    candidatesOf(linking, index, candidates);
    for (const other of candidates.found) {
      const { same, copy } = sameQuotation(linking, index, other, candidates.weight[other]!, candidates.count[other]!);
      if (same && !keepsApart(linking, index, other, copy)) link(index, other);
    }
  }
  return neighbours;
}
