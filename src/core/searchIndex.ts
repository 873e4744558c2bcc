/**
 * The passage index: Fuse.js over every passage, with fzf's extended syntax
 * ('exact, ^prefix, suffix$, !not, a | b, space = AND) and typo-tolerant fuzzy terms.
 */
import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import { compileQuery, parseQuery, passesFilters } from './query.js';
import type { Corpus, Passage } from './types.js';

/** What Fuse.js sees of a passage. */
export interface PassageRecord {
  text: string;
  title: string;
  source: string;
}

/** A half-open [start, end) character range: text.slice(start, end) is the matched part. */
export type Range = [number, number];

export interface SearchHit {
  passage: Passage;
  /** Fuse.js score: 0 is a perfect match, 1 no match at all. */
  score: number;
  /** Matched ranges in passage.text, sorted and merged. */
  matches: Range[];
}

export interface SearchOptions {
  limit?: number;
  /** Only passages from these source ids. */
  sources?: readonly string[];
}

export const FUSE_OPTIONS: IFuseOptions<PassageRecord> = {
  keys: [
    { name: 'text', weight: 3 },
    { name: 'title', weight: 1 },
    { name: 'source', weight: 0.5 },
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
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export class PassageIndex {
  private readonly fuse: Fuse<PassageRecord>;

  constructor(private readonly corpus: Corpus) {
    const titles = new Map(corpus.documents.map((document) => [document.source, document.title]));
    const records = corpus.passages.map((passage) => recordOf(passage, titles.get(passage.source) ?? ''));
    this.fuse = new Fuse(records, FUSE_OPTIONS);
  }

  /** Passages matching `query`, best first. Throws QueryError for a query it refuses. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const compiled = compileQuery(terms);
    const sources = options.sources && options.sources.length > 0 ? new Set(options.sources) : null;
    const accept = (passage: Passage): boolean =>
      (!sources || sources.has(passage.source)) && passesFilters(passage.text, compiled.filters);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const hits: SearchHit[] = [];

    if (compiled.fuse === null) {
      // Only exclusions: every passage that survives them, in corpus order.
      for (const passage of this.corpus.passages) {
        if (hits.length >= limit) break;
        if (accept(passage)) hits.push({ passage, score: 0, matches: [] });
      }
      return hits;
    }
    const filtered = sources !== null || compiled.filters.length > 0;
    const results = this.fuse.search(compiled.fuse, filtered || !Number.isFinite(limit) ? undefined : { limit });
    for (const result of results) {
      if (hits.length >= limit) break;
      const passage = this.corpus.passages[result.refIndex]!;
      if (accept(passage)) hits.push({ passage, score: result.score ?? 0, matches: matchRanges(result) });
    }
    return hits;
  }
}
