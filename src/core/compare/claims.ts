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
import { ClaimFacts } from './claimFacts.js';
import { conflictsBySource } from './conflicts.js';
import { inverseFrequency } from './similarity.js';
import type { StemIndex } from './stemIndex.js';
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
/** Passages paired before the first unfinished map is published (see claimsMapSteps). */
const FIRST_PARTIAL = 2048;
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

/** The story's passages that state something (enough content words), in corpus order. */
function* memberSteps(comparer: ClaimComparer, sources: readonly string[]): Steps<Passage[]> {
  const inStory = new Set(sources);
  const stems = comparer.stemIndex;
  const members: Passage[] = [];
  let walked = 0;
  for (const passage of comparer.corpus.passages) {
    if (++walked % (PASSAGES_PER_PAUSE * 16) === 0) yield;
    if (inStory.has(passage.source) && stems.stemCount(passage.id) >= MIN_STEMS) members.push(passage);
  }
  return members;
}

/**
 * The members' stems as the stem index's integers, with each stem's weight and frequency for
 * this map, and each stem's members (postings, filled as pairing reads the members in order):
 * the inner loop of pairing reads typed arrays instead of hashing strings.
 */
class MemberStems {
  /** Each member's passage id: member i's stems are the stem index's of that passage. */
  readonly passage: Int32Array;
  readonly weight: Float64Array;
  readonly frequency: Uint32Array;
  /** Each stem's members read so far, in order: stem s's from postingStarts[s] to postingEnds[s]. */
  readonly postingStarts: Uint32Array;
  readonly postingEnds: Uint32Array;
  readonly postings: Int32Array;
  /** Each stem: the member whose stems were marked last (bestPairsOf). */
  readonly markedBy: Int32Array;
  /** Each member's source as an integer. */
  readonly source: Int32Array;

  /**
   * Weights as a StemWeights of the story's members would give them (the corpus's own when
   * there is no story): the same formula on the same counts.
   */
  constructor(
    readonly index: StemIndex,
    members: readonly Passage[],
    story: string | null,
  ) {
    const vocabularySize = index.vocabulary.length;
    this.passage = Int32Array.from(members, (member) => member.id);
    const inMembers = new Uint32Array(vocabularySize);
    for (const id of this.passage) for (let at = index.starts[id]!; at < index.starts[id + 1]!; at++) inMembers[index.stems[at]!]!++;
    this.frequency = story === null ? index.frequency : inMembers;
    const passages = story === null ? index.weights.passages : members.length;
    this.weight = new Float64Array(vocabularySize);
    for (let stem = 0; stem < vocabularySize; stem++) this.weight[stem] = inverseFrequency(passages, this.frequency[stem]!);
    this.postingStarts = new Uint32Array(vocabularySize + 1);
    for (let stem = 0; stem < vocabularySize; stem++) this.postingStarts[stem + 1] = this.postingStarts[stem]! + inMembers[stem]!;
    this.postingEnds = this.postingStarts.slice(0, vocabularySize);
    this.postings = new Int32Array(this.postingStarts[vocabularySize]!);
    this.markedBy = new Int32Array(vocabularySize).fill(-1);
    const sourceIds = new Map<string, number>();
    this.source = Int32Array.from(members, (member) => {
      let id = sourceIds.get(member.source);
      if (id === undefined) sourceIds.set(member.source, (id = sourceIds.size));
      return id;
    });
  }

  /** Member `index`'s stems. */
  stemsOf(index: number): Uint32Array {
    const id = this.passage[index]!;
    return this.index.stems.subarray(this.index.starts[id], this.index.starts[id + 1]);
  }
}

/** The SEED_STEMS rarest stems, the earlier first among equals (as a stable sort by frequency would give). */
function rarestStems(stems: Uint32Array, frequency: Uint32Array): number[] {
  const seeds: number[] = [];
  for (const stem of stems) {
    const count = frequency[stem]!;
    if (seeds.length === SEED_STEMS && frequency[seeds[SEED_STEMS - 1]!]! <= count) continue;
    let at = seeds.length;
    while (at > 0 && frequency[seeds[at - 1]!]! > count) at--;
    seeds.splice(at, 0, stem);
    if (seeds.length > SEED_STEMS) seeds.pop();
  }
  return seeds;
}

