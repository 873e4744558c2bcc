/**
 * Search results for the query being typed, drawn in the key's own frame: the first screenful is
 * searched during the key's render for a few milliseconds (the best-first index answers it that
 * fast even on 20,000 articles), so the typed letter, the rows it settles on and the preview
 * arrive together. A query that only added terms to a complete earlier answer is answered by
 * rescoring those hits (core/search/narrowing.ts): the whole list at once. Otherwise the longer
 * list follows in slices (core/slices.ts) and its frame changes only the count ("60+" to "500+");
 * a key pressed meanwhile is handled at once and the search it makes stale is dropped. A first
 * page that takes longer than the key's budget goes on in slices too.
 */
import { useMemo, useState } from 'react';
import { isBlankQuery, QueryError } from '../../core/query.js';
import { TypedSearch } from '../../core/search/typedSearch.js';
import type { PassageIndex, SearchHit } from '../../core/searchIndex.js';
import { runInSlices, type Steps } from '../../core/slices.js';
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
/** Results computed on every keystroke when the caller does not say how many rows it shows. */
export const FIRST_PAGE = 60;
/** How long a key's render may search: found within it, the key's one frame shows its results. */
const IN_FRAME_MS = 60;
/** Pauses of work a key's render always runs, however long they take: a small corpus is always answered in the frame. */
const IN_FRAME_STEPS = 8;

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

function stateOf(query: string, hits: readonly SearchHit[], limit: number): SearchState {
  return { results: listOf(hits), answered: query, error: null, more: hits.length >= limit };
}

/** Runs `steps` until they end, or past IN_FRAME_STEPS pauses once `budgetMs` have gone by: their result, or null to go on with later. */
function runWithin<T>(steps: Steps<T>, budgetMs: number): { value: T } | null {
  const started = performance.now();
  for (let pauses = 0; ; pauses++) {
    const step = steps.next();
    if (step.done) return { value: step.value };
    if (pauses >= IN_FRAME_STEPS && performance.now() - started >= budgetMs) return null;
  }
}

/** A query's search as its key's render left it: what to show now, and the steps still to run. */
interface Started {
  query: string;
  /** Shown in the key's frame; null when the frame had no time to find it. */
  answer: SearchState | null;
  /** Steps still to run, for `restLimit` hits; null when `answer` is final. */
  rest: Steps<SearchHit[]> | null;
  restLimit: number;
  error: QueryError | null;
}

/** A key's search: the whole list rescored from the last complete answer when that is the same answer, else the first page afresh (exported for scripts/bench/keyCpu.ts). */
export function keySteps(session: TypedSearch, query: string, firstPage: number): { steps: Steps<SearchHit[]>; limit: number } {
  const narrowed = session.narrowed(query, RESULT_LIMIT);
  return narrowed ? { steps: narrowed, limit: RESULT_LIMIT } : { steps: session.fresh(query, firstPage), limit: firstPage };
}

/** Searches `query` for up to IN_FRAME_MS: the whole list when narrowing an earlier answer, else the first page and, time left, the whole list. */
function startSearch(session: TypedSearch, query: string, firstPage: number): Started {
  const started = performance.now();
  try {
    const { steps, limit } = keySteps(session, query, firstPage);
    const done = runWithin(steps, IN_FRAME_MS);
    if (!done) return { query, answer: null, rest: steps, restLimit: limit, error: null };
    const answer = stateOf(query, done.value, limit);
    if (!answer.more || limit === RESULT_LIMIT) return { query, answer, rest: null, restLimit: limit, error: null };
    const whole = session.fresh(query, RESULT_LIMIT);
    const wholeDone = runWithin(whole, IN_FRAME_MS - (performance.now() - started));
    if (wholeDone) return { query, answer: stateOf(query, wholeDone.value, RESULT_LIMIT), rest: null, restLimit: RESULT_LIMIT, error: null };
    return { query, answer, rest: whole, restLimit: RESULT_LIMIT, error: null };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { query, answer: { results: listOf([]), answered: query, error: error.message, more: false }, rest: null, restLimit: 0, error };
  }
}

/**
 * The rest of a started search, in slices: the first page when the frame had no time for it, then
 * the whole list. None when the key's frame found the whole answer: a job answering at once made
 * a second render of the same screen, a full frame of Ink's for nothing.
 */
