/**
 * Fuse.js stays the scorer, but it does not scan every passage: the prefilter (prefilter.ts)
 * proposes candidates with a lower bound of their score (queryBounds.ts), and Fuse.js scores them
 * best-first in batches until no unscored candidate can enter the top `limit`. The result is what
 * scoring every passage gives, at the cost of a few hundred Fuse.js evaluations.
 */
import type { Steps } from '../slices.js';
import { before, BoundQueue, type QueueItem } from './boundQueue.js';
import { BOUND_MARGIN, KeyFactors, TEXT_WEIGHT } from './fuseAdapter.js';
import { BestHits, scoreIds, WALK_SLICE, type SearchHit } from './hits.js';
import { candidateSetOf, documentBounds, straddleMean, type CandidateSet, type DocumentBounds } from './queryBounds.js';
import { pendingDocuments, type PendingDocuments } from './pendingDocuments.js';
import type { SearchContext, SearchRequest } from './searchContext.js';

/**
 * Passages outside the prefilter's candidates scored per query, shortest first: they can only
 * match through a fuzzy term spanning two words ("corona virus" for "coronavirus").
 */
const STRADDLE_BUDGET = 200;
/** Documents whose title or source may match, scored per Fuse.js call (one call each is slow). */
const DOCUMENT_BATCH = 256;
/**
 * The same when the documents' passages are tested when reached (REFINED): they are then reached
 * in the order of their refined bounds, far apart in the first bounds' order a batch is taken
 * from, so most of a large batch was scored for nothing (a call costs about four documents).
 */
const REFINED_DOCUMENT_BATCH = 8;
/**
 * A pending document's first bound assumes its shortest passage holds the query's terms; a
 * short term is rarely in it, so when the queue reaches the document its passages are tested
 * shortest first, and it is queued again under the bound of the next one not yet tested, until
 * one holds the terms (REFINED: the bound of the document's best candidate) before Fuse.js scores
 * anything: a one- or two-letter query then scores tens of documents instead of thousands, and
 * tests a few passages of each document it reaches instead of all of them.
 */
const REFINED = -1;

/** A query's hits in Fuse.js's order (title-only hits mixed in), asked for by how many. */
export interface RankedSearch {
  /**
   * Steps to the best `limit` hits. A later call with a larger limit goes on from where the last
   * one stopped (the passages scored so far are not scored again), even when that one was dropped
   * half way.
   */
  upTo(limit: number): Steps<SearchHit[]>;
  /**
   * Steps to the best `limit` hits whose own text matches (in Fuse.js's order), and how many
   * title-only hits Fuse.js ranks before the last of them; absent where a search cannot tell
   * them apart without ranking every hit.
   */
  textUpTo?(limit: number): Steps<TextHits>;
}

export interface TextHits {
  hits: SearchHit[];
  /** Title-only hits ranked before the last of `hits` (0 when `hits` is short of the limit). */
  titleOnlyBefore: number;
}

/**
 * Best-first search over the prefilter's candidates; null when the prefilter cannot bound the
 * query (the caller then scores every passage).
 */
export function* searchBounded(context: SearchContext, request: SearchRequest): Steps<RankedSearch | null> {
  const textTerms = yield* context.words.termsFor('text', request.positive);
  if (textTerms === null) return null;
  const bounds = yield* documentBounds(context.words, context.parts, context.scorer, request.positive);
  if (bounds === null) return null;
  const candidates = yield* candidateSetOf(context.parts, context.passages, request.positive, textTerms);
  return new BoundedSearch(context, request, candidates, bounds);
}

/** A hit's place in Fuse.js's order, as a queue item's. */
const keyOf = (hit: SearchHit): { bound: number; id: number } => ({ bound: hit.score, id: hit.passage.id });

/** Whether no passage from `next` on can enter `list` (a list not asked for holds nothing: limit 0). */
function certainFor(list: BestHits, next: QueueItem): boolean {
  const last = list.worst;
  return list.limit === 0 || (last !== undefined && before(keyOf(last), next));
}

/** What the best-first walk yields: a pause, or that the best `limit` hits are certain (it goes on when the limit is raised). */
const COMPLETE = Symbol('complete');
type Walked = Generator<void | typeof COMPLETE, never, void>;

/**
 * Passages per Fuse.js call: a batch is taken from the queue before its scores can tighten the
 * bound, so whatever it holds past the last passage the answer needs is scored for nothing.
 * Small batches growing slowly scored a quarter to a half fewer passages for the 500-hit list of
 * broad prefixes ("Volc", "eart") than batches of 1.25 times the limit doubling each time, for
 * the cost of more calls (docs/performance.md).
 */
