/**
 * Search results for the query being typed, from a service that answers over a connection (a
 * PostgreSQL archive, `--db`). Typing never waits: each query is asked in the background, a newer
 * query aborts the one running (its AbortSignal cancels the statement on the server) and only the
 * newest answer is shown. The status says when an answer is slow to come, and when the service
 * cannot be reached (the query is asked again until it answers). The in-memory search, answered in
 * the key's own frame, is useSearch.ts.
 */
import { useEffect, useState } from 'react';
import { isBlankQuery, QueryError } from '../../core/query.js';
import type { SearchHit } from '../../core/search/hits.js';
import { ServiceFailure, type DocumentInfo, type SearchService } from '../../core/searchService.js';
import type { SearchState } from './useSearch.js';

/** The clock the hook waits on: the real one, or a test's. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type ArchiveStatus = { kind: 'idle' } | { kind: 'slow'; seconds: number } | { kind: 'unreachable'; message: string };

export interface ArchiveSearchState extends SearchState {
  /** The documents of the results, by source id. */
  documents: ReadonlyMap<string, DocumentInfo>;
  status: ArchiveStatus;
}

/** Results asked for each query: a few screens' worth (the archive ranks them, best first). */
export const ARCHIVE_RESULT_LIMIT = 100;
/** From this long on, the status says the archive is slow, second by second. */
export const SLOW_AFTER_MS = 1000;
/** A query the service could not answer is asked again after this long. */
export const RETRY_AFTER_MS = 2000;

interface Answer {
  answered: string;
  hits: readonly SearchHit[];
  documents: ReadonlyMap<string, DocumentInfo>;
  error: string | null;
}

const NO_DOCUMENTS: ReadonlyMap<string, DocumentInfo> = new Map();
const IDLE: ArchiveStatus = { kind: 'idle' };

/** What the status line says of the archive, or null when there is nothing to say. */
export function archiveStatusNote(status: ArchiveStatus, ellipsis: string): string | null {
  if (status.kind === 'slow') return `searching the archive${ellipsis} ${status.seconds} s`;
  if (status.kind === 'unreachable') return `archive unreachable: retrying${ellipsis}`;
  return null;
}

export function useArchiveSearch(service: SearchService, query: string, timers: Timers = REAL_TIMERS, limit = ARCHIVE_RESULT_LIMIT): ArchiveSearchState {
  const [answer, setAnswer] = useState<Answer>({ answered: '', hits: [], documents: NO_DOCUMENTS, error: null });
  // Whose status it is: a query's slowness is its own; that the archive is unreachable is said until it answers again.
  const [status, setStatus] = useState<{ query: string; status: ArchiveStatus }>({ query: '', status: IDLE });
  // Bumped to ask the same query again once the service could not answer it.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    // Nothing to ask for a blank query.
    if (isBlankQuery(query)) return;
    const controller = new AbortController();
    const waits = new Set<unknown>();
    const wait = (run: () => void, ms: number): void => {
      const handle = timers.setTimeout(() => {
        waits.delete(handle);
        run();
      }, ms);
      waits.add(handle);
    };
    const stopWaiting = (): void => {
      for (const handle of waits) timers.clearTimeout(handle);
      waits.clear();
    };
    let seconds = Math.round(SLOW_AFTER_MS / 1000);
    const slow = (): void => {
      const slowFor: ArchiveStatus = { kind: 'slow', seconds };
      setStatus((previous) => (previous.status.kind === 'unreachable' ? previous : { query, status: slowFor }));
      seconds++;
      wait(slow, 1000);
    };
    wait(slow, SLOW_AFTER_MS);
    service.search(query, { limit, signal: controller.signal }).then(
      (found) => {
        if (controller.signal.aborted) return;
        stopWaiting();
        setAnswer({ answered: query, hits: found.hits, documents: found.documents, error: null });
        setStatus({ query, status: IDLE });
      },
      (error: unknown) => {
        // Aborted: a newer query runs, and answers for itself.
        if (controller.signal.aborted) return;
        stopWaiting();
        if (error instanceof QueryError) {
          setAnswer({ answered: query, hits: [], documents: NO_DOCUMENTS, error: error.message });
          setStatus({ query, status: IDLE });
        } else if (error instanceof ServiceFailure) {
          setStatus({ query, status: { kind: 'unreachable', message: error.message } });
          wait(() => setAttempt((count) => count + 1), RETRY_AFTER_MS);
        } else {
          // Anything else is a bug: the workbench ends as one.
          setAnswer(() => {
            throw error;
          });
        }
      },
    );
    return () => {
      controller.abort();
      stopWaiting();
    };
  }, [service, query, limit, timers, attempt]);
  const blank = isBlankQuery(query);
  const shown = blank ? { answered: query, hits: [], documents: NO_DOCUMENTS, error: null } : answer;
  const { hits } = shown;
  return {
    results: { length: hits.length, at: (index) => hits[index] },
    answered: shown.answered,
    error: shown.error,
    more: hits.length >= limit,
    documents: shown.documents,
    status: status.status.kind === 'unreachable' || (status.query === query && !blank) ? status.status : IDLE,
  };
}
