import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRanges, occurrenceRanges } from '../../src/core/ranges.js';

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
