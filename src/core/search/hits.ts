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

/**
 * The best `limit` hits so far, kept sorted as Fuse.js sorts: by score, then by passage id. With
 * `retainAll`, the hits pushed out are kept aside, so that the limit can be raised later (a search
 * asked for more hits goes on instead of scoring its passages again).
 */
export class BestHits {
  private readonly sorted: SearchHit[] = [];
  /** Hits beyond the limit, in no order (only when retaining them). */
  private beyond: SearchHit[] = [];

  constructor(
    private limitNow: number,
    private readonly retainAll = false,
  ) {}

  get limit(): number {
    return this.limitNow;
  }

  /** The best `limit` hits, best first. */
  get hits(): SearchHit[] {
    return this.sorted;
  }

  get full(): boolean {
    return this.sorted.length >= this.limitNow;
  }

  /** The hit a better one would push out, once the list is full. */
  get worst(): SearchHit | undefined {
    return this.full ? this.sorted[this.sorted.length - 1] : undefined;
  }

  keep(hit: SearchHit): void {
    const hits = this.sorted;
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = hits[middle]!;
      if (other.score < hit.score || (other.score === hit.score && other.passage.id < hit.passage.id)) low = middle + 1;
      else high = middle;
    }
    if (low >= this.limitNow) {
      if (this.retainAll) this.beyond.push(hit);
      return;
    }
    hits.splice(low, 0, hit);
    if (hits.length > this.limitNow) {
      const pushedOut = hits.pop()!;
      if (this.retainAll) this.beyond.push(pushedOut);
    }
  }

  /** Keeps the best `limit` from now on, the hits kept aside included (only raises it). */
  raiseLimit(limit: number): void {
    if (limit <= this.limitNow) return;
    this.limitNow = limit;
    if (this.beyond.length === 0) return;
    const aside = this.beyond;
    this.beyond = [];
    for (const hit of aside.sort(fuseOrder)) this.keep(hit);
  }
}

/** Fuse.js's order: score, then passage id. */
function fuseOrder(a: SearchHit, b: SearchHit): number {
  return a.score - b.score || a.passage.id - b.passage.id;
}

export interface SliceScorer {
  /** The passages `ids` that match, scored; the others are left out. */
  scoreSlice(scoring: Scoring, ids: readonly number[]): SearchHit[];
}

/** Where scored hits go (a BestHits, or several). */
export interface HitSink {
  keep(hit: SearchHit): void;
}

/** Scores passages `ids` into `best`, a slice per pause, counting the work in `work`. */
export function* scoreIds(scorer: SliceScorer, work: SearchWork, scoring: Scoring, ids: readonly number[], best: HitSink): Steps<void> {
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
