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
  for (;;) {
    await nextTurn();
    if (options.signal?.aborted) return null;
    const started = performance.now();
    let elapsed = 0;
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
}
