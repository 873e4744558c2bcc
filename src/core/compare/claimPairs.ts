/**
 * Step 1 of a claims map (claims.ts): each passage is scored against the earlier passages of
 * other sources that share its rarest stems (a bounded number), by weighted Dice, and keeps its
 * best few partners above the threshold.
 *
 * On Reuters that is eight million passages scored, each a walk over two stem lists: the time
 * goes to fetching memory, not to arithmetic. So the members' stems are copied in member order
 * and renumbered most frequent first (the stems most lists hold share a few cache lines), each
 * member's bounds and source sit side by side, and pairs are kept in typed arrays, not objects.
 * Every sum is taken in the order it always was: the same similarities to the last bit.
 */
import type { Steps } from '../slices.js';
import type { Passage } from '../types.js';
import { inverseFrequency } from './similarity.js';
import type { StemIndex } from './stemIndex.js';

const SEED_STEMS = 6;
const MAX_SCORED = 60;
/** Pairs kept for each passage: its best partners among the earlier passages. */
export const PAIRS_PER_PASSAGE = 4;
/** Passages (or pairs, or claims) handled between two pauses of the map's construction. */
export const PASSAGES_PER_PAUSE = 256;
/** Passages paired before the first unfinished map is published (see claimsMapSteps). */
const FIRST_PARTIAL = 2048;

/** Pairs found so far: pair i joins members a[i] < b[i] at similarity[i]. */
export class PairList {
  a = new Int32Array(1 << 12);
  b = new Int32Array(1 << 12);
  similarity = new Float64Array(1 << 12);
  length = 0;

  push(a: number, b: number, similarity: number): void {
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Float64Array>(values: T, grown: T): T => (grown.set(values), grown);
      this.a = grow(this.a, new Int32Array(this.length * 2));
      this.b = grow(this.b, new Int32Array(this.length * 2));
      this.similarity = grow(this.similarity, new Float64Array(this.length * 2));
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.similarity[this.length++] = similarity;
  }

  /** The first `count` pairs' indexes, the best first (then by a, then by b): the order claims are formed in. */
  bestFirst(count: number): Uint32Array {
    const { a, b, similarity } = this;
    const order = new Uint32Array(count);
    for (let index = 0; index < count; index++) order[index] = index;
    return order.sort((x, y) => similarity[y]! - similarity[x]! || a[x]! - a[y]! || b[x]! - b[y]!);
  }
}

/**
 * Each member as one record, its stems right after its fields, so that scoring a member reads one
 * stretch of memory: [total (a float64 over two slots), member, source, seen by, stem count,
 * stems..., padding to an even length]. Stems are renumbered, 0 the most frequent in the map.
 */
const [TOTAL, MEMBER, SOURCE, SEEN_BY, STEM_COUNT, HEADER] = [0, 2, 3, 4, 5, 6];

/**
 * The members' records, each stem's weight and frequency for this map, and each stem's members
 * (postings of record offsets, filled as pairing reads the members in order).
 */
export class MemberStems {
  readonly records: Int32Array;
  /** The same memory as float64s: member totals at (record offset + TOTAL) / 2. */
  readonly floats: Float64Array;
  /** Each member's record offset. */
  readonly offsets: Int32Array;
  readonly weight: Float64Array;
  readonly frequency: Uint32Array;
  /** Each stem's members read so far, in order: stem s's from postingStarts[s] to postingEnds[s]. */
  readonly postingStarts: Uint32Array;
  readonly postingEnds: Uint32Array;
  readonly postings: Int32Array;
  /** Each stem: the member whose stems were marked last (bestPairsOf). */
  readonly markedBy: Int32Array;
  readonly count: number;

