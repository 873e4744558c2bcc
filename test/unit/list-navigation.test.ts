/** A list's scroll offset: within the list, never negative, and moved only as far as the selection needs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scrolledOffset } from '../../src/ui/hooks/useListNavigation.js';

test('the offset stays within the list and keeps the selection in view, from any previous offset', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), fc.nat(400), fc.nat(400), (length, rows, previous, wanted) => {
      const selected = wanted % length;
      const offset = scrolledOffset(previous, selected, rows, length);
      assert.ok(offset >= 0 && offset <= Math.max(0, length - rows), `offset ${offset} of ${length} rows shown ${rows}`);
      assert.ok(selected >= offset && selected < offset + rows, `selection ${selected} shown from ${offset}`);
    }),
  );
});

test('a selection already in view does not scroll; one below it scrolls just enough', () => {
  assert.equal(scrolledOffset(10, 15, 10, 100), 10);
  assert.equal(scrolledOffset(10, 25, 10, 100), 16);
  assert.equal(scrolledOffset(10, 3, 10, 100), 3);
  // A list that shrank under a far offset shows its last screenful, not rows past its end.
  assert.equal(scrolledOffset(90, 5, 10, 12), 2);
});
