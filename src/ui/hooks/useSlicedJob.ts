/**
 * The one way a pane runs work that takes long: a job that pauses (core/slices.ts), started when
 * the job changes and stopped when it changes again or the pane goes away. An index of the
 * workspace, a search for the query typed: each is a job, its answer state.
 *
 * Only a query the syntax refuses (QueryError) is an answer too (`error`); anything else a job
 * throws is a bug, thrown on into the workbench, which ends and says so (ui/run.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import { QueryError } from '../../core/query.js';
import type { SharedJob } from '../../core/slices.js';
import { useLatest } from './useLatest.js';

/**
 * Work that stops once `signal` aborts (resolving to null or rejecting; either is dropped), and
 * may `publish` a first answer before its last (the first screenful of results).
 */
export type SlicedJob<T> = (signal: AbortSignal, publish: (value: T) => void) => Promise<T | null>;

export interface JobState<T> {
  /** The latest answer, though it may be an earlier job's (a list stays up while the next is found). */
  value: T | null;
  /** `value` (or `error`) answers the job asked for now, and that job is finished. */
  current: boolean;
  /** The query the syntax refused, when the latest job to answer failed on it (`value` is then an earlier answer). */
  error: QueryError | null;
}

interface Answer<T> {
  job: SlicedJob<T>;
  value: T | null;
  error: QueryError | null;
  done: boolean;
}

/**
 * A shared value of the workspace as a job: built in slices, shared with every other pane waiting
 * for it; in the background (giving way to the visible pane's work) while `background` holds.
 */
export function jobOf<T>(shared: SharedJob<T>, background?: () => boolean): SlicedJob<T> {
  return (signal) => shared.get(signal, background ? { background } : {});
}

/** Runs `job` (none: nothing to do yet); keep its identity stable (useMemo) or it runs on every render. */
export function useSlicedJob<T>(job: SlicedJob<T> | null): JobState<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  useEffect(() => {
    if (!job) return;
    const controller = new AbortController();
    const { signal } = controller;
    const publish = (value: T): void => {
      if (!signal.aborted) setAnswer({ job, value, error: null, done: false });
    };
    job(signal, publish).then(
      (value) => {
        if (value !== null && !signal.aborted) setAnswer({ job, value, error: null, done: true });
      },
      (error: unknown) => {
        // A stopped job may end in an aborted wait: that is its normal end.
        if (signal.aborted) return;
        if (error instanceof QueryError) setAnswer((previous) => ({ job, value: previous?.value ?? null, error, done: true }));
        else
          setAnswer(() => {
            throw error;
          });
      },
    );
    return () => controller.abort();
  }, [job]);
  const current = answer !== null && answer.job === job && answer.done;
  return { value: answer?.value ?? null, current, error: answer?.error ?? null };
}

/**
 * A value of the workspace (an index, the comparer, a claims map) once built; its build starts
 * the first time `needed` holds, and then goes on until it is done, whether or not it is still
 * needed (a pane left keeps its index coming, in the background), unless the pane goes away.
 */
export function useShared<T>(shared: SharedJob<T>, needed: boolean): T | null {
  const [asked, setAsked] = useState<SharedJob<T> | null>(null);
  if (needed && asked !== shared) setAsked(shared);
  const background = useBackground(needed);
  const job = useMemo(() => (asked === shared && shared.value === undefined ? jobOf(shared, background) : null), [asked, shared, background]);
  useSlicedJob(job);
  return shared.value ?? null;
}

/** A stable test of whether a build asked for by a pane runs in the background now: while `needed` no longer holds. */
export function useBackground(needed: boolean): () => boolean {
  const neededLatest = useLatest(needed);
  const [inBackground] = useState(() => () => !neededLatest.current);
  return inBackground;
}
