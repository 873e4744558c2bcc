/**
 * The same quotation across sources: verbatim, trimmed (one carries more of it) or altered
 * (re-translated, spun, partly paraphrased).
 *
 * Quotes are compared by their content words, stemmed (Porter), British spellings folded
 * (favourable = favorable), each weighted by its rarity among all quotes (idf), so that sharing
 * "biggest victim" counts for more than sharing "China". Two quotes from different sources are the
 * same quotation when the shared weight covers most of the shorter one (containment: a trimmed
 * quote is wholly inside the fuller one). Candidate pairs come only from quotes sharing a rare
 * word (posting lists longer than MAX_POSTINGS are skipped), so the cost stays linear in the
 * number of quotes rather than quadratic. Matches join groups transitively (union-find); members
 * reached only through another member and sharing little with the group's reference are split off.
 *
 * Two quotes are never linked when both name a speaker and the speakers are not one person
 * (spelling variants and a surname for the full name agree); when the only wording they share is
 * common phrases (words and two-word runs found in quotes of three stories or more: "United
 * States of America", "the right direction"); or, in a corpus of stories, when they belong to
 * different stories and one is not a near-verbatim copy of the other, of eight words or more.
 */
import { runAtOnce, type Steps } from '../slices.js';
import { editDistance } from '../text/editDistance.js';
import { quoteStems } from '../text/stems.js';
import { wordDiff, type DiffPart } from '../text/wordDiff.js';
import type { Quote, QuoteGroup, QuoteMember, QuoteRelation } from './types.js';

/** Quotes compared (or groups built) between two pauses of the grouping. */
const QUOTES_PER_PAUSE = 256;

/** A word shared by more quotes than this says nothing about which quotes are the same. */
const MAX_POSTINGS = 200;
/** Share of the shorter quote's weight that must be shared for two statements to be one quotation. */
const STATEMENT_CONTAINMENT = 0.5;
/** When most of the shorter quote is shared, two runs of its wording suffice. */
const SMALL_OVERLAP_CONTAINMENT = 0.85;

/** Text compared for verbatim and trimmed: lower case, words only, curly and straight marks alike. */
function normalized(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let at = item; this.parent[at] !== root; ) {
      const next = this.parent[at]!;
      this.parent[at] = root;
      at = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/** Two spellings of one name: same number of words, one word the same, the rest at most two edits apart. */
export function sameNameVariant(a: string, b: string): boolean {
  if (a === b) return true;
  const wordsA = a.toLowerCase().split(' ');
  const wordsB = b.toLowerCase().split(' ');
  if (wordsA.length !== wordsB.length || wordsA.length < 2) return false;
  if (!wordsA.some((word, index) => word === wordsB[index])) return false;
  const distance = editDistance(wordsA.join(' '), wordsB.join(' '), 2);
  return distance <= 2 && distance / Math.max(a.length, b.length) <= 0.2;
}

/**
 * The spelling each speaker name is linked to: the one most sources use ("Hua Chuning" in one
 * source -> "Hua Chunying" in three). Candidates share a word, so only names in one bucket meet.
 */
export function canonicalSpeakers(quotes: readonly Quote[]): Map<string, string> {
  const sourcesOf = new Map<string, Set<string>>();
  for (const quote of quotes) {
    if (quote.speaker === null) continue;
    const sources = sourcesOf.get(quote.speaker) ?? new Set<string>();
    sources.add(quote.source);
    sourcesOf.set(quote.speaker, sources);
  }
  const names = [...sourcesOf.keys()];
  const links = new UnionFind(names.length);
  const buckets = new Map<string, number[]>();
  names.forEach((name, index) => {
    for (const word of new Set(name.toLowerCase().split(' '))) {
      const bucket = buckets.get(word) ?? [];
      bucket.push(index);
      buckets.set(word, bucket);
    }
  });
  for (const bucket of buckets.values()) {
    if (bucket.length > MAX_POSTINGS) continue;
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        if (sameNameVariant(names[bucket[i]!]!, names[bucket[j]!]!)) links.union(bucket[i]!, bucket[j]!);
      }
    }
  }
  const best = new Map<number, string>();
  names.forEach((name, index) => {
    const root = links.find(index);
    const current = best.get(root);
    if (current === undefined || sourcesOf.get(name)!.size > sourcesOf.get(current)!.size) best.set(root, name);
  });
  return new Map(names.map((name, index) => [name, best.get(links.find(index))!]));
}

