/**
 * The claims map: every passage of a story clustered into claims, and which sources carry each.
 *
 * 1. Pairs: each passage is scored against the earlier passages of other sources that share its
 *    rarest stems (a bounded number), by weighted Dice with weights from the story itself: within
 *    a story about a subpoena, "subpoena" says little, and "Senate" or "House" says which one.
 * 2. Claims: pairs are joined best first, never two passages of one source in a claim, and two
 *    claims only when most of the smaller one's passages pair with the other's: one shared generic
 *    word does not chain two claims into a row, and the order of the sources does not decide
 *    which version of a claim a third source joins.
 * The work grows with the story's size times the bound, never with its square.
 */
import { runAtOnce, type Steps } from '../slices.js';
import type { Passage } from '../types.js';
import type { ClaimComparer } from './compare.js';
import { CARRIED_THRESHOLD } from './compare.js';
import { conflictsBySource } from './conflicts.js';
import { StemWeights } from './similarity.js';
import type { Claim, ClaimsMap, Conflict } from './types.js';

/** A passage with fewer content words ("Leave a Reply", "Twitter") states no claim. */
const MIN_STEMS = 4;
const SEED_STEMS = 6;
const MAX_SCORED = 60;
/** Passages (or pairs, or claims) handled between two pauses of the map's construction. */
const PASSAGES_PER_PAUSE = 256;
/**
 * With weights from the story itself, the words every version of a claim shares (the story's
 * names) weigh little, so versions score lower than with corpus weights: tuned on the development
 * set (0.2 to 0.3 tried; complete rows 10 -> 11 of 20; conflicts unchanged).
 */
const STORY_PAIR_THRESHOLD = 0.2;
/**
 * Conflicts are looked for in claims of at most this many passages: comparing facts costs the
 * square of a claim's size, and a line thousands of wire stories share ("Shr 10 cts vs 5 cts") is
 * boilerplate, not a claim sources dispute.
 */
export const MAX_CHECKED_MEMBERS = 40;

/** The work a claims map did, for tests that bound it. */
export interface ClaimsWork {
  /** Fact lists of other carriers a carrier was checked against, summed over carriers. */
  comparedCarriers: number;
}
/** Pairs kept for each passage: its best partners among the earlier passages. */
const PAIRS_PER_PASSAGE = 4;
/** Two claims larger than this (members multiplied) join on their best pair alone (a corpus without stories has large ones). */
const LINKAGE_CHECK_LIMIT = 400;

interface Pair {
  a: number;
  b: number;
  similarity: number;
}

export function buildClaimsMap(comparer: ClaimComparer, story: string | null, work?: ClaimsWork): ClaimsMap {
  return runAtOnce(claimsMapSteps(comparer, story, work));
}

/** The weights of stems among the story's passages (the corpus's own when there is no story). */
function* storyWeightSteps(comparer: ClaimComparer, members: readonly Passage[], story: string | null): Steps<StemWeights> {
  if (story === null) return comparer.weights;
  const weights = new StemWeights();
  for (let index = 0; index < members.length; index++) {
    if (index % (PASSAGES_PER_PAUSE * 16) === PASSAGES_PER_PAUSE * 16 - 1) yield;
    weights.add(comparer.stemsOf(members[index]!.id));
  }
  return weights;
}

/** The story's passages that state something (enough content words), in corpus order. */
function* memberSteps(comparer: ClaimComparer, sources: readonly string[]): Steps<Passage[]> {
  const inStory = new Set(sources);
  const members: Passage[] = [];
  let walked = 0;
  for (const passage of comparer.corpus.passages) {
    if (++walked % (PASSAGES_PER_PAUSE * 16) === 0) yield;
    if (inStory.has(passage.source) && comparer.stemsOf(passage.id).size >= MIN_STEMS) members.push(passage);
  }
  return members;
}

