/**
 * Search results for the query being typed. The search runs in slices of a few milliseconds
 * after the keystroke has been drawn (core/slices.ts), so a key pressed meanwhile is handled at
 * once, and the search it makes stale is dropped, not finished. A keystroke asks only for a
 * screenful (the best-first index answers that in a few milliseconds even on 20,000 articles);
 * the longer list follows once typing pauses.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { useMemo } from 'react';
import type { PassageIndex, SearchHit } from '../../core/searchIndex.js';
import { runInSlices } from '../../core/slices.js';
import type { Passage } from '../../core/types.js';
import { useSlicedJob, type SlicedJob } from './useSlicedJob.js';

/** Results addressed by position, so an empty query can list a whole corpus without copying it. */
export interface ResultList {
  length: number;
  at(index: number): SearchHit | undefined;
}

export interface SearchState {
  results: ResultList;
  /** The query these results answer (lags the typed query while a search is pending). */
  answered: string;
  error: string | null;
  /** The list stopped at its limit: more passages match. */
  more: boolean;
}

export const RESULT_LIMIT = 500;
/** Results computed on every keystroke: more than a tall terminal shows. */
export const FIRST_PAGE = 60;
/** The full list waits for a pause in typing this long, so it never delays a key. */
const FULL_LIST_DELAY_MS = 150;

function browseAll(passages: readonly Passage[]): ResultList {
  return {
    length: passages.length,
    at: (index) => {
      const passage = passages[index];
      return passage ? { passage, score: 0, matches: [] } : undefined;
    },
  };
}

function listOf(hits: readonly SearchHit[]): ResultList {
  return { length: hits.length, at: (index) => hits[index] };
}

/** The first screenful, published; then, after a pause in typing, the full list. */
function searchJob(index: PassageIndex, query: string): SlicedJob<SearchState> {
  return async (signal, publish) => {
    const run = async (limit: number): Promise<SearchState | null> => {
      const hits = await runInSlices(index.searchSteps(query, { limit }), { signal });
      return hits && { results: listOf(hits), answered: query, error: null, more: hits.length >= limit };
    };
    const firstPage = await run(FIRST_PAGE);
    if (!firstPage?.more) return firstPage;
    publish(firstPage);
    await delay(FULL_LIST_DELAY_MS, undefined, { signal });
    return run(RESULT_LIMIT);
  };
}

/** `index`: null while it is being built (every passage is listed meanwhile). */
export function useSearch(index: PassageIndex | null, passages: readonly Passage[], query: string): SearchState {
  const browse = useMemo(() => browseAll(passages), [passages]);
  const blank = query.trim() === '';
  const job = useMemo(() => (index && !blank ? searchJob(index, query) : null), [index, blank, query]);
  const { value, error, current } = useSlicedJob(job);
  if (blank) return { results: browse, answered: index ? query : '', error: null, more: false };
  // A refused query is said until the next answer; while that is pending, it answers no query typed now.
  if (error) return { results: listOf([]), answered: current ? query : '', error: error.message, more: false };
  return value ?? { results: browse, answered: '', error: null, more: false };
}
