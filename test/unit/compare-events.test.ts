/** Issue 10, round 3, on made-up sentences: which facts of a typed claim's carriers are set against each other. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';

describe('numbers of a time frame', () => {
  it('are not one slot for sharing only the words of the time frame', () => {
    // "per year" and "last year" said which slot: the merged firm's worth was set against IBM's revenue.
    const worth = extractFacts('The merged firm will start out at a net worth of $38 billion per year.');
    const revenue = extractFacts('The services arm of Globex brought in $54 billion last year.');
    assert.deepEqual(findConflicts(worth, [revenue]), []);
  });

  it('still conflict when they count the same thing', () => {
    const one = extractFacts('The merged firm will have revenue of $38 billion per year.');
    const other = extractFacts('The merged firm will have revenue of $54 billion a year.');
    assert.deepEqual(findConflicts(one, [other]).map((conflict) => conflict.value), ['$38 billion']);
  });
});

describe('values one source states side by side', () => {
  it('are parts of one whole in the other sources, not rival versions', () => {
    // The third source gives both figures: the 150,000 of the first is a part of the 170,000, not a dispute.
    const part = extractFacts('The firm closed a network of about 150,000 amplifier accounts.');
    const whole = extractFacts('The firm closed more than 170,000 accounts.');
    const both = extractFacts('The firm closed 170,000 accounts, among them 150,000 amplifier accounts.');
    assert.deepEqual(findConflicts(part, [whole, both]), []);
    // Without a source stating both, the two figures still conflict.
    assert.deepEqual(findConflicts(part, [whole]).map((conflict) => conflict.value), ['about 150,000']);
  });
});