  /**
   * Weights as a StemWeights of the story's members would give them (the corpus's own when
   * there is no story): the same formula on the same counts.
   */
  constructor(index: StemIndex, passages: readonly Passage[], story: string | null) {
    this.count = passages.length;
    const inMembers = new Uint32Array(index.vocabulary.length);
    let size = 0;
    for (const { id } of passages) {
      for (let at = index.starts[id]!; at < index.starts[id + 1]!; at++) inMembers[index.stems[at]!]!++;
      size += (HEADER + index.starts[id + 1]! - index.starts[id]! + 1) & ~1;
    }
    const present = [...inMembers.keys()].filter((stem) => inMembers[stem]! > 0).sort((x, y) => inMembers[y]! - inMembers[x]! || x - y);
    const local = new Int32Array(index.vocabulary.length);
    present.forEach((stem, id) => (local[stem] = id));
    const frequency = story === null ? index.frequency : inMembers;
    const documents = story === null ? index.weights.passages : passages.length;
    this.frequency = Uint32Array.from(present, (stem) => frequency[stem]!);
    this.weight = Float64Array.from(this.frequency, (count) => inverseFrequency(documents, count));
    this.postingStarts = new Uint32Array(present.length + 1);
    present.forEach((stem, id) => (this.postingStarts[id + 1] = this.postingStarts[id]! + inMembers[stem]!));
    this.postingEnds = this.postingStarts.slice(0, present.length);
    this.postings = new Int32Array(this.postingStarts[present.length]!);
    this.markedBy = new Int32Array(present.length).fill(-1);
    this.records = new Int32Array(size);
    this.floats = new Float64Array(this.records.buffer);
    this.offsets = new Int32Array(passages.length);
    const sourceIds = new Map<string, number>();
    let next = 0;
    passages.forEach(({ id, source }, member) => {
      let sourceId = sourceIds.get(source);
      if (sourceId === undefined) sourceIds.set(source, (sourceId = sourceIds.size));
      const { records } = this;
      this.offsets[member] = next;
      records[next + MEMBER] = member;
      records[next + SOURCE] = sourceId;
      records[next + SEEN_BY] = -1;
      records[next + STEM_COUNT] = index.starts[id + 1]! - index.starts[id]!;
      let at = next + HEADER;
      for (let stem = index.starts[id]!; stem < index.starts[id + 1]!; stem++) records[at++] = local[index.stems[stem]!]!;
      next = (at + 1) & ~1;
    });
  }

  /** Each member's source as an integer. */
  sources(): Int32Array {
    return Int32Array.from(this.offsets, (offset) => this.records[offset + SOURCE]!);
  }
}

/**
 * The SEED_STEMS rarest stems of the member at `offset` that another member also holds, the
 * earlier first among equals (as a stable sort by frequency would give), into `seeds`; how many.
 * A word no other member has finds no partner: "exacerbated" or "hangover" would take the seeds
 * of "the $19 billion purchase of Compaq", and it would never meet "bought Compaq for $19 billion".
 */
function rarestStems(table: MemberStems, offset: number, seeds: Int32Array): number {
  const { records, frequency, postingStarts } = table;
  let length = 0;
  for (let at = offset + HEADER, end = at + records[offset + STEM_COUNT]!; at < end; at++) {
    const stem = records[at]!;
    if (postingStarts[stem + 1]! - postingStarts[stem]! < 2) continue;
    const count = frequency[stem]!;
    if (length === SEED_STEMS && frequency[seeds[SEED_STEMS - 1]!]! <= count) continue;
    let place = length < SEED_STEMS ? length++ : SEED_STEMS - 1;
    while (place > 0 && frequency[seeds[place - 1]!]! > count) {
      seeds[place] = seeds[place - 1]!;
      place--;
    }
    seeds[place] = stem;
  }
  return length;
}

/** Scratch state of pairing: the seeds of the member being paired and the partners it found. */
interface PairScratch {
  seeds: Int32Array;
  partners: Int32Array;
  similarities: Float64Array;
}