const BATCH_MIN = 64;
const BATCH_FIRST_MAX = 128;
const BATCH_GROWTH = 1.25;
const BATCH_MAX = 16384;

/** The first batch of a search for `limit` hits. */
function firstBatchSize(limit: number): number {
  return Number.isFinite(limit) ? Math.min(BATCH_FIRST_MAX, Math.max(BATCH_MIN, Math.ceil(limit * 1.25))) : 4096;
}

/**
 * The state of one best-first search: a queue of runs of passages ordered by the best score each
 * can still reach, the best hits so far, and the batch of passages waiting for Fuse.js.
 */
class BoundedSearch implements RankedSearch {
  private queue = new BoundQueue([]);
  /** Every hit scored, the best `limit` in order (the others kept for a larger limit). */
  private readonly best = new BestHits(0, true);
  /** The hits whose own text matches, the best `limit` of them in order (see textUpTo). */
  private readonly textBest = new BestHits(0, true);
  /** The title-only hits scored so far. */
  private readonly titleOnly: SearchHit[] = [];
  private readonly sink = {
    keep: (hit: SearchHit): void => {
      this.best.keep(hit);
      if (hit.titleOnly === true) this.titleOnly.push(hit);
      else this.textBest.keep(hit);
    },
  };
  /** The walk itself, one for the search's life: a call of upTo that is dropped leaves it between two steps. */
  private readonly walk = this.walkBestFirst();
  /** 1 for each passage already taken from the queue (a passage can be queued twice: score it once). */
  private readonly queued: Uint8Array;
  private batch: number[] = [];
  private batchSize = firstBatchSize(0);
  /** Work since the last pause, in passages looked at. */
  private walked = 0;
  private straddleBudget = STRADDLE_BUDGET;
  private readonly textFactors = new KeyFactors(TEXT_WEIGHT);
  private readonly straddleMean: number | null;
  /**
   * Documents whose title or source may match, best bound first, kept out of the queue until
   * reached: a short term can match every document's source id, and most are never reached.
   */
  private pending: PendingDocuments = { order: new Uint32Array(0), bounds: new Float64Array(0), rank: new Uint32Array(0) };
  /** The first document of pending.order not yet reached. */
  private pendingNext = 0;
  /** Fuse.js's score of each document reached so far (undefined: neither title nor source matches). */
  private readonly documentScores = new Map<number, number | undefined>();

  constructor(
    private readonly context: SearchContext,
    private readonly request: SearchRequest,
    private readonly candidates: CandidateSet,
    /** Lower bounds of the title-and-source factor of documents that may match there. */
    private readonly documentBounds: DocumentBounds,
  ) {
    this.straddleMean = straddleMean(request.positive);
    this.queued = new Uint8Array(context.passages.length);
  }

  *upTo(limit: number): Steps<SearchHit[]> {
    yield* this.walkTo(this.best, limit);
    return this.best.hits.slice(0, limit);
  }

  *textUpTo(limit: number): Steps<TextHits> {
    yield* this.walkTo(this.textBest, limit);
    const hits = this.textBest.hits.slice(0, limit);
    const last = hits.length === limit ? hits[limit - 1] : undefined;
    // Every passage Fuse.js ranks before `last` has been scored: its bound is no worse than its score.
    const titleOnlyBefore = last ? this.titleOnly.filter((hit) => before(keyOf(hit), keyOf(last))).length : 0;
    return { hits, titleOnlyBefore };
  }

  /** Walks on until the best `limit` hits of `list` are certain. */
  private *walkTo(list: BestHits, limit: number): Steps<void> {
    if (limit > list.limit) {
      list.raiseLimit(limit);
      this.batchSize = firstBatchSize(limit);
    }
    while (this.walk.next().value !== COMPLETE) yield;
  }

  /** Whether no passage still queued can enter either list. */
  private certain(next: QueueItem): boolean {
    return certainFor(this.best, next) && certainFor(this.textBest, next);
  }

  private *walkBestFirst(): Walked {
    const items = yield* this.candidateItems();
    yield* this.orderDocuments();
    const firstStraddler = this.nextStraddler(0);
    if (firstStraddler) items.push(firstStraddler);
    this.queue = new BoundQueue(items);
    for (;;) {
      const next = this.peek();
      if (next === undefined || this.certain(next)) {
        if (this.batch.length === 0) yield COMPLETE;
        else yield* this.scoreBatch();
        continue;
      }
      // Expanding a document looks at each of its passages.
      if (this.counted(next.kind === 'pending' ? next.run.length : 1)) yield;
      if (next === this.queue.peek()) this.queue.pop();
      else this.pendingNext++;
      if (next.kind === 'pending' && next.position !== REFINED && this.candidates.uniform) this.refine(next);
      else if (next.kind === 'pending') this.expandDocument(next);
      else if (this.take(next) && this.batch.length >= this.batchSize) yield* this.scoreBatch();
    }
  }

