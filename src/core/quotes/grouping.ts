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
import { wordDiff, type DiffPart } from '../text/wordDiff.js';
import { QUOTES_PER_PAUSE, linkSteps } from './linking.js';
import { UnionFind, canonicalSpeakers } from './speakerNames.js';
import type { Quote, QuoteGroup, QuoteMember, QuoteRelation } from './types.js';
import { dice, normalized, sharedCount, wordingOf, type Profile } from './wording.js';

/** A member whose own content words its group's reference mostly lacks was chained in by another member. */
const MIN_MEMBER_COVERAGE = 0.34;
/** How often a group is split again after its strays leave. */
const MAX_SPLITS = 3;

function relationOf(member: Quote, reference: Quote): QuoteRelation {
  const memberText = normalized(member.text);
  const referenceText = normalized(reference.text);
  if (memberText === referenceText) return 'verbatim';
  if (referenceText.includes(memberText) || memberText.includes(referenceText)) return 'trimmed';
  return 'altered';
}

/**
 * The reference's words changed into this member's (empty for the reference). Computed when a
 * group is shown, not for every group of a large corpus.
 */
export function memberDiff(group: QuoteGroup, member: QuoteMember): DiffPart[] {
  if (member.quote === group.reference) return [];
  return wordDiff(group.reference.text, member.quote.text);
}

/** The quotes, their wording and links, and the spelling each speaker name is linked to. */
interface Grouping {
  quotes: readonly Quote[];
  profiles: readonly Profile[];
  neighbours: readonly number[][];
  canonical: ReadonlyMap<string, string>;
}

/** The fullest version is the reference: the others are trimmed or altered copies of it. */
function referenceOf({ quotes, profiles }: Grouping, indexes: readonly number[]): number {
  const fuller = (index: number, best: number): boolean =>
    profiles[index]!.weight > profiles[best]!.weight ||
    (profiles[index]!.weight === profiles[best]!.weight && quotes[index]!.text.length > quotes[best]!.text.length);
  return indexes.reduce((best, index) => (fuller(index, best) ? index : best));
}

/** Share of a member's own content words that its reference has: an excerpt of a long quote still scores high. */
function coverage({ profiles }: Grouping, index: number, reference: number): number {
  return sharedCount(profiles[index]!.stems, profiles[reference]!.stems) / Math.max(1, profiles[index]!.stems.size);
}

/** The linked quotes of a subset, joined transitively (union-find over positions in the subset, so splitting a group costs its size, not the corpus's). */
function connected({ neighbours }: Grouping, subset: readonly number[]): number[][] {
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
  return [...byRoot.values()];
}

/**
 * Connected quotes, split where a chain went astray: links are transitive, so one misread span
 * sharing words with several quotations can bridge them. Members reached only through others,
 * whose words the group's reference mostly lacks, leave and are grouped again.
 */
function components(grouping: Grouping, subset: readonly number[], depth: number): number[][] {
  const { quotes, neighbours } = grouping;
  const result: number[][] = [];
  for (const members of connected(grouping, subset)) {
    const reference = referenceOf(grouping, members);
    const direct = new Set(neighbours[reference]);
    const strays = members.filter(
      (index) =>
        index !== reference &&
        !direct.has(index) &&
        coverage(grouping, index, reference) < MIN_MEMBER_COVERAGE &&
        relationOf(quotes[index]!, quotes[reference]!) === 'altered',
    );
    if (strays.length === 0 || depth >= MAX_SPLITS) {
      result.push(members);
      continue;
    }
    const strayed = new Set(strays);
    result.push(...components(grouping, members.filter((index) => !strayed.has(index)), depth + 1), ...components(grouping, strays, depth + 1));
  }
  return result;
}

/** The speaker most members name (each spelling counted as the one it is linked to), or null. */
function groupSpeaker({ quotes, canonical }: Grouping, indexes: readonly number[]): string | null {
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
  return speaker;
}

function groupOf(grouping: Grouping, indexes: readonly number[], id: number): QuoteGroup {
  const { quotes, profiles, canonical } = grouping;
  const referenceIndex = referenceOf(grouping, indexes);
  const reference = quotes[referenceIndex]!;
  const members: QuoteMember[] = indexes.map((index) => {
    const quote = quotes[index]!;
    const isReference = index === referenceIndex;
    return {
      quote,
      similarity: isReference ? 1 : Math.round(dice(profiles[index]!.stems, profiles[referenceIndex]!.stems) * 100) / 100,
      relation: isReference ? 'verbatim' : relationOf(quote, reference),
      speakerVariant: quote.speaker !== null && (canonical.get(quote.speaker) ?? quote.speaker) !== quote.speaker,
    };
  });
  return {
    id,
    reference,
    members,
    speaker: groupSpeaker(grouping, indexes),
    kind: members.some((member) => member.quote.kind === 'statement') ? 'statement' : 'term',
    sources: new Set(members.map((member) => member.quote.source)).size,
  };
}

/** Groups every quote (a quote found in one source only is a group of one). */
export function groupQuotes(quotes: readonly Quote[]): QuoteGroup[] {
  return runAtOnce(groupQuoteSteps(quotes));
}

/** groupQuotes, pausing every few hundred quotes (see slices.ts): 12,000 quotes take seconds. */
export function* groupQuoteSteps(quotes: readonly Quote[]): Steps<QuoteGroup[]> {
  const wording = wordingOf(quotes);
  const canonical = canonicalSpeakers(quotes);
  const neighbours = yield* linkSteps(quotes, wording, canonical);
  const grouping: Grouping = { quotes, profiles: wording.profiles, neighbours, canonical };
  const groups: QuoteGroup[] = [];
  for (const indexes of components(grouping, quotes.map((_, index) => index), 0)) {
    if (groups.length % QUOTES_PER_PAUSE === QUOTES_PER_PAUSE - 1) yield;
    groups.push(groupOf(grouping, indexes, groups.length));
  }
  return groups;
}
