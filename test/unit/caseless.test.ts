/**
 * The case-insensitive tests that spare lower-casing every passage must answer exactly as
 * lower-casing does, for the characters where the two could differ.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caselessTest, type Placement } from '../../src/core/caseless.js';
import { filtersTest, parseQuery, placementOf, type QueryTerm } from '../../src/core/query.js';

const TEXTS = [
  'Oil prices rose 3.5 pct in Istanbul',
  'İSTANBUL, March 3 - Turkish oil',
  'Temperature of 300 \u212A (kelvin) reached',
  'KELVIN and kilo',
  'ΟΔΟΣ and Σ at the end Σ',
  'coffee | cocoa ($1.50) [a+b]? ^start end$',
  'Ünïcödé wörds, ﬁne ligatures and emoji 🙂 co',
  '',
  'the',
];
const NEEDLES = ['co', 'i', 'is', 'istanbul', 'k', 'kelvin', 'in', 'oil', '3.5', '$', '^start', 'end$', '[a+b]?', '($1.50)', 'σ', 'ς', 'ü', 'wörds', 'fine', 'the', '🙂', 'i̇'];

function lowerCased(text: string, lower: string, placement: Placement): boolean {
  const folded = text.toLowerCase();
  return placement === 'start' ? folded.startsWith(lower) : placement === 'end' ? folded.endsWith(lower) : folded.includes(lower);
}

describe('caselessTest', () => {
  it('answers as lower-casing the text does, for every placement', () => {
    for (const placement of ['anywhere', 'start', 'end'] as const) {
      for (const needle of NEEDLES) {
        const test = caselessTest(needle, placement);
        for (const text of TEXTS) assert.equal(test(text), lowerCased(text, needle, placement), `${placement} ${JSON.stringify(needle)} in ${JSON.stringify(text)}`);
      }
    }
  });

  it('finds "i" and "k" where only U+0130 and U+212A lower-case to them', () => {
    assert.equal(caselessTest('i', 'start')('İstanbul'), true);
    assert.equal(caselessTest('k', 'anywhere')('300 \u212A'), true);
  });
});

/** The filters' meaning, by lower-casing the text: every term holds by at least one alternative. */
function passesLowerCased(text: string, filters: readonly QueryTerm[]): boolean {
  return filters.every((term) =>
    term.some((alternative) => lowerCased(text, alternative.literal.toLowerCase(), placementOf(alternative)) !== alternative.inverse),
  );
}

describe('filtersTest', () => {
  it('answers as lower-casing the text does', () => {
    for (const query of ['oil !opec', '^İst', '^ist', '!k', "'kelvin", 'end$', '!^the', 'a | !co', '^o | in$', '!σ']) {
      const filters = parseQuery(query);
      const test = filtersTest(filters);
      for (const text of TEXTS) assert.equal(test(text), passesLowerCased(text, filters), `${query} on ${JSON.stringify(text)}`);
    }
  });
});
