/**
 * A value of the workspace that is shown while it is made (core/partialJob.ts): the claims map,
 * the quote index. Its build starts the first time `needed` holds and goes on as useShared's (in
 * the background while `needed` no longer holds).
 */
import { useMemo, useState } from 'react';
import type { PartialJob } from '../../core/partialJob.js';
import { useBackground, useSlicedJob, type SlicedJob } from './useSlicedJob.js';

/** The finished value, or the latest unfinished one. */
export type Watched<T, P> = { done: T; partial: null } | { done: null; partial: P };

interface Answer<T, P> {
  job: PartialJob<T, P>;
  watched: Watched<T, P>;
}

/** The build of `job` as a sliced job that also answers with each unfinished value, the latest one first. */
function watch<T, P>(job: PartialJob<T, P>, background: () => boolean): SlicedJob<Answer<T, P>> {
  return (signal, publish) => {
    const stop = job.onPartial((partial) => publish({ job, watched: { done: null, partial } }));
    const latest = job.partial;
    if (latest) publish({ job, watched: { done: null, partial: latest } });
    return job
      .get(signal, { background })
      .then((done) => (done === null ? null : { job, watched: { done, partial: null } }))
      .finally(stop);
  };
}

/** `shared` finished, or unfinished while it is made; null until its first unfinished value. */
export function usePartialJob<T, P>(shared: PartialJob<T, P>, needed: boolean): Watched<T, P> | null {
  const [asked, setAsked] = useState<PartialJob<T, P> | null>(null);
  if (needed && asked !== shared) setAsked(shared);
  const background = useBackground(needed);
  const job = useMemo(() => (asked === shared && shared.value === undefined ? watch(shared, background) : null), [asked, shared, background]);
  const { value } = useSlicedJob(job);
  const done = shared.value;
  // An earlier job's answer (another story's map) stays in the state until this one's first.
  const partial = value !== null && value.job === shared ? value.watched.partial : null;
  return useMemo(() => (done !== undefined ? { done, partial: null } : partial !== null ? { done: null, partial } : null), [done, partial]);
}
