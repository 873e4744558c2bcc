/**
 * The passage index: Fuse.js over every passage, with fzf's extended syntax
 * ('exact, ^prefix, suffix$, !not, a | b, space = AND) and typo-tolerant fuzzy terms.
 *
 * Fuse.js stays the scorer, but it no longer scans every passage: the prefilter (prefilter.ts)
 * proposes candidates with a lower bound of their score, and Fuse.js scores them best-first in
 * batches until no unscored candidate can enter the top `limit`. The result is what scoring every
 * passage gives, at the cost of a few hundred Fuse.js evaluations.
 */
import Fuse, { type FuseIndex, type FuseResult, type IFuseOptions } from 'fuse.js';
import { closestSteps, type ClosestHit } from './closest.js';
import { mergeRanges, occurrenceRanges, type Range } from './ranges.js';
import { buildFieldIndex, candidatesOf, matchWords, maxErrors, type FieldIndex, type WordMatches } from './prefilter.js';
import { bitapPasses, compileQuery, parseQuery, passesFilters, type QueryAlternative, type QueryTerm } from './query.js';
import { runAtOnce, type Steps } from './slices.js';
import type { Corpus, Passage } from './types.js';

/** What Fuse.js sees of a passage. */
export interface PassageRecord {
  text: string;
  title: string;
  source: string;
}

/** A half-open [start, end) character range: text.slice(start, end) is the matched part. */
export type { Range } from './ranges.js';

export interface SearchHit {
  passage: Passage;
  /** Fuse.js score: 0 is a perfect match, 1 no match at all. */
  score: number;
  /** Matched ranges in passage.text, sorted and merged. */
  matches: Range[];
  /** The query matched only the document's title or source id, nothing in the passage's own text (absent: false). */
  titleOnly?: boolean;
}

export interface SearchOptions {
  limit?: number;
  /** Only passages from these source ids. */
  sources?: readonly string[];
  /** Score every passage with Fuse.js, as a plain Fuse.js index does (the benchmark's baseline). */
  exhaustive?: boolean;
}

const KEY_WEIGHTS = { text: 3, title: 1, source: 0.5 } as const;

export const FUSE_OPTIONS: IFuseOptions<PassageRecord> = {
  keys: [
    { name: 'text', weight: KEY_WEIGHTS.text },
    { name: 'title', weight: KEY_WEIGHTS.title },
    { name: 'source', weight: KEY_WEIGHTS.source },
  ],
  includeScore: true,
  includeMatches: true,
  // Passages are sentences: where in the sentence a word appears says nothing about relevance.
  ignoreLocation: true,
  // Strict enough that three-letter terms do not match everything, loose enough for a typo or two.
  threshold: 0.3,
  // Single scattered characters are noise in highlights.
  minMatchCharLength: 2,
  useExtendedSearch: true,
};

/** Scores alone: Fuse.js's scores do not depend on includeMatches. */
const SCORE_ONLY_OPTIONS: IFuseOptions<PassageRecord> = { ...FUSE_OPTIONS, includeMatches: false };

export function recordOf(passage: Passage, title: string): PassageRecord {
  return { text: passage.text, title, source: passage.source };
}

/** Fuse.js gives inclusive [start, end] pairs; we sort, merge and make them half-open. */
export function matchRanges(result: FuseResult<PassageRecord>): Range[] {
  const ranges: Range[] = [];
  for (const match of result.matches ?? []) {
    if (match.key !== 'text') continue;
    for (const [start, end] of match.indices) ranges.push([start, end + 1]);
  }
  return mergeRanges(ranges);
}

function hitOf(passage: Passage, result: FuseResult<PassageRecord>): SearchHit {
  const matches = matchRanges(result);
  return { passage, score: result.score ?? 0, matches, titleOnly: !(result.matches ?? []).some((match) => match.key === 'text') };
}

/** Hits whose own text matches first, each group in score order (a stable partition). */
function textFirst(hits: readonly SearchHit[]): SearchHit[] {
  return [...hits.filter((hit) => hit.titleOnly !== true), ...hits.filter((hit) => hit.titleOnly === true)];
}

/** How far past `limit` a search looks for hits whose own text matches before title-only ones fill the list. */
const TITLE_ONLY_LOOKAHEAD = 16;

type IndexRecord = FuseIndex<PassageRecord>['records'][number];
type IndexKeys = FuseIndex<PassageRecord>['keys'];

