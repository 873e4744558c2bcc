/**
 * Long computations written as generators that yield at safe points, run either at once or in
 * short slices that give the event loop a turn in between. A search over 20,000 articles can take
 * a tenth of a second; run in slices, a key pressed meanwhile is handled within a slice, and the
 * search it makes stale is dropped instead of finished.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A computation that yields (nothing) whenever it may be paused, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface SliceOptions {
  /** Stops the computation at its next pause; the promise then resolves to null. */
  signal?: AbortSignal;
  /** Longest stretch of work between two turns of the event loop (the work itself decides how finely it can pause). */
  sliceMs?: number;
  /** Called after each slice with its length in milliseconds (the benchmark's measure of how long a key can wait). */
  onSlice?: (milliseconds: number) => void;
  /**
   * While this holds, the run takes no slice as long as another run not in the background is
   * under way: a hidden pane's build gives way to what the visible pane computes (its search,
   * its claims map), and goes on when that is done. Asked at every turn, so it may change.
   */
  background?: () => boolean;
}

/** The runs under way, for a run in the background to see whether another must go first. */
const runsUnderWay = new Set<Pick<SliceOptions, 'background'>>();

function foregroundRunBesides(run: Pick<SliceOptions, 'background'>): boolean {
  for (const other of runsUnderWay) if (other !== run && other.background?.() !== true) return true;
  return false;
}

export const DEFAULT_SLICE_MS = 8;

/**
 * Runs `steps` in slices of about `sliceMs`, starting on the next turn of the event loop (so what
 * the caller just drew reaches the screen first). Resolves to the result, or null once aborted
 * (only a run given a signal can be).
 */
export function runInSlices<T>(steps: Steps<T>, options: SliceOptions & { signal: AbortSignal }): Promise<T | null>;
export function runInSlices<T>(steps: Steps<T>, options?: Omit<SliceOptions, 'signal'>): Promise<T>;
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T | null> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const run = { background: options.background };
  runsUnderWay.add(run);
  try {
    for (;;) {
      await nextTurn();
      if (options.signal?.aborted) return null;
      if (options.background?.() === true && foregroundRunBesides(run)) continue;
      const started = performance.now();
      let elapsed: number;
      do {
        const step = steps.next();
        if (step.done) {
          options.onSlice?.(performance.now() - started);
          return step.value;
        }
        elapsed = performance.now() - started;
      } while (elapsed < sliceMs);
      options.onSlice?.(elapsed);
    }
  } finally {
    runsUnderWay.delete(run);
  }
}

/**
 * A value computed once, on first demand, by steps that pause: shared by every caller, run at
 * once (`now`, the CLI) or in slices (`get`, the workbench). A sliced run stops at its next pause
 * once no caller waits any more (each caller's signal); the steps taken are kept, and the next
 * demand goes on from there.
 */
export class SharedJob<T> {
  private pending: Steps<T> | null = null;
  private result: { value: T } | null = null;
  /** The sliced run under way, with whether each caller waiting for it waits in the background. */
  private run: { promise: Promise<T | null>; controller: AbortController; waiters: Set<() => boolean> } | null = null;

  constructor(private readonly start: () => Steps<T>) {}

  /** The value, once built. */
  get value(): T | undefined {
    return this.result?.value;
  }

  /** Takes one step; true once the value is built. */
  private advance(): boolean {
    if (this.result) return true;
    this.pending ??= this.start();
    let step: IteratorResult<void, T>;
    try {
      step = this.pending.next();
    } catch (error) {
      // A failed build is not half-kept: the next demand starts over (and meets the same error, if it is one).
      this.pending = null;
      throw error;
    }
    if (step.done) {
      this.result = { value: step.value };
      this.pending = null;
    }
    return this.result !== null;
  }

  /** The rest of the build as steps, for a job built on this one (the claims map on the comparer). */
  *steps(): Steps<T> {
    while (!this.advance()) yield;
    return this.result!.value;
  }

  /** The value, built at once (finishing a sliced run in progress). */
  now(): T {
    return runAtOnce(this.steps());
  }

  /**
   * The value once built in slices; null when `signal` aborts first (the caller no longer waits).
   * The run is in the background while every caller waiting for it is (`options.background`).
   * Rejects with what the steps throw.
   */
  get(signal?: AbortSignal, options: Omit<SliceOptions, 'signal'> = {}): Promise<T | null> {
    if (this.result) return Promise.resolve(this.result.value);
    if (signal?.aborted) return Promise.resolve(null);
    if (!this.run) {
      const controller = new AbortController();
      const waiters = new Set<() => boolean>();
      const background = (): boolean => [...waiters].every((inBackground) => inBackground());
      const promise = runInSlices(this.steps(), { ...options, background, signal: controller.signal }).finally(() => {
        if (this.run?.controller === controller) this.run = null;
      });
      this.run = { promise, controller, waiters };
    }
    const run = this.run;
    // Each caller is a waiter of its own, though two pass the same test.
    const waiter = (): boolean => options.background?.() === true;
    run.waiters.add(waiter);
    if (!signal) return run.promise;
    let leave = (): void => undefined;
    const left = new Promise<null>((resolve) => {
      leave = (): void => {
        resolve(null);
        run.waiters.delete(waiter);
        if (run.waiters.size > 0) return;
        run.controller.abort();
        // A demand from now on starts a run of its own, from the steps taken so far.
        if (this.run === run) this.run = null;
      };
      signal.addEventListener('abort', leave, { once: true });
    });
    return Promise.race([run.promise, left]).finally(() => signal.removeEventListener('abort', leave));
  }
}