/** Where pairing has got to: the pairs of the first `read` members. */
type PairProgress = (pairs: readonly Pair[], read: number) => Steps<void>;

/** Scratch state of pairing: each member's stem weight total, and the member that last scored against each (a stamp, not a set). */
interface PairScratch {
  totals: Float64Array;
  seenBy: Int32Array;
}

/**
 * The best pairs of member `index` with earlier members that share its rarest stems. A plain
 * function, not a step of the generator: V8 optimizes it far better there (3x on Reuters).
 */
function bestPairsOf(table: MemberStems, index: number, threshold: number, scratch: PairScratch): Pair[] {
  const { markedBy, postings, postingStarts, postingEnds, weight, source } = table;
  const { starts, stems: allStems } = table.index;
  const { totals, seenBy } = scratch;
  const stems = table.stemsOf(index);
  let total = 0;
  for (const stem of stems) total += weight[stem]!;
  totals[index] = total;
  let seen = 0;
  const found: Pair[] = [];
  scoring: for (const stem of rarestStems(stems, table.frequency)) {
    for (let posting = postingStarts[stem]!, end = postingEnds[stem]!; posting < end; posting++) {
      const other = postings[posting]!;
      // A common stem lists most passages: stop at the bound instead of walking the rest of the list.
      if (seen >= MAX_SCORED) break scoring;
      if (seenBy[other] === index) continue;
      seenBy[other] = index;
      seen++;
      if (source[other] === source[index]) continue;
      const otherPassage = table.passage[other]!;
      for (let at = starts[otherPassage]!, last = starts[otherPassage + 1]!; at < last; at++) markedBy[allStems[at]!] = other;
      let shared = 0;
      for (const own of stems) if (markedBy[own] === other) shared += weight[own]!;
      const similarity = (2 * shared) / (total + totals[other]!);
      if (similarity >= threshold) found.push({ a: other, b: index, similarity });
    }
  }
  for (const stem of stems) postings[postingEnds[stem]!++] = index;
  // Its best few partners suffice to place a passage; a boilerplate line of a wire corpus would have thousands.
  return found.length <= 1 ? found : found.sort((x, y) => y.similarity - x.similarity || x.a - y.a).slice(0, PAIRS_PER_PASSAGE);
}