  /** Counts `steps` of work; true when it is time to pause. */
  private counted(steps: number): boolean {
    this.walked += steps;
    if (this.walked < WALK_SLICE) return false;
    this.walked = 0;
    return true;
  }

  /**
   * The queue's first items for the text candidates: the first of the shortest-first walk when
   * they are uniform, otherwise one item per bound (few distinct values: norms and edit counts are
   * small numbers), each holding its candidates in ascending id order.
   */
  private *candidateItems(): Steps<QueueItem[]> {
    const { layout } = this.context;
    const { candidates } = this;
    const groups = new Map<number, number[]>();
    // Shortest-first walks take the candidates from the passages' order (and those of possibly title-matched documents from their document item).
    const ids = candidates.uniform ? [] : candidates.ids;
    // Indexed, not for-of: the loop is long, and runs before the generator is optimised.
    for (let at = 0; at < ids.length; at++) {
      const id = ids[at]!;
      if (this.counted(1)) yield;
      const documentBound = this.documentBounds.get(layout.passageDocument[id]!);
      const bound = this.textFactors.of(candidates.lowestOf(id), layout.textNorm(id)) * (documentBound ?? 1) * BOUND_MARGIN;
      const group = groups.get(bound);
      if (group) group.push(id);
      else groups.set(bound, [id]);
    }
    const items: QueueItem[] = [];
    const firstScanned = candidates.uniform ? this.nextScanned(0) : null;
    if (firstScanned) items.push(firstScanned);
    for (const [bound, run] of groups) items.push({ bound, id: run[0]!, kind: 'candidates', run, position: 0 });
    return items;
  }

  /** Orders the documents whose title or source may match; each is scored by Fuse.js only when the search reaches it. */
  private *orderDocuments(): Steps<void> {
    const { layout } = this.context;
    const textBound = (document: number): number => (this.candidates.uniform ? this.scanBound(layout.shortestPassageOf(document)) : 1);
    this.pending = yield* pendingDocuments(layout, this.documentBounds, textBound, (steps) => this.counted(steps));
  }

  /** The queue's first item, or the next pending document when it comes first. */
  private peek(): QueueItem | undefined {
    const queued = this.queue.peek();
    if (this.pendingNext >= this.pending.order.length) return queued;
    const run = this.context.layout.documentPassages[this.pending.order[this.pendingNext]!]!;
    const pending: QueueItem = { bound: this.pending.bounds[this.pendingNext]!, id: run[0]!, kind: 'pending', run, position: 0 };
    return queued === undefined || before(pending, queued) ? pending : queued;
  }

  /** Queues the passage after `item`'s, and `item`'s passage for Fuse.js; false when it was not batched. */
  private take(item: QueueItem): boolean {
    const after = this.following(item);
    if (after) this.queue.push(after);
    if (this.queued[item.id] === 1) return false;
    this.queued[item.id] = 1;
    // The text filters (!not, ^start, end$, --source) are cheaper than Fuse.js: apply them first.
    if (this.request.filtered && !this.request.accept(this.context.passages[item.id]!)) return false;
    // Fuse.js scores every hit, a title-matched document's passages too: their text may match as well.
    this.batch.push(item.id);
    return true;
  }

  private *scoreBatch(): Steps<void> {
    const taken = this.batch;
    this.batch = [];
    // Later batches reach further down the bounds, where fewer candidates make the cut.
    this.batchSize = Math.min(Math.ceil(this.batchSize * BATCH_GROWTH), BATCH_MAX);
    yield* scoreIds(this.context.scorer, this.context.work, this.request.scoring, taken, this.sink);
  }

  /** The item that continues `item`'s run after its passage, if any. */
  private following(item: QueueItem): QueueItem | null {
    if (item.kind === 'pending') return null;
    if (item.kind === 'straddle') return this.nextStraddler(item.position + 1);
    if (item.kind === 'scan') return this.nextScanned(item.position + 1);
    const position = item.kind === 'document' ? this.nextOutside(item.run, item.position + 1) : item.position + 1;
    return position < item.run.length ? { ...item, id: item.run[position]!, position } : null;
  }

