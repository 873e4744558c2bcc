/**
 * The passage index: Fuse.js over every passage, with fzf's extended syntax
 * ('exact, ^prefix, suffix$, !not, a | b, space = AND) and typo-tolerant fuzzy terms, searched
 * best-first (boundedSearch.ts) so that only a few hundred passages are scored per query.
 */
import { closestSteps, type ClosestHit } from '../closest.js';
import { bitapPasses, compileQuery, filtersTest, parseQuery, type QueryTerm } from '../query.js';
import { runAtOnce, type Steps } from '../slices.js';
import type { Corpus, Passage } from '../types.js';
import { searchBounded, type RankedSearch } from './boundedSearch.js';
import { ContinuedSearch, oneStep } from './continuedSearch.js';
import { searchEvery, survivingPassages } from './exhaustive.js';
import { FuseScorer, recordOf, THRESHOLD, type PassageRecord } from './fuseAdapter.js';
import { BestHits, scoreIds, textFirst, type Scoring, type SearchHit, type SearchOptions, type SearchWork } from './hits.js';
import { checkParts, derivePartsSteps, type IndexParts } from './indexParts.js';
import { LOOK_FURTHER_FACTOR, lookFurther, narrows, type CompleteAnswer } from './narrowing.js';
import { passageDocumentsSteps, PassageLayout } from './passageLayout.js';
import type { SearchContext, SearchRequest } from './searchContext.js';
import { WordLookup } from './wordLookup.js';

/** What Fuse.js scores a query's passages with, and the words that highlight a huge passage. */
export function scoringOf(positive: readonly QueryTerm[], fuseQuery: string): Scoring {
  return {
    fuseQuery,
    // A fuzzy match needs two characters (minMatchCharLength); an exact term is found as typed.
    highlights: positive.flatMap((term) => term.filter(({ kind, literal }) => kind !== 'fuzzy' || literal.length >= 2).map(({ literal }) => literal.toLowerCase())),
    passes: bitapPasses(positive),
  };
}

/** Records made between two pauses of contextSteps. */
const RECORD_CHUNK = 4096;

/** What an index searches with, made a few milliseconds at a time. */
function* contextSteps(corpus: Corpus, parts: IndexParts | undefined): Steps<SearchContext> {
  const { documents, passages } = corpus;
  if (parts) checkParts(parts, corpus);
  const documentsOfPassages = yield* passageDocumentsSteps(corpus);
  const records: PassageRecord[] = [];
  for (let id = 0; id < passages.length; id++) {
    records.push(recordOf(passages[id]!, documents[documentsOfPassages.passageDocument[id]!]?.title ?? ''));
    if (id % RECORD_CHUNK === RECORD_CHUNK - 1) yield;
  }
  const documentRecords: PassageRecord[] = documents.map((document) => ({ text: '', title: document.title, source: document.source }));
  const scorer = yield* FuseScorer.build(passages, records, documentRecords, parts?.norms);
  // Without parts (a first start), the word indexes are derived here; the cache keeps them.
  const indexParts = parts ?? (yield* derivePartsSteps(corpus, scorer.norms));
  const layout = new PassageLayout(documentsOfPassages, indexParts.norms);
  yield* layout.prepare();
  return {
    passages,
    parts: indexParts,
    layout,
    words: new WordLookup(indexParts),
    scorer,
    work: { scored: 0, bitapPasses: 0, documentsOpened: 0 },
  };
}

export const positiveTerms = (terms: readonly QueryTerm[]): QueryTerm[] => terms.filter((term) => term.every((alternative) => !alternative.inverse));

export class PassageIndex {
  private readonly context: SearchContext;
  /** Work done by this index's searches so far, for tests that bound it (see SearchWork). */
  readonly work: SearchWork;

  /** `parts` (from the cache) skips the slow derivations; they must come from this same corpus. */
  constructor(private readonly corpus: Corpus, parts?: IndexParts, built?: SearchContext) {
    this.context = built ?? runAtOnce(contextSteps(corpus, parts));
    this.work = this.context.work;
  }

  /**
   * The same index, made in steps that pause every few milliseconds (see slices.ts): the
   * workbench makes it in slices, so a key typed meanwhile is drawn, and searched as soon as the
   * index is there. Throws what the constructor throws (parts that do not fit the corpus) before its first pause.
   */
  static *build(corpus: Corpus, parts?: IndexParts): Steps<PassageIndex> {
    return new PassageIndex(corpus, parts, yield* contextSteps(corpus, parts));
  }

