/** Assertions that cannot pass vacuously. */
import assert from 'node:assert/strict';

/** The items, once asserted to be there: `nonEmpty(xs).every(...)` cannot pass on an empty list. */
export function nonEmpty<T>(items: readonly T[], what = 'the list'): readonly T[] {
  assert.ok(items.length > 0, `${what} is empty: nothing to check`);
  return items;
}