interface Profile {
  stems: Set<string>;
  /** Stems and pairs that are not common phrases across stories. */
  distinctStems: Set<string>;
  distinctPairs: Set<string>;
  /** Adjacent content-word pairs ("make differ"): shared runs of wording survive re-translation. */
  pairs: Set<string>;
  weight: number;
}

/** Shared adjacent pairs that make two statements one quotation even when each adds much of its own. */
const SHARED_PAIRS = 3;
/** ... provided they are a fair share of the shorter statement's pairs. */
const MIN_PAIR_SHARE = 0.3;
/** A member whose own content words its group's reference mostly lacks was chained in by another member. */
const MIN_MEMBER_COVERAGE = 0.34;
/** How often a group is split again after its strays leave. */
const MAX_SPLITS = 3;

function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared;
}

function weightOf(stems: Iterable<string>, idf: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const stem of stems) total += idf.get(stem) ?? 0;
  return total;
}

function relationOf(member: Quote, reference: Quote): QuoteRelation {
  const memberText = normalized(member.text);
  const referenceText = normalized(reference.text);
  if (memberText === referenceText) return 'verbatim';
  if (referenceText.includes(memberText) || memberText.includes(referenceText)) return 'trimmed';
  return 'altered';
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * sharedCount(a, b)) / (a.size + b.size);
}

/**
 * The reference's words changed into this member's (empty for the reference). Computed when a
 * group is shown, not for every group of a large corpus.
 */
export function memberDiff(group: QuoteGroup, member: QuoteMember): DiffPart[] {
  if (member.quote === group.reference) return [];
  return wordDiff(group.reference.text, member.quote.text);
}

/**
 * A word or a two-word run found in quotes of this many stories or more is a common phrase
 * ("United States of America", "the right direction"), not wording that identifies a quotation.
 */
const COMMON_SPREAD = 3;
/** Exact twins a quote is checked against (a thousand "no comment"s must not cost a million checks). */
const MAX_TWINS_COMPARED = 8;
/** Words a quote needs before near-verbatim wording may join it to a quote of another story. */
const CROSS_STORY_WORDS = 8;

/** Two speakers that can be one person: either unknown, one spelling for both, or the same surname. */
function speakersAgree(a: string | null, b: string | null, canonical: ReadonlyMap<string, string>): boolean {
  if (a === null || b === null) return true;
  if ((canonical.get(a) ?? a) === (canonical.get(b) ?? b)) return true;
  const last = (name: string): string => name.toLowerCase().split(' ').pop() ?? '';
  return last(a) === last(b);
}

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

/** Groups every quote (a quote found in one source only is a group of one). */
export function groupQuotes(quotes: readonly Quote[]): QuoteGroup[] {
  return runAtOnce(groupQuoteSteps(quotes));
}

