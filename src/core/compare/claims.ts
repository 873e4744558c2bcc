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
import { conflictsBySource, placedBeside } from './conflicts.js';
import { isDateStamp } from './stamps.js';
import { MemberStems, PAIRS_PER_PASSAGE, PASSAGES_PER_PAUSE, pairSteps, type PairList } from './claimPairs.js';
import { union, weightedDice } from './similarity.js';
import type { Claim, ClaimsMap, Conflict } from './types.js';

/** A passage with fewer content words ("Leave a Reply", "Twitter") states no claim. */
const MIN_STEMS = 4;
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
/** Two claims larger than this (members multiplied) join on their best pair alone (a corpus without stories has large ones). */
const LINKAGE_CHECK_LIMIT = 400;

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
    // A date stamp ("Published on Friday, 27 September 2013") states no claim: pages stamped alike are no shared claim.
    if (inStory.has(passage.source) && stems.stemCount(passage.id) >= MIN_STEMS && !isDateStamp(passage.text)) members.push(passage);
  }
  return members;
}

/**
 * The claims being formed: each passage starts as a claim of its own (its index is the claim's
 * id), whose members and sources are made only once something joins it: most passages of a flat
 * corpus stay alone, and 150,000 one-element arrays and sets cost more than the rest.
 */
class Clusters {
  readonly claimOf: Int32Array;
  private readonly joined: Array<number[] | undefined>;
  private readonly sources: Array<Set<number> | undefined>;
  private readonly dropped: Uint8Array;

  /** `sourceOf`: each passage's source as an integer. */
  constructor(private readonly sourceOf: Int32Array) {
    this.claimOf = Int32Array.from(sourceOf, (_, index) => index);
    this.joined = new Array<number[] | undefined>(sourceOf.length);
    this.sources = new Array<Set<number> | undefined>(sourceOf.length);
    this.dropped = new Uint8Array(sourceOf.length);
  }

  membersOf(claim: number): number[] {
    return this.joined[claim] ?? [claim];
  }

  /** Do the two claims hold a passage of the same source? */
  shareSource(a: number, b: number): boolean {
    const setA = this.sources[a];
    const setB = this.sources[b];
    if (!setA && !setB) return this.sourceOf[a] === this.sourceOf[b];
    if (!setA || !setB) return (setA ?? setB)!.has(this.sourceOf[setA ? b : a]!);
    const [fewer, more] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
    for (const source of fewer) if (more.has(source)) return true;
    return false;
  }

  /** Moves `drop`'s passages into `keep`. */
  merge(keep: number, drop: number): void {
    const kept = (this.joined[keep] ??= [keep]);
    const keptSources = (this.sources[keep] ??= new Set([this.sourceOf[keep]!]));
    for (const index of this.membersOf(drop)) {
      this.claimOf[index] = keep;
      kept.push(index);
      keptSources.add(this.sourceOf[index]!);
    }
    this.joined[drop] = undefined;
    this.sources[drop] = undefined;
    this.dropped[drop] = 1;
  }

  /** Each claim's member indexes, claims in the order of their ids. */
  all(): number[][] {
    const claims: number[][] = [];
    for (let claim = 0; claim < this.claimOf.length; claim++) if (this.dropped[claim] === 0) claims.push(this.membersOf(claim));
    return claims;
  }
}

/**
 * Whether every passage of `a` and of `b` from the same source are neighbours: a claim a source
 * states in two sentences ("Grimm stormed back ... and said, 'I'll throw you off this balcony'"),
 * as Compare's windows take them, never three passages of one source or two apart.
 */
function neighboursOnly(a: readonly number[], b: readonly number[], sourceOf: Int32Array, passageOf: Int32Array): boolean {
  for (const x of a) {
    for (const y of b) if (sourceOf[x] === sourceOf[y] && Math.abs(passageOf[x]! - passageOf[y]!) !== 1) return false;
  }
  return true;
}

