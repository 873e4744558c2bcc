/**
 * Search results for the query being typed. The search runs after the keystroke has been drawn,
 * and a newer keystroke cancels a search that has not started, so typing never waits on it.
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
}

export const RESULT_LIMIT = 500;

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
  const [state, setState] = useState<SearchState>({ results: browse, answered: '', error: null });
  useEffect(() => {
    if (!index) return;
    if (query.trim() === '') {
      setState({ results: browse, answered: query, error: null });
      return;
    }
    const timer = setTimeout(() => {
      try {
        setState({ results: listOf(index.search(query, { limit: RESULT_LIMIT })), answered: query, error: null });
      } catch (error) {
        setState({ results: listOf([]), answered: query, error: error instanceof Error ? error.message : String(error) });
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [index, browse, query]);
  return state;
}
