/** The best-first search's queue: runs of passages ordered by the best score they can still yield. */

/**
 * A run of passages in the best-first queue, standing for its next passage `id`: prefilter
 * candidates sharing one score bound, or all of them shortest first, the passages of a document
 * matched by its title or source (their score is known exactly), or the passages that could only
 * match across a word boundary.
 */
export interface QueueItem {
  /** No passage this item yields scores better than this. */
  bound: number;
  /** The passage it yields next (ties in score go to the lower id, as in Fuse.js). */
  id: number;
  /** pending: a document whose title or source may match, not yet scored (expands when reached). */
  kind: 'candidates' | 'scan' | 'document' | 'straddle' | 'pending';
  run: ArrayLike<number>;
  /** Position of `id` in `run`; for a pending document, which of its passages (shortest first) to test next, or that its bound is final (boundedSearch.ts). */
  position: number;
}

/** Whether `a` comes first in Fuse.js's order: lower score (bound), then lower passage id. */
export function before(a: { bound: number; id: number }, b: { bound: number; id: number }): boolean {
  return a.bound < b.bound || (a.bound === b.bound && a.id < b.id);
}

/** A binary min-heap ordered by (bound, id). */
export class BoundQueue {
  constructor(private readonly items: QueueItem[]) {
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  peek(): QueueItem | undefined {
    return this.items[0];
  }

  pop(): QueueItem | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top !== undefined && last !== undefined && this.items.length > 0) {
      this.items[0] = last;
      this.sink(0);
    }
    return top;
  }

  push(item: QueueItem): void {
    const items = this.items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  private sink(start: number): void {
    const items = this.items;
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === at) return;
      [items[at], items[smallest]] = [items[smallest]!, items[at]!];
      at = smallest;
    }
  }
}