/** Keeps member `index`'s PAIRS_PER_PASSAGE best partners of `found` (best first, then the earlier), as a sort would. */
function keepBest(pairs: PairList, index: number, found: number, scratch: PairScratch): void {
  const { partners, similarities } = scratch;
  for (let kept = 0; kept < Math.min(found, PAIRS_PER_PASSAGE); kept++) {
    let best = kept;
    for (let other = kept + 1; other < found; other++) {
      const difference = similarities[other]! - similarities[best]!;
      if (difference > 0 || (difference === 0 && partners[other]! < partners[best]!)) best = other;
    }
    pairs.push(partners[best]!, index, similarities[best]!);
    partners[best] = partners[kept]!;
    similarities[best] = similarities[kept]!;
  }
}

/**
 * The best pairs of member `index` with earlier members that share its rarest stems. A plain
 * function, not a step of the generator: V8 optimizes it far better there (3x on Reuters).
 */
function bestPairsOf(table: MemberStems, index: number, threshold: number, scratch: PairScratch, pairs: PairList): void {
  const { markedBy, postings, postingStarts, postingEnds, weight, records, floats } = table;
  const offset = table.offsets[index]!;
  const first = offset + HEADER;
  const end = first + records[offset + STEM_COUNT]!;
  const source = records[offset + SOURCE]!;
  let total = 0;
  for (let at = first; at < end; at++) total += weight[records[at]!]!;
  floats[(offset + TOTAL) >> 1] = total;
  let seen = 0;
  let found = 0;
  const seeds = rarestStems(table, offset, scratch.seeds);
  scoring: for (let seed = 0; seed < seeds; seed++) {
    const stem = scratch.seeds[seed]!;
    for (let posting = postingStarts[stem]!, last = postingEnds[stem]!; posting < last; posting++) {
      // A common stem lists most passages: stop at the bound instead of walking the rest of the list.
      if (seen >= MAX_SCORED) break scoring;
      const other = postings[posting]!;
      if (records[other + SEEN_BY] === index) continue;
      records[other + SEEN_BY] = index;
      seen++;
      if (records[other + SOURCE] === source) continue;
      for (let at = other + HEADER, stop = at + records[other + STEM_COUNT]!; at < stop; at++) markedBy[records[at]!] = other;
      let shared = 0;
      for (let at = first; at < end; at++) if (markedBy[records[at]!] === other) shared += weight[records[at]!]!;
      const similarity = (2 * shared) / (total + floats[(other + TOTAL) >> 1]!);
      if (similarity >= threshold) {
        scratch.partners[found] = records[other + MEMBER]!;
        scratch.similarities[found++] = similarity;
      }
    }
  }
  for (let at = first; at < end; at++) postings[postingEnds[records[at]!]!++] = offset;
  // Its best few partners suffice to place a passage; a boilerplate line of a wire corpus would have thousands.
  keepBest(pairs, index, found, scratch);
}

/** Where pairing has got to: the pairs of the first `read` members. */
export type PairProgress = (pairs: PairList, read: number) => Steps<void>;

/** 1. Pairs above the threshold, each passage against earlier passages sharing its rarest stems. */
export function* pairSteps(table: MemberStems, threshold: number, progress: PairProgress): Steps<PairList> {
  const scratch: PairScratch = { seeds: new Int32Array(SEED_STEMS), partners: new Int32Array(MAX_SCORED), similarities: new Float64Array(MAX_SCORED) };
  const pairs = new PairList();
  let nextProgress = FIRST_PARTIAL;
  for (let index = 0; index < table.count; index++) {
    if (index % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    if (index === nextProgress) {
      // Past half of the passages, an unfinished map would cost nearly what the finished one does.
      if (index * 2 <= table.count) yield* progress(pairs, index);
      // Ever rarer: the partial maps together cost about a third of the one made last.
      nextProgress *= 4;
    }
    bestPairsOf(table, index, threshold, scratch, pairs);
  }
  return pairs;
}
