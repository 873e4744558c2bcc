/**
 * What a search returns, and how hits are collected: the best `limit` so far in Fuse.js's order,
 * filled a slice of Fuse.js calls at a time.
 */
import type { Range } from '../ranges.js';
import type { Steps } from '../slices.js';
import type { Passage } from '../types.js';

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

/** What a search scores passages with: the Fuse.js query, and the words that highlight a huge passage. */
export interface Scoring {
  fuseQuery: string;
  highlights: readonly string[];
  /** Bitap passes per passage scored (see query.bitapPasses). */
  passes: number;
}

/**
 * Work done by an index's searches so far, for tests that bound it: passages scored by Fuse.js,
 * and Bitap passes over them (a passage against one 32-character chunk of a fuzzy term).
 */
export interface SearchWork {
  scored: number;
  bitapPasses: number;
  /** Documents matched by title or source whose passages the best-first search queued. */
  documentsOpened: number;
}

/** Records per Fuse.js call between two pauses of a search (a few milliseconds of scoring). */
export const SCORE_SLICE = 256;
/** Queue steps, candidates or passages walked between two pauses of a search. */
export const WALK_SLICE = 4096;

/** The best `limit` hits so far, kept sorted as Fuse.js sorts: by score, then by passage id. */
export class BestHits {
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

export interface SliceScorer {
  /** The passages `ids` that match, scored; the others are left out. */
  scoreSlice(scoring: Scoring, ids: readonly number[]): SearchHit[];
}

/** Scores passages `ids` into `best`, a slice per pause, counting the work in `work`. */
export function* scoreIds(scorer: SliceScorer, work: SearchWork, scoring: Scoring, ids: readonly number[], best: BestHits): Steps<void> {
  for (let start = 0; start < ids.length; start += SCORE_SLICE) {
    const slice = ids.slice(start, start + SCORE_SLICE);
    work.scored += slice.length;
    work.bitapPasses += slice.length * scoring.passes;
    for (const hit of scorer.scoreSlice(scoring, slice)) best.keep(hit);
    yield;
  }
}

/** Hits whose own text matches first, each group in score order (a stable partition). */
export function textFirst(hits: readonly SearchHit[]): SearchHit[] {
  return [...hits.filter((hit) => hit.titleOnly !== true), ...hits.filter((hit) => hit.titleOnly === true)];
}
