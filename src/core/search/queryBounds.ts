/**
 * Lower bounds of the Fuse.js scores a query can reach, from the prefilter's word matches: which
 * passages are candidates and how well each can score, how well each document's title or source
 * id can score, and how well a fuzzy term can match across a word boundary.
 */
import { caselessTest } from '../caseless.js';
import { candidatesOf, maxErrors, type WordMatches } from '../prefilter.js';
import { placementOf, type QueryTerm } from '../query.js';
import type { Steps } from '../slices.js';
import type { Passage } from '../types.js';
import { BOUND_MARGIN, KeyFactors, SOURCE_KEY, SOURCE_WEIGHT, THRESHOLD, TITLE_KEY, TITLE_WEIGHT, type FuseScorer } from './fuseAdapter.js';
import { WALK_SLICE } from './hits.js';
import type { IndexParts } from './indexParts.js';
import type { WordLookup } from './wordLookup.js';

/** The passages whose text may match, and the lowest mean term score each can reach. */
export interface CandidateSet {
  has(id: number): boolean;
  /** The candidates in ascending order; empty when they are tested one by one (`has`) instead. */
  readonly ids: ArrayLike<number>;
  lowestOf(id: number): number;
  /** The lowest mean of the first candidate (of every one when `uniform`). */
  readonly mean: number | undefined;
  /**
   * Every candidate has the same mean and there are many: their bounds then follow the passages'
   * lengths, so walking the shortest-first order (skipping the others) yields them best first
   * without queueing every candidate.
   */
  readonly uniform: boolean;
}

/** A test of a passage's own text, lower-cased, for terms that need no edits. */
interface DirectTest {
  holds(text: string): boolean;
  mean: number;
}

/**
 * When every term needs its own text (no edits: exact terms, fuzzy terms of up to three
 * characters) and even the rarest is in a quarter of the passages, a test of the passage text
 * replaces the candidate list; null otherwise.
 */
function directTest(parts: IndexParts, passageCount: number, positive: readonly QueryTerm[], textTerms: readonly WordMatches[][]): DirectTest | null {
  const { offsets } = parts.text;
  const postings = (matches: readonly WordMatches[]): number =>
    matches.reduce((sum, match) => sum + match.words.reduce((count, word) => count + offsets[word + 1]! - offsets[word]!, 0), 0);
  if (Math.min(...textTerms.map(postings)) < passageCount / 4) return null;
  const needles: Array<Array<(text: string) => boolean>> = [];
  let scoreSum = 0;
  for (const term of positive) {
    const alternatives: Array<(text: string) => boolean> = [];
    let lowest = Number.POSITIVE_INFINITY;
    for (const alternative of term) {
      const { kind, literal } = alternative;
      const lower = literal.toLowerCase();
      if (kind !== 'fuzzy') {
        // Fuse.js matches an anchored term in the text only at its start or end (as the filters do).
        alternatives.push(caselessTest(lower, placementOf(alternative)));
        lowest = 0;
        continue;
      }
      if (/\s/.test(lower) || maxErrors(lower.length, THRESHOLD) > 0) return null;
      // One character matches only doubled (see prefilter.matchWords); Fuse.js floors scores at 0.001.
      alternatives.push(caselessTest(lower.length === 1 ? lower + lower : lower, 'anywhere'));
      lowest = Math.min(lowest, 0.001);
    }
    needles.push(alternatives);
    scoreSum += lowest;
  }
  return {
    holds: (text) => needles.every((alternatives) => alternatives.some((holds) => holds(text))),
    mean: scoreSum / positive.length,
  };
}

const HOLDS = 1;
const FAILS = 2;

/** The passages whose text may match `positive`, by the cheaper of a text test and the prefilter's list. */
export function* candidateSetOf(
  parts: IndexParts,
  passages: readonly Passage[],
  positive: readonly QueryTerm[],
  textTerms: readonly WordMatches[][],
): Steps<CandidateSet> {
  const direct = directTest(parts, passages.length, positive, textTerms);
  if (direct) {
    // Checking the passage text itself is cheaper than collecting most of the corpus as candidates.
    // The walk asks about a passage more than once (its document's run, then the shortest-first order): test each once.
    const known = new Int8Array(passages.length);
    const has = (id: number): boolean => {
      if (known[id] === 0) known[id] = direct.holds(passages[id]!.text) ? HOLDS : FAILS;
      return known[id] === HOLDS;
    };
    return { has, ids: [], lowestOf: () => direct.mean, mean: direct.mean, uniform: true };
  }
  const candidates = yield* candidatesOf(parts.text, textTerms);
  const marked = new Uint8Array(passages.length);
  const lowest = new Float64Array(passages.length);
  for (let i = 0; i < candidates.ids.length; i++) {
    marked[candidates.ids[i]!] = 1;
    lowest[candidates.ids[i]!] = candidates.lowestScores[i]!;
  }
  const mean = candidates.lowestScores[0];
  // A short term ("c", "19") makes most passages candidates, all with the same mean.
  const uniform = mean !== undefined && candidates.ids.length > passages.length / 8 && candidates.lowestScores.every((score) => score === mean);
  return { has: (id) => marked[id] === 1, ids: candidates.ids, lowestOf: (id) => lowest[id]!, mean, uniform };
}

