/**
 * One query's search asked for its best hits more than once (the rows on screen, then the whole
 * list): each longer list goes on from the work of the shorter ones instead of starting over.
 */
import type { Steps } from '../slices.js';
import type { RankedSearch } from './boundedSearch.js';
import { textFirst, type SearchHit } from './hits.js';
import { furthestFetch, LOOK_FURTHER_FACTOR, lookFurther } from './narrowing.js';

/** Steps that pause once, then give `compute()`'s value (a search done in one call). */
export function* oneStep<T>(compute: () => T): Steps<T> {
  yield;
  return compute();
}

export class ContinuedSearch {
  /** Set once the query's candidates and bounds are known (the first call's setup). */
  private ranked: RankedSearch | null = null;

  constructor(
    readonly query: string,
    private readonly open: () => Steps<RankedSearch>,
  ) {}

  /**
   * The best `limit` hits, those whose own text matches first. Hits that match only their
   * document's title rank after them, so while those fill the list it looks further down (see
   * lookFurther), by raising the same search's limit.
   */
  *top(limit: number): Steps<SearchHit[]> {
    // A setup dropped half way is started again: nothing of it was kept.
    this.ranked ??= yield* this.open();
    const ranked = this.ranked;
    if (Number.isFinite(limit) && ranked.textUpTo) {
      // The list below is the best `limit` text hits whenever the last of them is within the
      // furthest it looks in Fuse.js's order (it then stops there or sooner with `limit` text
      // hits): found directly, without ranking the title-only hits below them.
      const text = yield* ranked.textUpTo(limit);
      if (text.hits.length === limit && limit + text.titleOnlyBefore <= furthestFetch(limit)) return text.hits;
    }
    let fetched = limit;
    let hits = yield* ranked.upTo(fetched);
    while (lookFurther(hits, fetched, limit)) {
      fetched *= LOOK_FURTHER_FACTOR;
      hits = yield* ranked.upTo(fetched);
    }
    return textFirst(hits).slice(0, limit);
  }
}