/** 1. Pairs above the threshold, each passage against earlier passages sharing its rarest stems. */
function* pairSteps(comparer: ClaimComparer, members: readonly Passage[], weights: StemWeights, threshold: number): Steps<Pair[]> {
  const byStem = new Map<string, number[]>();
  const totals: number[] = [];
  const pairs: Pair[] = [];
  for (let index = 0; index < members.length; index++) {
    if (index % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    const passage = members[index]!;
    const stems = comparer.stemsOf(passage.id);
    const weighted = [...stems].map((stem) => ({ stem, weight: weights.weight(stem) }));
    totals.push(weighted.reduce((sum, entry) => sum + entry.weight, 0));
    const seeds = [...stems].sort((a, b) => weights.documentFrequency(a) - weights.documentFrequency(b)).slice(0, SEED_STEMS);
    const seen = new Set<number>();
    const found: Pair[] = [];
    scoring: for (const stem of seeds) {
      for (const other of byStem.get(stem) ?? []) {
        // A common stem lists most passages: stop at the bound instead of walking the rest of the list.
        if (seen.size >= MAX_SCORED) break scoring;
        if (seen.has(other)) continue;
        seen.add(other);
        if (members[other]!.source === passage.source) continue;
        const otherStems = comparer.stemsOf(members[other]!.id);
        let shared = 0;
        for (const entry of weighted) if (otherStems.has(entry.stem)) shared += entry.weight;
        const similarity = (2 * shared) / (totals[index]! + totals[other]!);
        if (similarity >= threshold) found.push({ a: other, b: index, similarity });
      }
    }
    // Its best few partners suffice to place a passage; a boilerplate line of a wire corpus would have thousands.
    found.sort((x, y) => y.similarity - x.similarity || x.a - y.a);
    for (const pair of found.slice(0, PAIRS_PER_PASSAGE)) pairs.push(pair);
    for (const stem of stems) {
      const list = byStem.get(stem);
      if (list) list.push(index);
      else byStem.set(stem, [index]);
    }
  }
  return pairs;
}

function sharesSource(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [fewer, more] = a.size <= b.size ? [a, b] : [b, a];
  for (const source of fewer) if (more.has(source)) return true;
  return false;
}

/** 2. Claims: the best pairs first, one passage per source, no chaining through a single pair. Each claim's member indexes. */
function* claimClusterSteps(members: readonly Passage[], pairs: Pair[]): Steps<number[][]> {
  pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const linked = new Set(pairs.map((pair) => pair.a * members.length + pair.b));
  const isLinked = (x: number, y: number): boolean => linked.has(Math.min(x, y) * members.length + Math.max(x, y));
  const claimOf = members.map((_, index) => index);
  const claimMembers = new Map<number, number[]>(members.map((_, index) => [index, [index]]));
  const claimSources = new Map<number, Set<string>>(members.map((passage, index) => [index, new Set([passage.source])]));
  let merged = 0;
  for (const pair of pairs) {
    if (++merged % PASSAGES_PER_PAUSE === 0) yield;
    const first = claimOf[pair.a]!;
    const second = claimOf[pair.b]!;
    if (first === second || sharesSource(claimSources.get(first)!, claimSources.get(second)!)) continue;
    const membersA = claimMembers.get(first)!;
    const membersB = claimMembers.get(second)!;
    const [small, large] = membersA.length <= membersB.length ? [membersA, membersB] : [membersB, membersA];
    if (small.length * large.length <= LINKAGE_CHECK_LIMIT && small.length > 1) {
      // At least half of the smaller claim's passages must pair with the larger one, not just the one pair.
      const pairing = small.filter((x) => large.some((y) => isLinked(x, y))).length;
      if (pairing * 2 < small.length) continue;
    }
    const [keep, drop] = membersA.length >= membersB.length ? [first, second] : [second, first];
    for (const index of claimMembers.get(drop)!) {
      claimOf[index] = keep;
      claimMembers.get(keep)!.push(index);
      claimSources.get(keep)!.add(members[index]!.source);
    }
    claimMembers.delete(drop);
    claimSources.delete(drop);
  }
  return [...claimMembers.values()];
}

/** A claim of passages (most widely carried first), with the conflicts among its carriers. */
function buildClaim(comparer: ClaimComparer, cluster: readonly Passage[], id: number, story: string | null, work?: ClaimsWork): Claim {
  const lines: Record<string, number[]> = {};
  for (const member of cluster) (lines[member.source] ??= []).push(member.line);
  const conflicts: Conflict[] = [];
  const checked = cluster.length >= 2 && cluster.length <= MAX_CHECKED_MEMBERS;
  if (checked && work) work.comparedCarriers += cluster.length * (cluster.length - 1);
  const bySource = !checked ? new Map<string, Conflict[]>() : conflictsBySource(cluster.map((member) => ({ source: member.source, facts: comparer.eventFacts([member]) })));
  for (const member of cluster) {
    for (const conflict of bySource.get(member.source) ?? []) conflicts.push({ ...conflict, source: member.source });
  }
  const anchor = cluster[0]!;
  return { id, summary: anchor.text, story, anchor, sources: lines, conflicts };
}

/**
 * buildClaimsMap, pausing every few hundred passages (see slices.ts): a corpus of 150,000
 * passages without stories is one map, which takes seconds.
 */
export function* claimsMapSteps(comparer: ClaimComparer, story: string | null, work?: ClaimsWork): Steps<ClaimsMap> {
  const sources = comparer.sourcesOf(story);
  const members = yield* memberSteps(comparer, sources);
  const weights = yield* storyWeightSteps(comparer, members, story);
  const pairs = yield* pairSteps(comparer, members, weights, story === null ? CARRIED_THRESHOLD : STORY_PAIR_THRESHOLD);
  const clusters = yield* claimClusterSteps(members, pairs);
  const ordered = clusters
    .map((indexes) => indexes.sort((x, y) => x - y).map((index) => members[index]!))
    .sort((a, b) => new Set(b.map((passage) => passage.source)).size - new Set(a.map((passage) => passage.source)).size || a[0]!.id - b[0]!.id);
  const claims: Claim[] = [];
  for (const cluster of ordered) {
    if (claims.length % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    claims.push(buildClaim(comparer, cluster, claims.length + 1, story, work));
  }
  return { story, sources, claims };
}