/** Fuse.js normalises key weights to sum to 1; the text key's share is the exponent of its score. */
const KEY_WEIGHT_SUM = KEY_WEIGHTS.text + KEY_WEIGHTS.title + KEY_WEIGHTS.source;
const TEXT_WEIGHT = KEY_WEIGHTS.text / KEY_WEIGHT_SUM;
const TITLE_WEIGHT = KEY_WEIGHTS.title / KEY_WEIGHT_SUM;
const SOURCE_WEIGHT = KEY_WEIGHTS.source / KEY_WEIGHT_SUM;
/** Fuse.js's own floor for a perfect key score (it raises 0 to this before weighting). */
const PERFECT_SCORE = Number.EPSILON;
/** Bounds are computed the way Fuse.js computes scores, but not in the same order: keep a margin. */
const BOUND_MARGIN = 1 - 1e-9;
const THRESHOLD = FUSE_OPTIONS.threshold ?? 0.6;
const KEY_COUNT = 3;
const WORD_CACHE_SIZE = 256;
/**
 * Passages outside the prefilter's candidates scored per query, shortest first: they can only
 * match through a fuzzy term spanning two words ("corona virus" for "coronavirus").
 */
const STRADDLE_BUDGET = 200;
const DOCUMENT_BATCH = 256;
/** Records per Fuse.js call between two pauses of a search (a few milliseconds of scoring). */
const SCORE_SLICE = 256;
/** Queue steps, candidates or passages walked between two pauses of a search. */
const WALK_SLICE = 4096;
/**
 * Fuse.js hands a field's match ranges on with one spread call (push(...indices)), which
 * overflows the stack past about 100,000 ranges: `'a` in a 1 MB unpunctuated passage did. A
 * passage whose text or title is longer than this is scored without Fuse.js's ranges, and
 * highlighted where the query's words occur as typed, at most HUGE_PASSAGE_RANGES times.
 */
const HUGE_FIELD_LENGTH = 16_384;
const HUGE_PASSAGE_RANGES = 1000;

/** Everything the index derives from a corpus, in a form the on-disk cache stores as-is. */
export interface IndexParts {
  /** Fuse.js field-length norms of each passage's text, title and source, in that order (NaN: empty field). */
  norms: Float64Array;
  /** Words of each passage text (records = passages). */
  text: FieldIndex;
  /** Words of each document title and source id (records = documents). */
  titles: FieldIndex;
  sources: FieldIndex;
}

/**
 * A run of passages in the best-first queue, standing for its next passage `id`: prefilter
 * candidates sharing one score bound, or all of them shortest first, the passages of a document matched by its title or source
 * (their score is known exactly), or the passages that could only match across a word boundary.
 */
interface QueueItem {
  /** No passage this item yields scores better than this. */
  bound: number;
  /** The passage it yields next (ties in score go to the lower id, as in Fuse.js). */
  id: number;
  /** pending: a document whose title or source may match, not yet scored (expands when reached). */
  kind: 'candidates' | 'scan' | 'document' | 'straddle' | 'pending';
  run: ArrayLike<number>;
  /** Position of `id` in `run`. */
  position: number;
}

function before(a: { bound: number; id: number }, b: { bound: number; id: number }): boolean {
  return a.bound < b.bound || (a.bound === b.bound && a.id < b.id);
}

/** A binary min-heap ordered by (bound, id). */
class BoundQueue {
  constructor(private readonly items: QueueItem[]) {
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  peek(): QueueItem | undefined {
    return this.items[0];
  }

  pop(): QueueItem | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top !== undefined && last !== undefined && this.items.length > 0) {
      this.items[0] = last;
      this.sink(0);
    }
    return top;
  }

  push(item: QueueItem): void {
    const items = this.items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  private sink(start: number): void {
    const items = this.items;
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === at) return;
      [items[at], items[smallest]] = [items[smallest]!, items[at]!];
      at = smallest;
    }
  }
}

/** Fuse.js index records rebuilt from stored norms (Fuse.parseIndex takes them as they are). */
function recordsFromNorms(records: readonly PassageRecord[], norms: Float64Array): IndexRecord[] {
  return records.map((record, i) => {
    const entry: Record<number, { v: string; n: number }> = {};
    const values = [record.text, record.title, record.source];
    for (let key = 0; key < KEY_COUNT; key++) {
      const norm = norms[i * KEY_COUNT + key]!;
      if (!Number.isNaN(norm)) entry[key] = { v: values[key]!, n: norm };
    }
    return { i, $: entry };
  });
}

function normsOf(records: readonly IndexRecord[], count: number): Float64Array {
  const norms = new Float64Array(count * KEY_COUNT).fill(Number.NaN);
  for (const record of records) {
    for (let key = 0; key < KEY_COUNT; key++) {
      const sub = record.$?.[key];
      if (sub && !Array.isArray(sub)) norms[record.i * KEY_COUNT + key] = sub.n;
    }
  }
  return norms;
}