  /**
   * Tests the passages of a pending document from its `position`-th shortest on, and queues it
   * again: under the bound of the first that can match (REFINED), or of the next one longer than
   * those tested, which no passage left to test can beat (see REFINED).
   */
  private refine(item: QueueItem): void {
    const { layout } = this.context;
    const document = layout.passageDocument[item.id]!;
    const documentBound = this.documentBounds.get(document)!;
    const { passages, starts } = layout.byDocumentShortestFirst();
    const first = starts[document]!;
    const end = starts[document + 1]!;
    for (let at = first + item.position; at < end; at++) {
      const id = passages[at]!;
      if (this.candidates.has(id)) {
        this.queue.push({ ...item, bound: documentBound * this.scanBound(id), position: REFINED });
        return;
      }
      const following = passages[at + 1]!;
      if (at + 1 < end && layout.textNorm(following) !== layout.textNorm(id)) {
        this.queue.push({ ...item, bound: documentBound * this.scanBound(following), position: at + 1 - first });
        return;
      }
    }
    // No passage can match: each scores as its document.
    this.queue.push({ ...item, bound: documentBound, position: REFINED });
  }

  /** The bound of candidate `id` when every candidate has the same mean (its text alone). */
  private scanBound(id: number): number {
    return this.textFactors.of(this.candidates.mean ?? 0, this.context.layout.textNorm(id)) * BOUND_MARGIN;
  }

  /** The next uniform candidate shortest first, from `from`, outside possibly title-matched documents. */
  private nextScanned(from: number): QueueItem | null {
    const { layout } = this.context;
    const order = layout.passagesShortestFirst();
    for (let position = from; position < order.length; position++) {
      const id = order[position]!;
      if (!this.documentBounds.has(layout.passageDocument[id]!) && this.candidates.has(id)) return { bound: this.scanBound(id), id, kind: 'scan', run: order, position };
    }
    return null;
  }

  /** The next passage of `run` from `from` whose text cannot match (it scores exactly as its document). */
  private nextOutside(run: ArrayLike<number>, from: number): number {
    let position = from;
    while (position < run.length && this.candidates.has(run[position]!)) position++;
    return position;
  }

  /** The next passage shortest first, from `from`, that could match only across a word boundary. */
  private nextStraddler(from: number): QueueItem | null {
    if (this.straddleMean === null || this.straddleBudget-- <= 0) return null;
    const { layout } = this.context;
    const order = layout.passagesShortestFirst();
    for (let position = from; position < order.length; position++) {
      const id = order[position]!;
      // Passages of title-matched documents too: their text may still match across a word boundary.
      if (this.candidates.has(id)) continue;
      const bound = this.textFactors.of(this.straddleMean, layout.textNorm(id)) * BOUND_MARGIN;
      return { bound, id, kind: 'straddle', run: order, position };
    }
    return null;
  }

  /** Scores the document of a pending item (with the next ones in a batch) and queues its passages. */
  private expandDocument(item: QueueItem): void {
    const document = this.context.layout.passageDocument[item.id]!;
    this.context.work.documentsOpened++;
    if (!this.documentScores.has(document)) this.scoreDocuments(document);
    const score = this.documentScores.get(document);
    if (this.candidates.uniform) this.queueUniformCandidates(item.run, score);
    if (score === undefined) return;
    // A passage whose text cannot match, in a document whose title or source does, scores exactly as the document.
    const position = this.nextOutside(item.run, 0);
    if (position < item.run.length) this.queue.push({ bound: score, id: item.run[position]!, kind: 'document', run: item.run, position });
  }

  /** Scores document `from` with the ones after it in the order of first bounds, in one Fuse.js call. */
  private scoreDocuments(from: number): void {
    const rank = this.pending.rank[from]!;
    const size = this.candidates.uniform ? REFINED_DOCUMENT_BATCH : DOCUMENT_BATCH;
    const batch = Array.from(this.pending.order.subarray(rank, rank + size)).filter((other) => !this.documentScores.has(other));
    const scores = this.context.scorer.documentScores(this.request.scoring.fuseQuery, batch);
    for (const other of batch) this.documentScores.set(other, scores.get(other));
  }

  /** The uniform candidates of a reached document (left out of the shortest-first walk), grouped by bound. */
  private queueUniformCandidates(run: ArrayLike<number>, documentScore: number | undefined): void {
    const byBound = new Map<number, number[]>();
    for (let at = 0; at < run.length; at++) {
      const id = run[at]!;
      if (!this.candidates.has(id)) continue;
      const bound = this.scanBound(id) * (documentScore ?? 1);
      const group = byBound.get(bound);
      if (group) group.push(id);
      else byBound.set(bound, [id]);
    }
    for (const [bound, group] of byBound) this.queue.push({ bound, id: group[0]!, kind: 'candidates', run: group, position: 0 });
  }
}