  /** What the on-disk cache stores to rebuild this index without re-deriving it. */
  parts(): IndexParts {
    return this.context.parts;
  }

  /**
   * For a query of four words or more that no passage matches in full: the passages holding most
   * of its weighted words ("closest, not all words"; see closest.ts).
   */
  closest(query: string, options: Pick<SearchOptions, 'limit' | 'sources'> = {}): ClosestHit[] {
    return runAtOnce(closestSteps(this.context.parts.text, this.corpus.passages, query, { ...options, threshold: THRESHOLD }));
  }

  /** Passages matching `query`, best first. Throws QueryError for a query it refuses. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return runAtOnce(this.searchSteps(query, options));
  }

  /**
   * The same search, pausing every few milliseconds of work (see slices.ts): run it with
   * runInSlices so keys are handled while it runs and a stale search can be dropped.
   */
  searchSteps(query: string, options: SearchOptions = {}): Steps<SearchHit[]> {
    return this.continuedSearch(query, options).top(options.limit ?? Number.POSITIVE_INFINITY);
  }

  /**
   * The search of `query`, to be asked for its best hits one or more times: a later, longer list
   * goes on from the work done for the shorter one (the first page, then the whole list).
   */
  continuedSearch(query: string, options: Omit<SearchOptions, 'limit'> = {}): ContinuedSearch {
    return new ContinuedSearch(query, () => this.rankedSearch(query, options));
  }

  /**
   * The same answer as searchSteps(query, options), found by rescoring `earlier`'s hits, when
   * `query` holds every term of `earlier`'s (see narrowing.ts); null when that is not provably
   * the same answer (then search afresh). Throws QueryError for a query it refuses.
   */
  narrowedSteps(earlier: CompleteAnswer, query: string, options: Pick<SearchOptions, 'limit'> = {}): Steps<SearchHit[]> | null {
    const terms = parseQuery(query);
    const compiled = compileQuery(terms);
    if (compiled.fuse === null || !narrows(parseQuery(earlier.query), terms)) return null;
    return this.rescoredSteps(earlier.hits, compiled.filters, scoringOf(positiveTerms(terms), compiled.fuse), options.limit ?? Number.POSITIVE_INFINITY);
  }

  private *rescoredSteps(earlier: readonly SearchHit[], filters: readonly QueryTerm[], scoring: Scoring, limit: number): Steps<SearchHit[]> {
    const { passages } = this.corpus;
    const passes = filtersTest(filters);
    const ids = earlier.map((hit) => hit.passage.id).filter((id) => passes(passages[id]!.text));
    const ranked = new BestHits(Number.POSITIVE_INFINITY);
    yield* scoreIds(this.context.scorer, this.work, scoring, ids, ranked);
    // Every match, ranked: the prefixes a fresh search fetches, cut as it cuts them.
    let fetched = limit;
    while (lookFurther(ranked.hits.slice(0, fetched), fetched, limit)) fetched *= LOOK_FURTHER_FACTOR;
    return textFirst(ranked.hits.slice(0, fetched)).slice(0, limit);
  }

  /** Passages matching `query` in Fuse.js's order (title-only hits mixed in), as many as asked for. */
  private *rankedSearch(query: string, options: Omit<SearchOptions, 'limit'>): Steps<RankedSearch> {
    const terms = parseQuery(query);
    if (terms.length === 0) return { upTo: () => oneStep(() => []) };
    const compiled = compileQuery(terms);
    const sources = options.sources && options.sources.length > 0 ? new Set(options.sources) : null;
    const passes = filtersTest(compiled.filters);
    const accept = (passage: Passage): boolean => (!sources || sources.has(passage.source)) && passes(passage.text);
    if (compiled.fuse === null) return { upTo: (limit) => survivingPassages(this.corpus.passages, accept, limit) };
    const { fuse } = compiled;
    const positive = positiveTerms(terms);
    const filtered = sources !== null || compiled.filters.length > 0;
    if (options.exhaustive) return { upTo: (limit) => oneStep(() => this.context.scorer.searchAll(fuse, accept, limit, filtered)) };
    const request: SearchRequest = { scoring: scoringOf(positive, fuse), positive, accept, filtered };
    const bounded = yield* searchBounded(this.context, request);
    return bounded ?? { upTo: (limit) => searchEvery(this.context, request, limit) };
  }
}
