/**
 * The searches of a query being typed, one after another on one index: each answers from the
 * last complete answer when the query only added terms to it (narrowing.ts), otherwise afresh;
 * a longer list for the same query goes on from the shorter one's search (continuedSearch.ts).
 */
import type { Steps } from '../slices.js';
import type { ContinuedSearch } from './continuedSearch.js';
import type { SearchHit } from './hits.js';
import type { CompleteAnswer } from './narrowing.js';
import type { PassageIndex } from './passageIndex.js';

export class TypedSearch {
  /** The latest answer that held every passage its query matched. */
  private complete: CompleteAnswer | null = null;
  /** The search of the latest query asked afresh, to go on with when more of its hits are asked for. */
  private latest: ContinuedSearch | null = null;

  constructor(readonly index: PassageIndex) {}

  /**
   * Steps to the best `limit` hits for `query` from the last complete answer, when that is the
   * same answer (it rescores a few hundred hits at most); null otherwise. Throws QueryError for a
   * query the syntax refuses.
   */
  narrowed(query: string, limit: number): Steps<SearchHit[]> | null {
    const steps = this.complete && this.index.narrowedSteps(this.complete, query, { limit });
    return steps ? this.keep(query, limit, steps) : null;
  }

  /** Steps to the best `limit` hits for `query`, over the whole index (going on from the last search of the same query). */
  fresh(query: string, limit: number): Steps<SearchHit[]> {
    if (this.latest?.query !== query) this.latest = this.index.continuedSearch(query);
    return this.keep(query, limit, this.latest.top(limit));
  }

  /** `steps`, keeping their answer for the next query when it holds every match. */
  private *keep(query: string, limit: number, steps: Steps<SearchHit[]>): Steps<SearchHit[]> {
    const hits = yield* steps;
    if (hits.length < limit) this.complete = { query, hits };
    return hits;
  }
}
