/**
 * A shared job (slices.ts) that also tells, while it is made, the unfinished values its steps
 * publish: the Claims pane shows the first claims of a large corpus, and the Quotes pane its
 * first quotes, within a second or two instead of a blank pane until the whole is done.
 */
import { SharedJob, type Steps } from './slices.js';

/** Where unfinished values go, and whether anyone waits for them now (making one costs work). */
export interface PartialSink<P> {
  readonly wanted: boolean;
  publish: (partial: P) => void;
}

export class PartialJob<T, P> extends SharedJob<T> {
  private readonly progress: { latest: P | null; listeners: Set<(partial: P) => void> };

  /** `start` makes the value's steps, handing unfinished values to the sink it is given. */
  constructor(start: (partials: PartialSink<P>) => Steps<T>) {
    const progress = { latest: null as P | null, listeners: new Set<(partial: P) => void>() };
    const sink: PartialSink<P> = {
      get wanted() {
        return progress.listeners.size > 0;
      },
      publish(partial) {
        progress.latest = partial;
        for (const listener of progress.listeners) listener(partial);
      },
    };
    super(function* () {
      const value = yield* start(sink);
      // The finished value replaces the unfinished one, which is not kept alive beside it.
      progress.latest = null;
      return value;
    });
    this.progress = progress;
  }

  /** The latest unfinished value, until the value is built (then: null). */
  get partial(): P | null {
    return this.value === undefined ? this.progress.latest : null;
  }

  /** Calls `listener` with each unfinished value from now on; returns the function that stops it. */
  onPartial(listener: (partial: P) => void): () => void {
    this.progress.listeners.add(listener);
    return () => this.progress.listeners.delete(listener);
  }
}