/**
 * Documents with a bound each: a Map's interface over an array indexed by document, as a short
 * term can bound every document and the search asks about each passage's.
 */
export class DocumentBounds {
  /** Each document's bound; NaN where it has none. */
  private readonly bounds: Float64Array;

  constructor(documentCount: number) {
    this.bounds = new Float64Array(documentCount).fill(Number.NaN);
  }

  get documentCount(): number {
    return this.bounds.length;
  }

  has(document: number): boolean {
    return !Number.isNaN(this.bounds[document]!);
  }

  get(document: number): number | undefined {
    const bound = this.bounds[document]!;
    return Number.isNaN(bound) ? undefined : bound;
  }

  set(document: number, bound: number): void {
    this.bounds[document] = bound;
  }
}

/**
 * Lower bounds of the title-and-source factor of every document whose title or source id may
 * match the query on its own (Fuse.js scores those documents' passages through it); null when
 * the prefilter cannot bound a term there.
 */
export function* documentBounds(words: WordLookup, parts: IndexParts, scorer: FuseScorer, positive: readonly QueryTerm[]): Steps<DocumentBounds | null> {
  const titleTerms = yield* words.termsFor('titles', positive);
  const sourceTerms = yield* words.termsFor('sources', positive);
  if (titleTerms === null || sourceTerms === null) return null;
  const bounds = new DocumentBounds(parts.titles.size);
  const fields = [
    { candidates: yield* candidatesOf(parts.titles, titleTerms), key: TITLE_KEY, weight: TITLE_WEIGHT },
    { candidates: yield* candidatesOf(parts.sources, sourceTerms), key: SOURCE_KEY, weight: SOURCE_WEIGHT },
  ];
  const anchorsHold = anchorTest(positive);
  for (const { candidates, key, weight } of fields) {
    const factors = new KeyFactors(weight);
    for (let i = 0; i < candidates.ids.length; i++) {
      if (i % WALK_SLICE === WALK_SLICE - 1) yield;
      const document = candidates.ids[i]!;
      const norm = scorer.documentNorm(document, key);
      if (Number.isNaN(norm) || (anchorsHold && !anchorsHold(scorer.documentValue(document, key)))) continue;
      bounds.set(document, (bounds.get(document) ?? 1) * factors.of(candidates.lowestScores[i]!, norm) * BOUND_MARGIN);
    }
  }
  return bounds;
}

/** Anchored terms (^start, end$) hold in a field only at its start or end: a word index cannot tell. Null when there are none. */
function anchorTest(positive: readonly QueryTerm[]): ((value: string) => boolean) | null {
  const anchored = positive.filter((term) => term.every(({ kind }) => kind === 'prefix' || kind === 'suffix'));
  if (anchored.length === 0) return null;
  const tests = anchored.map((term) => term.map(({ kind, literal }) => caselessTest(literal.toLowerCase(), kind === 'prefix' ? 'start' : 'end')));
  return (value) => tests.every((alternatives) => alternatives.some((holds) => holds(value)));
}

/**
 * The best mean term score of a passage the prefilter did not propose: only a fuzzy term
 * spanning two words ("corona virus" for "coronavirus") can match it, at a cost of at least one
 * edit, so a term of m characters scores 1/m or worse. Null when no term can.
 */
export function straddleMean(positive: readonly QueryTerm[]): number | null {
  const straddlers = positive.filter((term) => term.some(({ kind, literal }) => kind === 'fuzzy' && !/\s/.test(literal) && maxErrors(literal.length, THRESHOLD) > 0));
  if (straddlers.length === 0) return null;
  return Math.min(...straddlers.map((term) => 1 / Math.max(...term.map(({ literal }) => literal.length)))) / positive.length;
}
