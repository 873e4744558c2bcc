/** Searches that look at every passage: a query of exclusions only, and queries the prefilter cannot bound. */
import type { Steps } from '../slices.js';
import type { Passage } from '../types.js';
import type { SearchContext, SearchRequest } from './searchContext.js';
import { BestHits, SCORE_SLICE, scoreIds, WALK_SLICE, type SearchHit } from './hits.js';

/** Only exclusions: every passage that survives them, in corpus order. */
export function* survivingPassages(passages: readonly Passage[], accept: (passage: Passage) => boolean, limit: number): Steps<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (let id = 0; id < passages.length && hits.length < limit; id++) {
    if (accept(passages[id]!)) hits.push({ passage: passages[id]!, score: 0, matches: [], titleOnly: false });
    if (id % WALK_SLICE === WALK_SLICE - 1) yield;
  }
  return hits;
}

/** Every passage through Fuse.js, a slice at a time: for queries the prefilter cannot bound. */
export function* searchEvery(context: SearchContext, request: SearchRequest, limit: number): Steps<SearchHit[]> {
  const { accept, filtered, scoring } = request;
  const { passages, scorer, work } = context;
  const best = new BestHits(limit);
  let ids: number[] = [];
  for (let id = 0; id < passages.length; id++) {
    if (!filtered || accept(passages[id]!)) ids.push(id);
    if (ids.length >= SCORE_SLICE) {
      yield* scoreIds(scorer, work, scoring, ids, best);
      ids = [];
    }
  }
  yield* scoreIds(scorer, work, scoring, ids, best);
  return best.hits;
}