/**
 * 2. Claims: the best pairs first, one passage per source (or two neighbours), no chaining through
 * a single pair. Each claim's member indexes; `sourceOf` and `passageOf`: each member's source and
 * passage id, the first `pairCount` pairs theirs.
 */
function* claimClusterSteps(sourceOf: Int32Array, passageOf: Int32Array, pairs: PairList, pairCount: number): Steps<number[][]> {
  const order = pairs.bestFirst(pairCount);
  yield;
  // Each pair is kept by its later passage (b), which keeps at most PAIRS_PER_PASSAGE.
  const partners = new Int32Array(sourceOf.length * PAIRS_PER_PASSAGE).fill(-1);
  const partnerCount = new Uint8Array(sourceOf.length);
  const firsts = Int32Array.from(order, (pair) => pairs.a[pair]!);
  const seconds = Int32Array.from(order, (pair) => pairs.b[pair]!);
  for (let pair = 0; pair < pairCount; pair++) {
    const later = seconds[pair]!;
    const kept = partnerCount[later]!;
    partners[later * PAIRS_PER_PASSAGE + kept] = firsts[pair]!;
    partnerCount[later] = kept + 1;
  }
  const isLinked = (x: number, y: number): boolean => {
    const [earlier, later] = x < y ? [x, y] : [y, x];
    for (let slot = later * PAIRS_PER_PASSAGE; slot < (later + 1) * PAIRS_PER_PASSAGE; slot++) if (partners[slot] === earlier) return true;
    return false;
  };
  const clusters = new Clusters(sourceOf);
  for (let pair = 0; pair < pairCount; pair++) {
    if ((pair + 1) % PASSAGES_PER_PAUSE === 0) yield;
    const first = clusters.claimOf[firsts[pair]!]!;
    const second = clusters.claimOf[seconds[pair]!]!;
    if (first === second) continue;
    const membersA = clusters.membersOf(first);
    const membersB = clusters.membersOf(second);
    const [small, large] = membersA.length <= membersB.length ? [membersA, membersB] : [membersB, membersA];
    const checked = small.length * large.length <= LINKAGE_CHECK_LIMIT;
    if (clusters.shareSource(first, second) && !(checked && neighboursOnly(small, large, sourceOf, passageOf))) continue;
    if (checked && small.length > 1) {
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
  for (const member of cluster) {
    const own = (lines[member.source] ??= []);
    // Two sentences of one line (a paragraph) state the claim: the line once.
    if (!own.includes(member.line)) own.push(member.line);
  }
  const anchor = cluster[0]!;
  return { id, summary: anchor.text, story, anchor, sources: lines, conflicts: [] };
}

/**
 * A disagreement on a day, a figure or a label stands only between two passages that state the
 * same thing themselves (this similarity with the map's weights), not through the row: a row
 * gathers what pairs with any of its passages, and "LePage opened the door Tuesday" meets "LePage
 * said Wednesday he would not resign" through their headlines. A person's name is spelt one way
 * whatever the sentence. Tuned by hand on the BASIL maps outside the test set (0.2-0.35 tried):
 * the false weekdays and labels stood at 0.03-0.27, the true figures at 0.31-0.49.
 */
const DIRECT_SIMILARITY = 0.3;

interface ConflictCheck {
  facts: ClaimFacts;
  /** How alike two passages are (weighted Dice with the map's weights). */
  similarity: (a: Passage, b: Passage) => number;
  work?: ClaimsWork;
}

/** The passages of `source` with a fact of the conflict's kind, only those stating `value` when it is given. */
function holding(conflict: Conflict, passages: readonly Passage[], check: ConflictCheck, value?: string): Passage[] {
  const kind = conflict.kind === 'qualifier' ? 'number' : conflict.kind;
  const wanted = value?.toLowerCase();
  return passages.filter((passage) =>
    check.facts.eventFacts(passage).some((fact) => fact.kind === kind && (wanted === undefined || fact.text.toLowerCase() === wanted || fact.value.toLowerCase() === wanted)),
  );
}

function statedDirectly(conflict: Conflict, source: string, passagesOf: ReadonlyMap<string, Passage[]>, check: ConflictCheck): boolean {
  if (conflict.kind === 'spelling') return true;
  const mine = holding(conflict, passagesOf.get(source) ?? [], check, conflict.value);
  const rivals = (conflict.holders ?? []).filter((holder) => holder.value !== conflict.value).flatMap((holder) => holder.sources);
  return rivals.some((rival) => holding(conflict, passagesOf.get(rival) ?? [], check).some((theirs) => mine.some((passage) => check.similarity(passage, theirs) >= DIRECT_SIMILARITY)));
}

/** The claim with the conflicts among its carriers (itself when there are none, or its size is not checked). */
function checkedClaim(claim: Claim, cluster: readonly Passage[], check: ConflictCheck): Claim {
  if (cluster.length < 2 || cluster.length > MAX_CHECKED_MEMBERS) return claim;
  if (check.work) check.work.comparedCarriers += cluster.length * (cluster.length - 1);
  // A source stating the claim in two sentences is one version: the facts of both.
  const passagesOf = new Map<string, Passage[]>();
  for (const member of cluster) (passagesOf.get(member.source) ?? passagesOf.set(member.source, []).get(member.source)!).push(member);
  const versions = [...passagesOf].map(([source, passages]) => ({ source, facts: passages.flatMap((passage) => check.facts.eventFacts(passage)) }));
  const bySource = conflictsBySource(versions, { exactCounts: false });
  if (bySource.size === 0) return claim;
  const conflicts: Conflict[] = [];
  for (const [source, passages] of passagesOf) {
    // A day read from the sentence before (withDayBefore) is not in the row's lines: say so, as Compare does.
    const shownText = passages.map((passage) => passage.text).join(' ');
    for (const conflict of bySource.get(source) ?? []) {
      if (statedDirectly(conflict, source, passagesOf, check)) conflicts.push({ ...placedBeside(conflict, shownText), source });
    }
  }
  return conflicts.length === 0 ? claim : { ...claim, conflicts };
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
  const sourceOf = table.sources();
  const passageOf = Int32Array.from(members, (member) => member.id);
  yield;
  const claimsOf = (clusters: Passage[][]): Claim[] => clusters.map((cluster, index) => claimOf(cluster, index + 1, story));
  const publish = (claims: Claim[], read: number): void => {
    partials?.publish({ map: { story, sources, claims }, passagesRead: read, passagesTotal: members.length });
  };
  const progress = function* (pairsSoFar: PairList, read: number): Steps<void> {
    if (!partials?.wanted) return;
    const clusters = yield* claimClusterSteps(sourceOf.subarray(0, read), passageOf.subarray(0, read), pairsSoFar, pairsSoFar.length);
    publish(claimsOf(orderClusters(members.slice(0, read), clusters)), read);
  };
  const pairs = yield* pairSteps(table, story === null ? CARRIED_THRESHOLD : STORY_PAIR_THRESHOLD, progress);
  const ordered = orderClusters(members, yield* claimClusterSteps(sourceOf, passageOf, pairs, pairs.length));
  const unchecked = claimsOf(ordered);
  if (partials?.wanted) publish(unchecked, members.length);
  yield;
  const similarity = (a: Passage, b: Passage): number => {
    const [stemsA, stemsB] = [comparer.stemsOf(a.id), comparer.stemsOf(b.id)];
    return weightedDice(stemsA, stemsB, comparer.storyWeights(union(stemsA, stemsB), story));
  };
  const check: ConflictCheck = { facts: new ClaimFacts(comparer.corpus.passages), similarity, work };
  const claims: Claim[] = [];
  for (const [index, cluster] of ordered.entries()) {
    if (index % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    claims.push(checkedClaim(unchecked[index]!, cluster, check));
  }
  return { story, sources, claims };
}