function searchJob(session: TypedSearch, { query, answer, rest, restLimit, error }: Started): SlicedJob<SearchState> | null {
  if (!rest && !error) return null;
  return async (signal, publish) => {
    if (error) throw error;
    if (!rest) return answer;
    const hits = await runInSlices(rest, { signal });
    if (!hits) return null;
    const latest = stateOf(query, hits, restLimit);
    if (restLimit === RESULT_LIMIT || !latest.more) return latest;
    publish(latest);
    const whole = await runInSlices(session.fresh(query, RESULT_LIMIT), { signal });
    return whole && stateOf(query, whole, RESULT_LIMIT);
  };
}

/**
 * Typing run once, unseen, as soon as the index is ready and nothing is typed: V8 compiles the
 * search's code on its first runs, which made the first letters typed after start take several
 * times as long as the next ones. Plain letters, words and an exact term, grown letter by letter
 * as a user types (so narrowing runs too); nothing about any corpus.
 */
const WARM_UP_TYPING = ['the', 'that was', "'said"];
const warmedIndexes = new WeakSet<PassageIndex>();

function warmUpJob(index: PassageIndex): SlicedJob<PassageIndex> {
  return async (signal) => {
    for (const typed of WARM_UP_TYPING) {
      const session = new TypedSearch(index);
      for (let length = 1; length <= typed.length; length++) {
        if ((await runInSlices(keySteps(session, typed.slice(0, length), FIRST_PAGE).steps, { signal })) === null) return null;
      }
    }
    warmedIndexes.add(index);
    return index;
  };
}

/**
 * `index` once its search is warm (see WARM_UP_TYPING), null until then, so that the query line
 * can say search is not ready yet. A query typed meanwhile stops the warm-up and gets the index
 * at once: answering now beats warming up.
 */
export function useWarmIndex(index: PassageIndex | null, query: string): PassageIndex | null {
  const blank = isBlankQuery(query);
  const job = useMemo(() => (index && blank && !warmedIndexes.has(index) ? warmUpJob(index) : null), [index, blank]);
  // The job's end (it marks the index warmed) is what draws the pane again.
  useSlicedJob(job);
  return index && (!blank || warmedIndexes.has(index)) ? index : null;
}

/**
 * `index`: null while it is being built or warmed (every passage is listed meanwhile; see
 * useWarmIndex). `firstPage`: the rows on screen; the best-first search stops as soon as they are certain.
 */
export function useSearch(index: PassageIndex | null, passages: readonly Passage[], query: string, firstPage = FIRST_PAGE): SearchState {
  const browse = useMemo(() => browseAll(passages), [passages]);
  const blank = isBlankQuery(query);
  const session = useMemo(() => (index ? new TypedSearch(index) : null), [index]);
  // Searched while the key renders, so that its one frame shows the results.
  const started = useMemo(() => (session && !blank ? startSearch(session, query, Math.max(1, Math.min(firstPage, RESULT_LIMIT))) : null), [session, blank, query, firstPage]);
  const job = useMemo(() => (session && started ? searchJob(session, started) : null), [session, started]);
  const { value, error, current } = useSlicedJob(job);
  // The last answer a key's frame found whole (it made no job), kept up while a later key's
  // search goes on after its frame; set while rendering, so it costs no frame of its own.
  // `valueThen`: the job's answer when it was found; a later one from a job is the newer.
  const [lastWhole, setLastWhole] = useState<{ answer: SearchState; valueThen: SearchState | null } | null>(null);
  const whole = started && !started.rest && !started.error ? started.answer : null;
  if (whole && whole !== lastWhole?.answer) setLastWhole({ answer: whole, valueThen: value });
  if (blank) return { results: browse, answered: index ? query : '', error: null, more: false };
  if (started?.error) return started.answer ?? { results: listOf([]), answered: query, error: started.error.message, more: false };
  if (whole) return whole;
  // The job's latest answer for this query (the whole list) refines the one found in the frame.
  if (value?.answered === query && !error) return value;
  if (started?.answer) return started.answer;
  // A refused query is said until the next answer; while that is pending, it answers no query typed now.
  if (error) return { results: listOf([]), answered: current ? query : '', error: error.message, more: false };
  const latest = lastWhole && lastWhole.valueThen === value ? lastWhole.answer : value;
  return latest ?? { results: browse, answered: '', error: null, more: false };
}
