import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lastStartAtOrBefore, mergeRanges, occurrenceRanges } from '../../src/core/ranges.js';

test('ranges are sorted and overlapping or touching ones merged, the input left as it was', () => {
  const input: Array<[number, number]> = [[8, 10], [0, 3], [2, 5], [5, 6]];
  assert.deepEqual(mergeRanges(input), [[0, 6], [8, 10]]);
  assert.deepEqual(input[0], [8, 10]);
});

test('occurrences are found case-folded, merged, and bounded', () => {
  assert.deepEqual(occurrenceRanges('Rates rose; rates fell', ['rates']), [[0, 5], [12, 17]]);
  assert.deepEqual(occurrenceRanges('aaaa', ['a'], 2), [[0, 2]]);
  assert.deepEqual(occurrenceRanges('text', ['']), []);
});

test('an offset falls in the last start at or before it (a binary search, as a scan finds it)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat(200), { minLength: 1, maxLength: 30 }), fc.nat(220), (values, offset) => {
      const starts = [0, ...values.filter((value) => value > 0)].sort((a, b) => a - b);
      let expected = 0;
      for (let at = 0; at < starts.length; at++) if (starts[at]! <= offset) expected = at;
      assert.equal(lastStartAtOrBefore(starts, starts.length, offset), expected);
      // Only the first `count` starts are looked at (a sentinel past the end may follow them).
      assert.equal(lastStartAtOrBefore([...starts, 1_000], starts.length, 5_000), starts.length - 1);
    }),
  );
});