/** groupQuotes, pausing every few hundred quotes (see slices.ts): 12,000 quotes take seconds. */
export function* groupQuoteSteps(quotes: readonly Quote[]): Steps<QuoteGroup[]> {
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
  // In a corpus of stories, wording spread over several stories is a common phrase.
  const storyOf = (index: number): string | null => quotes[index]!.story;
  const storyCount = new Set(quotes.map((quote) => quote.story).filter((story) => story !== null)).size;
  const common = new Set<string>();
  if (storyCount >= COMMON_SPREAD) {
    const spread = new Map<string, Set<string>>();
    const note = (key: string, story: string | null): void => {
      if (story === null) return;
      const stories = spread.get(key) ?? new Set<string>();
      stories.add(story);
      spread.set(key, stories);
    };
    stemLists.forEach((stems, index) => {
      for (const stem of stems) note(stem, storyOf(index));
      for (const pair of pairLists[index]!) note(`pair:${pair}`, storyOf(index));
    });
    for (const [key, stories] of spread) if (stories.size >= COMMON_SPREAD) common.add(key);
  }
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
  const canonical = canonicalSpeakers(quotes);

  const texts = quotes.map((quote) => normalized(quote.text));
  /** Wording that looks alike, but from different people, different stories, or only common phrases. */
  const keepsApart = (index: number, other: number, copy: boolean): boolean => {
    // Across stories only near-verbatim wording of some length is the same quotation.
    const sameStory = storyOf(index) === null || storyOf(other) === null || storyOf(index) === storyOf(other);
    if (!sameStory && !(copy && Math.min(texts[index]!.split(' ').length, texts[other]!.split(' ').length) >= CROSS_STORY_WORDS)) return true;
    // Where both name a speaker, they must be one person.
    if (!speakersAgree(quotes[index]!.speaker, quotes[other]!.speaker, canonical)) return true;
    if (copy || common.size === 0) return false;
    // Common phrases alone ("United States of America") do not make two quotes one.
    const a = profiles[index]!;
    const b = profiles[other]!;
    if (sharedCount(a.distinctStems, b.distinctStems) < 2) return true;
    return a.distinctPairs.size > 0 && b.distinctPairs.size > 0 && sharedCount(a.distinctPairs, b.distinctPairs) === 0;
  };
  const neighbours: number[][] = quotes.map(() => []);
  const link = (a: number, b: number): void => {
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  };

  // Terms join only their exact twins (or a statement that contains them whole, below); twins
  // from another story or credited to someone else stay apart ("No collusion" in two stories).
  const exact = new Map<string, number[]>();
  quotes.forEach((_, index) => {
    const key = texts[index]!;
    const twins = exact.get(key);
    if (!twins) {
      exact.set(key, [index]);
      return;
    }
    const twin = twins.slice(0, MAX_TWINS_COMPARED).find((other) => !keepsApart(other, index, true));
    if (twin === undefined) twins.push(index);
    else link(twin, index);
  });

  for (let index = 0; index < quotes.length; index++) {
    if (index % QUOTES_PER_PAUSE === QUOTES_PER_PAUSE - 1) yield;
    const shared = new Map<number, { weight: number; count: number }>();
    for (const stem of profiles[index]!.stems) {
      const list = postings.get(stem)!;
      if (list.length > MAX_POSTINGS) continue;
      const weight = idf.get(stem)!;
      for (const other of list) {
        if (other <= index || quotes[other]!.source === quotes[index]!.source) continue;
        const entry = shared.get(other) ?? { weight: 0, count: 0 };
        entry.weight += weight;
        entry.count++;
        shared.set(other, entry);
      }
    }
    for (const [other, { weight, count }] of shared) {
      const a = profiles[index]!;
      const b = profiles[other]!;
      const smaller = Math.min(a.weight, b.weight);
      if (smaller === 0) continue;
      const containment = weight / smaller;
      const eitherTerm = quotes[index]!.kind === 'term' || quotes[other]!.kind === 'term';
      // A term joins a statement only when the statement carries all of it, in its order, and it
      // is more than a two-word name ("Deep Throat" would bridge every quote that mentions it).
      const shorter = a.stems.size <= b.stems.size ? a : b;
      // A copy's words all appear in the fuller quote: only then is the text worth comparing.
      const copy = !eitherTerm && count === shorter.stems.size && trimmedCopy(texts[index]!, texts[other]!);
      const same = eitherTerm
        ? count >= 3 && count === shorter.stems.size && sharedCount(a.pairs, b.pairs) === shorter.pairs.size
        : copy || sameStatement(a, b, count, containment);
      if (same && keepsApart(index, other, copy)) continue;
      if (same) link(index, other);
    }
  }

  // The fullest version is the reference: the others are trimmed or altered copies of it.
  const fuller = (index: number, best: number): boolean =>
    profiles[index]!.weight > profiles[best]!.weight ||
    (profiles[index]!.weight === profiles[best]!.weight && quotes[index]!.text.length > quotes[best]!.text.length);
  const referenceOf = (indexes: readonly number[]): number => indexes.reduce((best, index) => (fuller(index, best) ? index : best));
  const similarity = (index: number, reference: number): number => dice(profiles[index]!.stems, profiles[reference]!.stems);
  /** Share of a member's own content words that its reference has: an excerpt of a long quote still scores high. */
  const coverage = (index: number, reference: number): number =>
    sharedCount(profiles[index]!.stems, profiles[reference]!.stems) / Math.max(1, profiles[index]!.stems.size);

  /**
   * Connected quotes, split where a chain went astray: links are transitive, so one misread span
   * sharing words with several quotations can bridge them. Members reached only through others,
   * whose words the group's reference mostly lacks, leave and are grouped again.
   */
  const components = (subset: readonly number[], depth: number): number[][] => {
    // Union-find over positions in the subset, so splitting a group costs its size, not the corpus's.
    const position = new Map(subset.map((index, at) => [index, at]));
    const links = new UnionFind(subset.length);
    for (const index of subset) {
      for (const other of neighbours[index]!) {
        const otherPosition = position.get(other);
        if (otherPosition !== undefined) links.union(position.get(index)!, otherPosition);
      }
    }
    const byRoot = new Map<number, number[]>();
    for (const index of subset) {
      const root = links.find(position.get(index)!);
      const members = byRoot.get(root);
      if (members) members.push(index);
      else byRoot.set(root, [index]);
    }
    const result: number[][] = [];
    for (const members of byRoot.values()) {
      const reference = referenceOf(members);
      const direct = new Set(neighbours[reference]);
      const strays = members.filter(
        (index) =>
          index !== reference &&
          !direct.has(index) &&
          coverage(index, reference) < MIN_MEMBER_COVERAGE &&
          relationOf(quotes[index]!, quotes[reference]!) === 'altered',
      );
      if (strays.length === 0 || depth >= MAX_SPLITS) {
        result.push(members);
        continue;
      }
      const strayed = new Set(strays);
      result.push(...components(members.filter((index) => !strayed.has(index)), depth + 1), ...components(strays, depth + 1));
    }
    return result;
  };

  const groups: QuoteGroup[] = [];
  for (const indexes of components(quotes.map((_, index) => index), 0)) {
    if (groups.length % QUOTES_PER_PAUSE === QUOTES_PER_PAUSE - 1) yield;
    const referenceIndex = referenceOf(indexes);
    const reference = quotes[referenceIndex]!;
    const speakerVotes = new Map<string, number>();
    for (const index of indexes) {
      const speaker = quotes[index]!.speaker;
      if (speaker !== null) {
        const name = canonical.get(speaker) ?? speaker;
        speakerVotes.set(name, (speakerVotes.get(name) ?? 0) + 1);
      }
    }
    let speaker: string | null = null;
    for (const [name, votes] of speakerVotes) if (speaker === null || votes > speakerVotes.get(speaker)!) speaker = name;
    const members: QuoteMember[] = indexes.map((index) => {
      const quote = quotes[index]!;
      const isReference = index === referenceIndex;
      return {
        quote,
        similarity: isReference ? 1 : Math.round(similarity(index, referenceIndex) * 100) / 100,
        relation: isReference ? 'verbatim' : relationOf(quote, reference),
        speakerVariant: quote.speaker !== null && (canonical.get(quote.speaker) ?? quote.speaker) !== quote.speaker,
      };
    });
    groups.push({
      id: groups.length,
      reference,
      members,
      speaker,
      kind: members.some((member) => member.quote.kind === 'statement') ? 'statement' : 'term',
      sources: new Set(members.map((member) => member.quote.source)).size,
    });
  }
  return groups;
}