function fieldMatches(field: FieldIndex, size: number): boolean {
  return field.size === size && field.offsets.length === field.vocabulary.length + 1 && field.offsets[field.vocabulary.length] === field.ids.length;
}


/** What a search scores passages with: the Fuse.js query, and the words that highlight a huge passage. */
interface Scoring {
  fuseQuery: string;
  highlights: readonly string[];
  /** Bitap passes per passage scored (see query.bitapPasses). */
  passes: number;
}

/** The best `limit` hits so far, kept sorted as Fuse.js sorts: by score, then by passage id. */
class BestHits {
  readonly hits: SearchHit[] = [];

  constructor(readonly limit: number) {}

  get full(): boolean {
    return this.hits.length >= this.limit;
  }

  /** The hit a better one would push out, once the list is full. */
  get worst(): SearchHit | undefined {
    return this.full ? this.hits[this.hits.length - 1] : undefined;
  }

  keep(hit: SearchHit): void {
    const hits = this.hits;
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = hits[middle]!;
      if (other.score < hit.score || (other.score === hit.score && other.passage.id < hit.passage.id)) low = middle + 1;
      else high = middle;
    }
    if (low >= this.limit) return;
    hits.splice(low, 0, hit);
    if (hits.length > this.limit) hits.pop();
  }
}

export class PassageIndex {
  private readonly records: PassageRecord[];
  private readonly fuse: Fuse<PassageRecord>;
  /** The same records, scored through an index swapped per batch of candidates. */
  private readonly batchFuse: Fuse<PassageRecord>;
  /** The same again without match ranges, for huge passages (see HUGE_FIELD_LENGTH). */
  private readonly scoreOnlyFuse: Fuse<PassageRecord>;
  /** Passages whose text or title is longer than HUGE_FIELD_LENGTH. */
  private readonly huge: ReadonlySet<number>;
  private readonly fullRecords: IndexRecord[];
  private readonly keys: IndexKeys;
  /** Title and source alone of each document: the score of a passage that matches only there. */
  private readonly documentFuse: Fuse<PassageRecord>;
  private readonly documentBatchFuse: Fuse<PassageRecord>;
  private readonly documentRecords: PassageRecord[];
  private readonly documentIndexRecords: IndexRecord[];
  /** Passage ids of each document, ascending. */
  private readonly documentPassages: number[][];
  private readonly passageDocument: Uint32Array;
  private readonly parts_: IndexParts;
  private readonly wordCache = new Map<string, WordMatches | null>();
  /** Passage ids, shortest text (largest Fuse.js norm) first; built on first use. */
  private shortestFirst: Uint32Array | null = null;
  /**
   * Work done by this index's searches so far, for tests that bound it: passages scored by
   * Fuse.js, and Bitap passes over them (a passage against one 32-character chunk of a fuzzy term).
   */
  readonly work = { scored: 0, bitapPasses: 0 };

