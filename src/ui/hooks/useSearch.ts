/**
 * Search results for the query being typed. The search runs in slices of a few milliseconds
 * after the keystroke has been drawn (core/slices.ts), so a key pressed meanwhile is handled at
 * once, and the search it makes stale is dropped, not finished. A keystroke asks only for a
 * screenful (the best-first index answers that in a few milliseconds even on 20,000 articles);
 * the longer list follows once typing pauses.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { useEffect, useMemo, useState } from 'react';
import type { PassageIndex, SearchHit } from '../../core/searchIndex.js';
import { runInSlices } from '../../core/slices.js';
import type { Passage } from '../../core/types.js';

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

export function useSearch(index: PassageIndex | null, passages: readonly Passage[], query: string): SearchState {
  const browse = useMemo(() => browseAll(passages), [passages]);
  const [state, setState] = useState<SearchState>({ results: browse, answered: '', error: null, more: false });
  // An empty query lists every passage: no search to wait for, so set while rendering.
  const browsing = index !== null && query.trim() === '';
  if (browsing && (state.results !== browse || state.answered !== query || state.error !== null || state.more)) {
    setState({ results: browse, answered: query, error: null, more: false });
  }
  useEffect(() => {
    if (!index || query.trim() === '') return;
    const controller = new AbortController();
    const { signal } = controller;
    /** The search's answer, or null once a newer query has replaced it. */
    const run = async (limit: number): Promise<SearchState | null> => {
      try {
        const hits = await runInSlices(index.searchSteps(query, { limit }), { signal });
        return hits && { results: listOf(hits), answered: query, error: null, more: hits.length >= limit };
      } catch (error) {
        return { results: listOf([]), answered: query, error: error instanceof Error ? error.message : String(error), more: false };
      }
    };
    const answer = async (): Promise<void> => {
      const firstPage = await run(FIRST_PAGE);
      if (!firstPage || signal.aborted) return;
      setState(firstPage);
      if (!firstPage.more) return;
      await delay(FULL_LIST_DELAY_MS, undefined, { signal });
      const fullList = await run(RESULT_LIMIT);
      if (fullList && !signal.aborted) setState(fullList);
    };
    // An aborted wait rejects: that is the normal end of a stale search.
    answer().catch(() => undefined);
    return () => controller.abort();
  }, [index, browse, query]);
  return state;
}