/** 1. Pairs above the threshold, each passage against earlier passages sharing its rarest stems. */
function* pairSteps(table: MemberStems, count: number, threshold: number, progress: PairProgress): Steps<Pair[]> {
  const scratch: PairScratch = { totals: new Float64Array(count), seenBy: new Int32Array(count).fill(-1) };
  const pairs: Pair[] = [];
  let nextProgress = FIRST_PARTIAL;
  for (let index = 0; index < count; index++) {
    if (index % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    if (index === nextProgress) {
      // Past half of the passages, an unfinished map would cost nearly what the finished one does.
      if (index * 2 <= count) yield* progress(pairs, index);
      // Ever rarer: the partial maps together cost about a third of the one made last.
      nextProgress *= 4;
    }
    for (const pair of bestPairsOf(table, index, threshold, scratch)) pairs.push(pair);
  }
  return pairs;
}

/**
 * The claims being formed: each passage starts as a claim of its own (its index is the claim's
 * id), whose members and sources are made only once something joins it: most passages of a flat
 * corpus stay alone, and 150,000 one-element arrays and sets cost more than the rest.
 */
class Clusters {
  readonly claimOf: Int32Array;
  private readonly joined: Array<number[] | undefined>;
  private readonly sources: Array<Set<string> | undefined>;
  private readonly dropped: Uint8Array;

  constructor(private readonly members: readonly Passage[]) {
    this.claimOf = Int32Array.from(members, (_, index) => index);
    this.joined = new Array<number[] | undefined>(members.length);
    this.sources = new Array<Set<string> | undefined>(members.length);
    this.dropped = new Uint8Array(members.length);
  }

  membersOf(claim: number): number[] {
    return this.joined[claim] ?? [claim];
  }

  /** Do the two claims hold a passage of the same source? */
  shareSource(a: number, b: number): boolean {
    const setA = this.sources[a];
    const setB = this.sources[b];
    if (!setA && !setB) return this.members[a]!.source === this.members[b]!.source;
    if (!setA || !setB) return (setA ?? setB)!.has(this.members[setA ? b : a]!.source);
    const [fewer, more] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
    for (const source of fewer) if (more.has(source)) return true;
    return false;
  }

  /** Moves `drop`'s passages into `keep`. */
  merge(keep: number, drop: number): void {
    const kept = (this.joined[keep] ??= [keep]);
    const keptSources = (this.sources[keep] ??= new Set([this.members[keep]!.source]));
    for (const index of this.membersOf(drop)) {
      this.claimOf[index] = keep;
      kept.push(index);
      keptSources.add(this.members[index]!.source);
    }
    this.joined[drop] = undefined;
    this.sources[drop] = undefined;
    this.dropped[drop] = 1;
  }

  /** Each claim's member indexes, claims in the order of their ids. */
  all(): number[][] {
    const claims: number[][] = [];
    for (let claim = 0; claim < this.members.length; claim++) if (this.dropped[claim] === 0) claims.push(this.membersOf(claim));
    return claims;
  }
}

/** 2. Claims: the best pairs first, one passage per source, no chaining through a single pair. Each claim's member indexes. */
function* claimClusterSteps(members: readonly Passage[], pairs: Pair[]): Steps<number[][]> {
  pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  // Each pair is kept by its later passage (b), which keeps at most PAIRS_PER_PASSAGE.
  const partners = new Int32Array(members.length * PAIRS_PER_PASSAGE).fill(-1);
  const partnerCount = new Uint8Array(members.length);
  for (const pair of pairs) {
    const kept = partnerCount[pair.b]!;
    partners[pair.b * PAIRS_PER_PASSAGE + kept] = pair.a;
    partnerCount[pair.b] = kept + 1;
  }
  const isLinked = (x: number, y: number): boolean => {
    const [earlier, later] = x < y ? [x, y] : [y, x];
    for (let slot = later * PAIRS_PER_PASSAGE; slot < (later + 1) * PAIRS_PER_PASSAGE; slot++) if (partners[slot] === earlier) return true;
    return false;
  };
  const clusters = new Clusters(members);
  let merged = 0;
  for (const pair of pairs) {
    if (++merged % PASSAGES_PER_PAUSE === 0) yield;
    const first = clusters.claimOf[pair.a]!;
    const second = clusters.claimOf[pair.b]!;
    if (first === second || clusters.shareSource(first, second)) continue;
    const membersA = clusters.membersOf(first);
    const membersB = clusters.membersOf(second);
    const [small, large] = membersA.length <= membersB.length ? [membersA, membersB] : [membersB, membersA];
    if (small.length * large.length <= LINKAGE_CHECK_LIMIT && small.length > 1) {
      // At least half of the smaller claim's passages must pair with the larger one, not just the one pair.
      const pairing = small.filter((x) => large.some((y) => isLinked(x, y))).length;
      if (pairing * 2 < small.length) continue;
    }
    const [keep, drop] = membersA.length >= membersB.length ? [first, second] : [second, first];
    clusters.merge(keep, drop);
  }
  return clusters.all();
}

/** A claim of passages (most widely carried first), its conflicts not checked yet. */
function claimOf(cluster: readonly Passage[], id: number, story: string | null): Claim {
  const lines: Record<string, number[]> = {};
  for (const member of cluster) (lines[member.source] ??= []).push(member.line);
  const anchor = cluster[0]!;
  return { id, summary: anchor.text, story, anchor, sources: lines, conflicts: [] };
}

/** The claim with the conflicts among its carriers (itself when there are none, or its size is not checked). */
function checkedClaim(claim: Claim, cluster: readonly Passage[], check: { facts: ClaimFacts; work?: ClaimsWork }): Claim {
  if (cluster.length < 2 || cluster.length > MAX_CHECKED_MEMBERS) return claim;
  if (check.work) check.work.comparedCarriers += cluster.length * (cluster.length - 1);
  const bySource = conflictsBySource(cluster.map((member) => ({ source: member.source, facts: check.facts.eventFacts(member) })));
  if (bySource.size === 0) return claim;
  const conflicts: Conflict[] = [];
  for (const member of cluster) {
    for (const conflict of bySource.get(member.source) ?? []) conflicts.push({ ...conflict, source: member.source });
  }
  return { ...claim, conflicts };
}

/** Clusters as passages in corpus order, the most widely carried first (then by their first passage). */
function orderClusters(members: readonly Passage[], clusters: number[][]): Passage[][] {
  return clusters
    .map((indexes) => {
      const passages = indexes.sort((x, y) => x - y).map((index) => members[index]!);
      return { passages, carriers: new Set(passages.map((passage) => passage.source)).size };
    })
    .sort((a, b) => b.carriers - a.carriers || a.passages[0]!.id - b.passages[0]!.id)
    .map((cluster) => cluster.passages);
}

/**
 * A map still being made: the claims formed among the passages read so far, ranked as the final
 * map ranks them, without conflicts (their facts are not compared yet). Later passages may join
 * or split these claims: it is shown as unfinished.
 */
export interface PartialClaimsMap {
  map: ClaimsMap;
  /** Passages that state something, paired so far and in all (read = total: conflicts are being checked). */
  passagesRead: number;
  passagesTotal: number;
}

export type PartialListener = (partial: PartialClaimsMap) => void;

/** Where unfinished maps go, and whether anyone waits for them now (making one costs a clustering). */
export interface PartialSink {
  readonly wanted: boolean;
  publish: PartialListener;
}

/**
 * buildClaimsMap, pausing every few hundred passages (see slices.ts): a corpus of 150,000
 * passages without stories is one map, which takes seconds. `partials` receives unfinished maps
 * meanwhile: after the first few thousand passages, then each time four times as many are read,
 * and once the claims are formed, before their conflicts are checked (each only when wanted).
 */
export function* claimsMapSteps(comparer: ClaimComparer, story: string | null, work?: ClaimsWork, partials?: PartialSink): Steps<ClaimsMap> {
  const sources = comparer.sourcesOf(story);
  const members = yield* memberSteps(comparer, sources);
  const table = new MemberStems(comparer.stemIndex, members, story);
  yield;
  const claimsOf = (clusters: Passage[][]): Claim[] => clusters.map((cluster, index) => claimOf(cluster, index + 1, story));
  const publish = (claims: Claim[], read: number): void => {
    partials?.publish({ map: { story, sources, claims }, passagesRead: read, passagesTotal: members.length });
  };
  const progress = function* (pairsSoFar: readonly Pair[], read: number): Steps<void> {
    if (!partials?.wanted) return;
    const readMembers = members.slice(0, read);
    publish(claimsOf(orderClusters(readMembers, yield* claimClusterSteps(readMembers, [...pairsSoFar]))), read);
  };
  const pairs = yield* pairSteps(table, members.length, story === null ? CARRIED_THRESHOLD : STORY_PAIR_THRESHOLD, progress);
  const ordered = orderClusters(members, yield* claimClusterSteps(members, pairs));
  const unchecked = claimsOf(ordered);
  if (partials?.wanted) publish(unchecked, members.length);
  yield;
  const check = { facts: new ClaimFacts(comparer.corpus.passages), work };
  const claims: Claim[] = [];
  for (const [index, cluster] of ordered.entries()) {
    if (index % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    claims.push(checkedClaim(unchecked[index]!, cluster, check));
  }
  return { story, sources, claims };
}