  /** `parts` (from the cache) skips the slow derivations; they must come from this same corpus. */
  constructor(private readonly corpus: Corpus, parts?: IndexParts) {
    const { documents, passages } = corpus;
    const documentOf = new Map(documents.map((document, index) => [document.source, index]));
    this.documentPassages = documents.map(() => []);
    this.passageDocument = new Uint32Array(passages.length);
    this.records = passages.map((passage, id) => {
      const document = documentOf.get(passage.source) ?? 0;
      this.passageDocument[id] = document;
      this.documentPassages[document]!.push(id);
      return recordOf(passage, documents[document]?.title ?? '');
    });
    this.documentRecords = documents.map((document) => ({ text: '', title: document.title, source: document.source }));

    if (parts) {
      const consistent =
        parts.norms.length === passages.length * KEY_COUNT &&
        fieldMatches(parts.text, passages.length) &&
        fieldMatches(parts.titles, documents.length) &&
        fieldMatches(parts.sources, documents.length);
      if (!consistent) throw new Error('index parts do not fit this corpus');
      const index = Fuse.parseIndex<PassageRecord>({ keys: Fuse.createIndex(FUSE_OPTIONS.keys ?? [], []).keys, records: recordsFromNorms(this.records, parts.norms) });
      this.fuse = new Fuse(this.records, FUSE_OPTIONS, index);
      this.parts_ = parts;
    } else {
      this.fuse = new Fuse(this.records, FUSE_OPTIONS);
      this.parts_ = {
        norms: normsOf(this.fuse.getIndex().records, passages.length),
        text: buildFieldIndex(passages.map((passage) => passage.text)),
        titles: buildFieldIndex(documents.map((document) => document.title)),
        sources: buildFieldIndex(documents.map((document) => document.source)),
      };
    }
    this.fullRecords = this.fuse.getIndex().records;
    this.keys = this.fuse.getIndex().keys;
    this.batchFuse = new Fuse(this.records, FUSE_OPTIONS, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: [] }));
    this.scoreOnlyFuse = new Fuse(this.records, SCORE_ONLY_OPTIONS, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: [] }));
    const huge = new Set<number>();
    this.records.forEach((record, id) => {
      if (record.text.length > HUGE_FIELD_LENGTH || record.title.length > HUGE_FIELD_LENGTH) huge.add(id);
    });
    this.huge = huge;
    this.documentFuse = new Fuse(this.documentRecords, FUSE_OPTIONS);
    this.documentIndexRecords = this.documentFuse.getIndex().records;
    // Only the documents' scores are used: without ranges, a huge title cannot overflow the stack.
    this.documentBatchFuse = new Fuse(this.documentRecords, SCORE_ONLY_OPTIONS, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: [] }));
  }

  /** What the on-disk cache stores to rebuild this index without re-deriving it. */
  parts(): IndexParts {
    return this.parts_;
  }

  /**
   * For a query of four words or more that no passage matches in full: the passages holding most
   * of its weighted words ("closest, not all words"; see closest.ts).
   */
  closest(query: string, options: Pick<SearchOptions, 'limit' | 'sources'> = {}): ClosestHit[] {
    return runAtOnce(closestSteps(this.parts_.text, this.corpus.passages, query, { ...options, threshold: THRESHOLD }));
  }

  /** Passages matching `query`, best first. Throws QueryError for a query it refuses. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return runAtOnce(this.searchSteps(query, options));
  }

  /**
   * The same search, pausing every few milliseconds of work (see slices.ts): run it with
   * runInSlices so keys are handled while it runs and a stale search can be dropped.
   */
  *searchSteps(query: string, options: SearchOptions = {}): Steps<SearchHit[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    let fetched = limit;
    let hits = yield* this.rankedSteps(query, options);
    // Hits that match only their document's title go after every hit whose own text matches: when
    // they fill the list, look further down for text hits (a few times the limit at most).
    while (Number.isFinite(limit) && hits.length === fetched && hits.filter((hit) => hit.titleOnly !== true).length < limit && fetched < limit * TITLE_ONLY_LOOKAHEAD) {
      fetched *= 4;
      hits = yield* this.rankedSteps(query, { ...options, limit: fetched });
    }
    return textFirst(hits).slice(0, limit);
  }

  /** Passages matching `query` in Fuse.js's order (title-only hits mixed in). */
  private *rankedSteps(query: string, options: SearchOptions): Steps<SearchHit[]> {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const compiled = compileQuery(terms);
    const sources = options.sources && options.sources.length > 0 ? new Set(options.sources) : null;
    const accept = (passage: Passage): boolean =>
      (!sources || sources.has(passage.source)) && passesFilters(passage.text, compiled.filters);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;

    if (compiled.fuse === null) {
      // Only exclusions: every passage that survives them, in corpus order.
      const hits: SearchHit[] = [];
      const passages = this.corpus.passages;
      for (let id = 0; id < passages.length && hits.length < limit; id++) {
        if (accept(passages[id]!)) hits.push({ passage: passages[id]!, score: 0, matches: [], titleOnly: false });
        if (id % WALK_SLICE === WALK_SLICE - 1) yield;
      }
      return hits;
    }
    const positive = terms.filter((term) => term.every((alternative) => !alternative.inverse));
    const filtered = sources !== null || compiled.filters.length > 0;
    if (options.exhaustive) return this.searchPlain(compiled.fuse, accept, limit, filtered);
    const scoring: Scoring = {
      fuseQuery: compiled.fuse,
      // A fuzzy match needs two characters (minMatchCharLength); an exact term is found as typed.
      highlights: positive.flatMap((term) => term.filter(({ kind, literal }) => kind !== 'fuzzy' || literal.length >= 2).map(({ literal }) => literal.toLowerCase())),
      passes: bitapPasses(positive),
    };
    const bounded = yield* this.searchBounded(scoring, positive, accept, filtered, limit);
    return bounded ?? (yield* this.searchEvery(scoring, accept, limit, filtered));
  }

  /** Every passage through one Fuse.js call: what a plain Fuse.js index does (the benchmark's baseline). */
  private searchPlain(fuseQuery: string, accept: (passage: Passage) => boolean, limit: number, filtered: boolean): SearchHit[] {
    const hits: SearchHit[] = [];
    const results = this.fuse.search(fuseQuery, filtered || !Number.isFinite(limit) ? undefined : { limit });
    for (const result of results) {
      if (hits.length >= limit) break;
      const passage = this.corpus.passages[result.refIndex]!;
      if (accept(passage)) hits.push(hitOf(passage, result));
    }
    return hits;
  }

  /** Every passage through Fuse.js, a slice at a time: for queries the prefilter cannot bound. */
  private *searchEvery(scoring: Scoring, accept: (passage: Passage) => boolean, limit: number, filtered: boolean): Steps<SearchHit[]> {
    const best = new BestHits(limit);
    const passages = this.corpus.passages;
    let ids: number[] = [];
    for (let id = 0; id < passages.length; id++) {
      if (!filtered || accept(passages[id]!)) ids.push(id);
      if (ids.length >= SCORE_SLICE) {
        yield* this.scoreIds(scoring, ids, best);
        ids = [];
      }
    }
    yield* this.scoreIds(scoring, ids, best);
    return best.hits;
  }

  /** Scores passages `ids` with Fuse.js into `best`, pausing between slices of them. */
  private *scoreIds(scoring: Scoring, ids: readonly number[], best: BestHits): Steps<void> {
    const passages = this.corpus.passages;
    for (let start = 0; start < ids.length; start += SCORE_SLICE) {
      const slice = ids.slice(start, start + SCORE_SLICE);
      this.work.scored += slice.length;
      this.work.bitapPasses += slice.length * scoring.passes;
      const records = slice.filter((id) => !this.huge.has(id)).map((id) => this.fullRecords[id]!);
      this.batchFuse.setCollection(this.records, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records }));
      for (const result of this.batchFuse.search(scoring.fuseQuery)) {
        best.keep(hitOf(passages[result.refIndex]!, result));
      }
      const huge = slice.filter((id) => this.huge.has(id)).map((id) => this.fullRecords[id]!);
      if (huge.length > 0) {
        this.scoreOnlyFuse.setCollection(this.records, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: huge }));
        for (const result of this.scoreOnlyFuse.search(scoring.fuseQuery)) {
          const passage = passages[result.refIndex]!;
          best.keep({ passage, score: result.score ?? 0, matches: occurrenceRanges(passage.text, scoring.highlights, HUGE_PASSAGE_RANGES) });
        }
      }
      yield;
    }
  }

  private *wordsFor(fieldName: 'text' | 'titles' | 'sources', alternative: QueryAlternative): Steps<WordMatches | null> {
    const fuzzy = alternative.kind === 'fuzzy';
    const key = `${fieldName}\u0000${fuzzy ? 'f' : 'x'}\u0000${alternative.literal.toLowerCase()}`;
    const cached = this.wordCache.get(key);
    if (cached !== undefined) {
      // Re-inserting keeps the most recently used entries at the end.
      this.wordCache.delete(key);
      this.wordCache.set(key, cached);
      return cached;
    }
    const found = yield* matchWords(this.parts_[fieldName], { literal: alternative.literal, fuzzy }, THRESHOLD);
    this.wordCache.set(key, found);
    if (this.wordCache.size > WORD_CACHE_SIZE) this.wordCache.delete(this.wordCache.keys().next().value!);
    return found;
  }

  private *termsFor(fieldName: 'text' | 'titles' | 'sources', positive: readonly QueryTerm[]): Steps<WordMatches[][] | null> {
    const terms: WordMatches[][] = [];
    for (const term of positive) {
      const matches: WordMatches[] = [];
      for (const alternative of term) {
        const found = yield* this.wordsFor(fieldName, alternative);
        if (found === null) return null;
        matches.push(found);
      }
      terms.push(matches);
    }
    return terms;
  }

  /** The passage of `run` with the largest text norm (the best bound a uniform mean gives). */
  private largestNormIn(run: readonly number[]): number {
    const norms = this.parts_.norms;
    let best = run[0]!;
    for (const id of run) if (norms[id * KEY_COUNT]! > norms[best * KEY_COUNT]!) best = id;
    return best;
  }

  private passagesShortestFirst(): Uint32Array {
    if (!this.shortestFirst) {
      // Norms take few distinct values (one per word count): bucket by norm instead of sorting.
      const norms = this.parts_.norms;
      const buckets = new Map<number, number[]>();
      for (let id = 0; id < this.records.length; id++) {
        const norm = norms[id * KEY_COUNT]!;
        const bucket = buckets.get(norm);
        if (bucket) bucket.push(id);
        else buckets.set(norm, [id]);
      }
      const order = new Uint32Array(this.records.length);
      let at = 0;
      for (const norm of [...buckets.keys()].sort((a, b) => b - a)) {
        for (const id of buckets.get(norm)!) order[at++] = id;
      }
      this.shortestFirst = order;
    }
    return this.shortestFirst;
  }

  /**
   * When every term needs its own text (no edits: exact terms, fuzzy terms of up to three
   * characters) and even the rarest is in a quarter of the passages, a test of the passage text
   * replaces the candidate list; null otherwise.
   */
  private directTest(positive: readonly QueryTerm[], textTerms: readonly WordMatches[][]): { holds(lowerText: string): boolean; mean: number } | null {
    const { offsets } = this.parts_.text;
    const postings = (matches: readonly WordMatches[]): number =>
      matches.reduce((sum, match) => sum + match.words.reduce((count, word) => count + offsets[word + 1]! - offsets[word]!, 0), 0);
    if (Math.min(...textTerms.map(postings)) < this.records.length / 4) return null;
    const needles: string[][] = [];
    let scoreSum = 0;
    for (const term of positive) {
      const alternatives: string[] = [];
      let lowest = Number.POSITIVE_INFINITY;
      for (const { kind, literal } of term) {
        const lower = literal.toLowerCase();
        if (kind !== 'fuzzy') {
          alternatives.push(lower);
          lowest = 0;
          continue;
        }
        if (/\s/.test(lower) || maxErrors(lower.length, THRESHOLD) > 0) return null;
        // One character matches only doubled (see prefilter.matchWords); Fuse.js floors scores at 0.001.
        alternatives.push(lower.length === 1 ? lower + lower : lower);
        lowest = Math.min(lowest, 0.001);
      }
      needles.push(alternatives);
      scoreSum += lowest;
    }
    return {
      holds: (lowerText) => needles.every((alternatives) => alternatives.some((needle) => lowerText.includes(needle))),
      mean: scoreSum / positive.length,
    };
  }

  /**
   * Lower bounds of the title-and-source factor of every document whose title or source id may
   * match the query on its own (Fuse.js scores those documents' passages through it).
   */
  private *documentBounds(positive: readonly QueryTerm[]): Steps<Map<number, number> | null> {
    const titleTerms = yield* this.termsFor('titles', positive);
    const sourceTerms = yield* this.termsFor('sources', positive);
    if (titleTerms === null || sourceTerms === null) return null;
    const bounds = new Map<number, number>();
    const fields = [
      { candidates: yield* candidatesOf(this.parts_.titles, titleTerms), key: 1, weight: TITLE_WEIGHT },
      { candidates: yield* candidatesOf(this.parts_.sources, sourceTerms), key: 2, weight: SOURCE_WEIGHT },
    ];
    // Anchored terms (^start, end$) hold in a field only at its start or end: a word index cannot tell.
    const anchored = positive.filter((term) => term.every(({ kind }) => kind === 'prefix' || kind === 'suffix'));
    const anchorsHold = (value: string): boolean => {
      const lower = value.toLowerCase();
      return anchored.every((term) =>
        term.some(({ kind, literal }) => (kind === 'prefix' ? lower.startsWith(literal.toLowerCase()) : lower.endsWith(literal.toLowerCase()))),
      );
    };
    for (const { candidates, key, weight } of fields) {
      for (let i = 0; i < candidates.ids.length; i++) {
        if (i % WALK_SLICE === WALK_SLICE - 1) yield;
        const document = candidates.ids[i]!;
        const entry = this.documentIndexRecords[document]?.$?.[key];
        if (!entry || Array.isArray(entry) || !anchorsHold(entry.v)) continue;
        const mean = candidates.lowestScores[i]!;
        bounds.set(document, (bounds.get(document) ?? 1) * Math.pow(mean === 0 ? PERFECT_SCORE : mean, weight * entry.n) * BOUND_MARGIN);
      }
    }
    return bounds;
  }

  /** Fuse.js's scores of documents' titles and sources alone; documents where neither matches are left out. */
  private documentScores(fuseQuery: string, documents: readonly number[]): Map<number, number> {
    this.documentBatchFuse.setCollection(this.documentRecords, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: documents.map((document) => this.documentIndexRecords[document]!) }));
    return new Map(this.documentBatchFuse.search(fuseQuery).map((result) => [result.refIndex, result.score ?? 0]));
  }

  /**
   * Best-first search over the prefilter's candidates; null when the prefilter cannot bound the
   * query (the caller then scores every passage).
   */
  private *searchBounded(
    scoring: Scoring,
    positive: readonly QueryTerm[],
    accept: (passage: Passage) => boolean,
    filtered: boolean,
    limit: number,
  ): Steps<SearchHit[] | null> {
    const { fuseQuery } = scoring;
    const textTerms = yield* this.termsFor('text', positive);
    if (textTerms === null) return null;
    const documentBounds = yield* this.documentBounds(positive);
    if (documentBounds === null) return null;
    const { norms } = this.parts_;
    const passages = this.corpus.passages;
    const direct = this.directTest(positive, textTerms);
    let isCandidate: (id: number) => boolean;
    let candidateIds: Iterable<number>;
    let lowestOf: (id: number) => number;
    let mean: number | undefined;
    let uniform: boolean;
    if (direct) {
      // Checking the passage text itself is cheaper than collecting most of the corpus as candidates.
      isCandidate = (id) => direct.holds(passages[id]!.text.toLowerCase());
      candidateIds = [];
      lowestOf = () => direct.mean;
      mean = direct.mean;
      uniform = true;
    } else {
      const candidates = yield* candidatesOf(this.parts_.text, textTerms);
      const marked = new Uint8Array(passages.length);
      const lowest = new Float64Array(passages.length);
      for (let i = 0; i < candidates.ids.length; i++) {
        marked[candidates.ids[i]!] = 1;
        lowest[candidates.ids[i]!] = candidates.lowestScores[i]!;
      }
      isCandidate = (id) => marked[id] === 1;
      candidateIds = Uint32Array.from(candidates.ids).sort();
      lowestOf = (id) => lowest[id]!;
      mean = candidates.lowestScores[0];
      // A short term ("c", "19") makes most passages candidates, all with the same mean: their
      // bounds then follow the passages' lengths, so walking the shortest-first order (skipping
      // the others) yields them best first without queueing every candidate.
      uniform = mean !== undefined && candidates.ids.length > passages.length / 8 && candidates.lowestScores.every((score) => score === mean);
    }
    const items: QueueItem[] = [];
    const scanBound = (id: number): number => Math.pow(mean === 0 || mean === undefined ? PERFECT_SCORE : mean, TEXT_WEIGHT * norms[id * KEY_COUNT]!) * BOUND_MARGIN;
    const nextScanned = (from: number): QueueItem | null => {
      const order = this.passagesShortestFirst();
      for (let position = from; position < order.length; position++) {
        const id = order[position]!;
        if (!documentBounds.has(this.passageDocument[id]!) && isCandidate(id)) return { bound: scanBound(id), id, kind: 'scan', run: order, position };
      }
      return null;
    };
    // Otherwise candidates are grouped by bound (few distinct values: norms and edit counts are
    // small numbers), each group in ascending id order, so the queue holds groups, not candidates.
    const groups = new Map<number, number[]>();
    // Work since the last pause, in passages looked at.
    let walked = 0;
    for (const id of candidateIds) {
      if (++walked >= WALK_SLICE) {
        walked = 0;
        yield;
      }
      const documentBound = documentBounds.get(this.passageDocument[id]!);
      // Shortest-first walks leave the passages of possibly title-matched documents to their document item.
      if (uniform) continue;
      const candidateMean = lowestOf(id);
      const textBound = Math.pow(candidateMean === 0 ? PERFECT_SCORE : candidateMean, TEXT_WEIGHT * norms[id * KEY_COUNT]!);
      const bound = textBound * (documentBound ?? 1) * BOUND_MARGIN;
      const group = groups.get(bound);
      if (group) group.push(id);
      else groups.set(bound, [id]);
    }
    const firstScanned = uniform ? nextScanned(0) : null;
    if (firstScanned) items.push(firstScanned);
    for (const [bound, run] of groups) items.push({ bound, id: run[0]!, kind: 'candidates', run, position: 0 });
    // A passage whose text cannot match, in a document whose title or source does, scores exactly as the document.
    const nextOutside = (run: ArrayLike<number>, from: number): number => {
      let position = from;
      while (position < run.length && isCandidate(run[position]!)) position++;
      return position;
    };
    // A document whose title or source may match is scored by Fuse.js only when the queue reaches it.
    for (const [document, documentBound] of documentBounds) {
      const run = this.documentPassages[document]!;
      if (run.length === 0) continue;
      walked += run.length;
      if (walked >= WALK_SLICE) {
        walked = 0;
        yield;
      }
      const textBound = uniform ? scanBound(this.largestNormIn(run)) : 1;
      items.push({ bound: documentBound * textBound, id: run[0]!, kind: 'pending', run, position: 0 });
    }
    // Documents are scored in batches, in the order the queue will reach them (one Fuse.js call each is slow).
    const pendingOrder = items.filter((item) => item.kind === 'pending').sort((a, b) => a.bound - b.bound).map((item) => this.passageDocument[item.id]!);
    const pendingRank = new Map(pendingOrder.map((document, rank) => [document, rank]));
    const scored = new Map<number, number | undefined>();
    const expandDocument = (item: QueueItem): void => {
      const document = this.passageDocument[item.id]!;
      if (!scored.has(document)) {
        const rank = pendingRank.get(document)!;
        const batch = pendingOrder.slice(rank, rank + DOCUMENT_BATCH).filter((other) => !scored.has(other));
        const scores = this.documentScores(fuseQuery, batch);
        for (const other of batch) scored.set(other, scores.get(other));
      }
      const score = scored.get(document);
      if (uniform) {
        const byBound = new Map<number, number[]>();
        for (let at = 0; at < item.run.length; at++) {
          const id = item.run[at]!;
          if (!isCandidate(id)) continue;
          const bound = scanBound(id) * (score ?? 1);
          const group = byBound.get(bound);
          if (group) group.push(id);
          else byBound.set(bound, [id]);
        }
        for (const [bound, run] of byBound) queue.push({ bound, id: run[0]!, kind: 'candidates', run, position: 0 });
      }
      if (score === undefined) return;
      // A passage whose text cannot match, in a document whose title or source does, scores exactly as the document.
      const position = nextOutside(item.run, 0);
      if (position < item.run.length) queue.push({ bound: score, id: item.run[position]!, kind: 'document', run: item.run, position });
    };
    // Straddling a word boundary costs at least one edit: a term of m characters scores 1/m or worse.
    const straddlers = positive.filter((term) => term.some(({ kind, literal }) => kind === 'fuzzy' && !/\s/.test(literal) && maxErrors(literal.length, THRESHOLD) > 0));
    const straddleMean = straddlers.length === 0 ? null : Math.min(...straddlers.map((term) => 1 / Math.max(...term.map(({ literal }) => literal.length)))) / positive.length;
    let straddleBudget = STRADDLE_BUDGET;
    const nextStraddler = (from: number): QueueItem | null => {
      if (straddleMean === null || straddleBudget-- <= 0) return null;
      const order = this.passagesShortestFirst();
      for (let position = from; position < order.length; position++) {
        const id = order[position]!;
        // Passages of title-matched documents too: their text may still match across a word boundary.
        if (isCandidate(id)) continue;
        const bound = Math.pow(straddleMean, TEXT_WEIGHT * norms[id * KEY_COUNT]!) * BOUND_MARGIN;
        return { bound, id, kind: 'straddle', run: order, position };
      }
      return null;
    };
    const firstStraddler = nextStraddler(0);
    if (firstStraddler) items.push(firstStraddler);
    const following = (item: QueueItem): QueueItem | null => {
      if (item.kind === 'pending') return null;
      if (item.kind === 'straddle') return nextStraddler(item.position + 1);
      if (item.kind === 'scan') return nextScanned(item.position + 1);
      const position = item.kind === 'document' ? nextOutside(item.run, item.position + 1) : item.position + 1;
      return position < item.run.length ? { ...item, id: item.run[position]!, position } : null;
    };

    const queue = new BoundQueue(items);
    const best = new BestHits(limit);
    const queued = new Set<number>();
    let batch: number[] = [];
    let batchSize = Number.isFinite(limit) ? Math.min(1024, Math.max(64, Math.ceil(limit * 1.25))) : 4096;
    const takeBatch = (): number[] => {
      const taken = batch;
      batch = [];
      // Later batches reach further down the bounds, where fewer candidates make the cut.
      batchSize = Math.min(batchSize * 2, 16384);
      return taken;
    };
    for (;;) {
      const next = queue.peek();
      const last = best.worst;
      const complete = next === undefined || (last !== undefined && before({ bound: last.score, id: last.passage.id }, next));
      if (complete) {
        if (batch.length === 0) break;
        yield* this.scoreIds(scoring, takeBatch(), best);
        continue;
      }
      // Expanding a document looks at each of its passages.
      walked += next.kind === 'pending' ? next.run.length : 1;
      if (walked >= WALK_SLICE) {
        walked = 0;
        yield;
      }
      queue.pop();
      if (next.kind === 'pending') {
        expandDocument(next);
        continue;
      }
      const after = following(next);
      if (after) queue.push(after);
      const passage = passages[next.id]!;
      // A passage can be queued twice (its document's item and a straddle item): score it once.
      if (queued.has(next.id)) continue;
      queued.add(next.id);
      // The text filters (!not, ^start, end$, --source) are cheaper than Fuse.js: apply them first.
      if (filtered && !accept(passage)) continue;
      // Fuse.js scores every hit, a title-matched document's passages too: their text may match as well.
      batch.push(next.id);
      if (batch.length >= batchSize) yield* this.scoreIds(scoring, takeBatch(), best);
    }
    return best.hits;
  }
}
