/**
 * Search results for the query being typed. The search runs after the keystroke has been drawn,
 * and a newer keystroke cancels a search that has not started, so typing never waits on it.
 * A keystroke asks only for a screenful (the best-first index answers that in a few
 * milliseconds even on 20,000 articles); the longer list follows once typing pauses.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PassageIndex, SearchHit } from '../../core/searchIndex.js';
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
  useEffect(() => {
    if (!index) return;
    if (query.trim() === '') {
      setState({ results: browse, answered: query, error: null, more: false });
      return;
    }
    const run = (limit: number): SearchState => {
      try {
        const hits = index.search(query, { limit });
        return { results: listOf(hits), answered: query, error: null, more: hits.length >= limit };
      } catch (error) {
        return { results: listOf([]), answered: query, error: error instanceof Error ? error.message : String(error), more: false };
      }
    };
    let timer = setTimeout(() => {
      const firstPage = run(FIRST_PAGE);
      setState(firstPage);
      if (firstPage.more) timer = setTimeout(() => setState(run(RESULT_LIMIT)), FULL_LIST_DELAY_MS);
    }, 0);
    return () => clearTimeout(timer);
  }, [index, browse, query]);
  return state;
}
