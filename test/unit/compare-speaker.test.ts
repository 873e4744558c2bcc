/** Issue 10: a typed claim that says who spoke is carried only where its source names that person. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { claimSpeaker } from '../../src/core/compare/claimSpeaker.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
import { runCli } from '../helpers/cli.js';
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

  it('is an organisation by the words that tell it from others, or an acronym', () => {
    assert.deepEqual(claimSpeaker('The Fish and Wildlife Service announced Thursday it would allow imports'), ['Fish', 'Wildlife', 'Service']);
    assert.deepEqual(claimSpeaker('The Washington Post reported that Obama had offered him the job'), ['Washington', 'Post']);
    assert.deepEqual(claimSpeaker('HP announced the deal on Tuesday'), ['HP']);
  });

  it('is nobody when the claim opens with a group, a possessive or no reporting verb', () => {
    assert.equal(claimSpeaker('Police said the suspect fled'), null);
    assert.equal(claimSpeaker('U.S. officials said the talks failed'), null);
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

  it('say why a near passage of another source does not count', () => {
    const beta = comparer.compare('Dalton said Steele must apologize to the troops', { story: 'row' }).sources.find((version) => version.source === 'row/beta');
    assert.equal(beta?.carried, false);
    assert.equal(beta?.unmet, 'does not name Dalton');
    const text = runCli(['compare', 'Dalton said Steele must apologize to the troops', '--corpus', files.root, '--story', 'row']).stdout;
    assert.match(text, /beta\s+not reported \(closest passage \d+% does not name Dalton\)/);
  });

  it('are not narrowed when the claim names no speaker', () => {
    assert.deepEqual(carriers('Steele must apologize to the troops'), ['row/alpha', 'row/beta', 'row/delta', 'row/gamma']);
  });
});

describe('a claim a newspaper or network reported', () => {
  const network = temporaryCorpus({
    'offer/alpha.txt': 'Surgeon general\n\nThe Washington Post reported that the president offered Dr. Gupta the post of surgeon general.\n',
    'offer/beta.txt': 'Gupta in line\n\nThe president offered Dr. Gupta the post of surgeon general, officials said.\n',
    'offer/gamma.txt': 'Gupta offered job\n\nThe president offered Dr. Gupta the post of surgeon general, the Post reported.\n',
  });
  after(() => network.cleanup());

  it('is carried only where the source names the newspaper, in full or by its head', async () => {
    const offers = new ClaimComparer(await loadCorpus(network.root));
    const carriers = offers
      .compare('The Washington Post reported that the president offered Gupta the post of surgeon general', { story: 'offer' })
      .sources.filter((version) => version.carried)
      .map((version) => version.source)
      .sort();
    assert.deepEqual(carriers, ['offer/alpha', 'offer/gamma']);
  });
});
