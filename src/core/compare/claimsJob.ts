/**
 * A claims map as a shared job (core/slices.ts) that also tells, while it is made, the unfinished
 * maps claimsMapSteps publishes: the Claims pane shows the first claims of a large corpus within
 * a second or two instead of a blank pane until the whole map is done.
 */
import { SharedJob, type Steps } from '../slices.js';
import type { PartialClaimsMap, PartialListener, PartialSink } from './claims.js';
import type { ClaimsMap } from './types.js';

export class ClaimsJob extends SharedJob<ClaimsMap> {
  private readonly progress: { latest: PartialClaimsMap | null; listeners: Set<PartialListener> };

  /** `start` makes the map's steps, handing unfinished maps to the sink it is given. */
  constructor(start: (partials: PartialSink) => Steps<ClaimsMap>) {
    const progress = { latest: null as PartialClaimsMap | null, listeners: new Set<PartialListener>() };
    const sink: PartialSink = {
      get wanted() {
        return progress.listeners.size > 0;
      },
      publish(partial) {
        progress.latest = partial;
        for (const listener of progress.listeners) listener(partial);
      },
    };
    super(function* () {
      const map = yield* start(sink);
      // The finished map replaces the unfinished one, which is not kept alive beside it.
      progress.latest = null;
      return map;
    });
    this.progress = progress;
  }

  /** The latest unfinished map, until the map is built (then: null). */
  get partial(): PartialClaimsMap | null {
    return this.value === undefined ? this.progress.latest : null;
  }

  /** Calls `listener` with each unfinished map from now on; returns the function that stops it. */
  onPartial(listener: PartialListener): () => void {
    this.progress.listeners.add(listener);
    return () => this.progress.listeners.delete(listener);
  }
}
