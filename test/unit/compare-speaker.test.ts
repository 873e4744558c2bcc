/** Issue 10: a typed claim that says who spoke is carried only where its source names that person. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { claimSpeaker } from '../../src/core/compare/claimSpeaker.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const files = temporaryCorpus({
  'row/alpha.txt':
    'Backlash grows\n\nSen. Jim Dalton said on Sunday that Chairman Steele must apologize to the troops.\n\n' +
    '"This is our war," he said.\n',
  'row/beta.txt': 'Chairman under fire\n\n"Our troops must have the support to win this war," Mr. Steele said.\n',
  'row/gamma.txt':
    'Apology demanded\n\nThe senator from the south, Jim Dalton, spoke on television.\n\n' +
    'He said that Steele must apologize to the troops for his remarks.\n',
  'row/delta.txt': 'Steele stays\n\nSenator Jim Daltonn told reporters Steele must apologize to the troops.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

describe('the speaker a claim names', () => {
  it('is the name run before its reporting verb, without titles', () => {
    assert.deepEqual(claimSpeaker('Dalton said Steele must apologize'), ['Dalton']);
    assert.deepEqual(claimSpeaker('Governor Mehdi Irannejad said houses were damaged'), ['Mehdi', 'Irannejad']);
    assert.deepEqual(claimSpeaker('DNC spokesman Brad Woodhouse said Steele was wrong'), ['Brad', 'Woodhouse']);
  });

  it('is nobody when the claim opens with an organisation, a group, an acronym or a possessive', () => {
    assert.equal(claimSpeaker('The Fish and Wildlife Service announced Thursday it would allow imports'), null);
    assert.equal(claimSpeaker('Police said the suspect fled'), null);
    assert.equal(claimSpeaker('HP announced the deal on Tuesday'), null);
    assert.equal(claimSpeaker("Hillary Clinton's doctor said she is fit"), null);
    assert.equal(claimSpeaker('Steele must apologize to the troops'), null);
  });
});

describe('carriers of a claim with a speaker', () => {
  const carriers = (claim: string): string[] =>
    comparer
      .compare(claim, { story: 'row' })
      .sources.filter((version) => version.carried)
      .map((version) => version.source)
      .sort();

  it('name the speaker in the window, its paragraph or the paragraph before, spelt alike or a letter apart', () => {
    // beta has the words in Steele's own mouth: without the check it carried "Dalton said".
    assert.deepEqual(carriers('Dalton said Steele must apologize to the troops'), ['row/alpha', 'row/delta', 'row/gamma']);
  });

  it('are not narrowed when the claim names no speaker', () => {
    assert.deepEqual(carriers('Steele must apologize to the troops'), ['row/alpha', 'row/beta', 'row/delta', 'row/gamma']);
  });
});
