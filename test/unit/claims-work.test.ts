/**
 * The work of a claims map's conflict check, counted (issue 13: the whole map of Reuters in
 * seconds): each text's facts are read once, the sentence before a passage only for its days,
 * and a claim's names are normalised once each, not once per pair of carriers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { conflictCounters } from '../../src/core/compare/spellings.js';
import { extractDays, extractFacts, factCounters, isDayFact } from '../../src/core/compare/facts.js';
import { loadCorpus } from '../../src/core/load.js';
import type { Corpus } from '../../src/core/types.js';
import { temporaryCorpus } from '../helpers/corpus.js';

/** Carriers of the one claim: fewer than MAX_CHECKED_MEMBERS, so its conflicts are checked. */
const FILES = 30;
const PEOPLE = ['Maria Gonzalez', 'John Whitaker', 'Anna Lindqvist', 'Peter Okafor', 'Laura Jensen', 'David Moreau'];

describe('the conflict check of a claims map of near-identical files', () => {
  let folder: { root: string; cleanup(): void };
  let corpus: Corpus;
  before(async () => {
    const files: Record<string, string> = {};
    for (let file = 0; file < FILES; file++) {
      // One source spells a name differently: the check must still find that conflict.
      const people = file === 7 ? PEOPLE.map((person) => person.replace('Whitaker', 'Whittaker')) : PEOPLE;
      // The sentence before states a day, differs in each file and says too little to be a claim; the claim gives no day of its own.
      files[`wire-${file}.txt`] =
        `Monday, wire ${file}.\n` +
        `Mayor ${people[0]} met senators ${people.slice(1).join(', ')} about the harbour budget of 140 million dollars.\n`;
    }
    folder = temporaryCorpus(files);
    corpus = await loadCorpus(folder.root);
  });
  after(() => folder.cleanup());

  it('reads each claim text once and the sentences before only for their days', () => {
    const readBefore = factCounters.textsRead;
    const map = buildClaimsMap(new ClaimComparer(corpus), null);
    const widest = map.claims[0]!;
    assert.equal(Object.keys(widest.sources).length, FILES, 'every file carries the claim');
    // Two distinct texts among the carriers (one with the misspelt name); 30 sentences before, each different.
    // Before: each carrier's sentence before was read for all its facts too, 32 readings.
    assert.equal(factCounters.textsRead - readBefore, 2);
    assert.deepEqual(
      widest.conflicts.map((conflict) => conflict.value),
      ['John Whittaker'],
    );
  });

  it('normalises each name of a claim a bounded number of times, not once per pair of carriers', () => {
    const normalisedBefore = conflictCounters.namesNormalised;
    buildClaimsMap(new ClaimComparer(corpus), null);
    const names = FILES * PEOPLE.length;
    const normalised = conflictCounters.namesNormalised - normalisedBefore;
    assert.ok(normalised > 0, 'names are compared');
    // Before: two for every pair of names of different carriers, about (30 x 6)^2 = 32,400.
    assert.ok(normalised <= 2 * names, `${normalised} normalisations for ${names} names`);
  });

  it('reads the days of a sentence as a whole reading would', () => {
    const texts = [
      'On Friday, Twitter said on September 12, 2001 it suspended 23,750 accounts; on Nov. 3 it added more.',
      'The House voted Wednesday; in 2014, about 40 percent agreed with the "amplifier" label, Mr. Cowan said.',
      'Nothing of a day here, just Jane Doe and 12 apples.',
    ];
    for (const text of texts) assert.deepEqual(extractDays(text), extractFacts(text).filter(isDayFact));
    assert.ok(extractDays(texts[0]!).length >= 3);
  });
});
