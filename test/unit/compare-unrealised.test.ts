/** Issue 10, development set 5: a claim that something was done is not carried by a sentence that only plans or expects it. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { doneVerbs, statesOnlyUnrealised } from '../../src/core/compare/unrealised.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const files = temporaryCorpus({
  'budget/alpha.txt': 'Budget passes\n\nThe city council approved the harbour budget on Monday after a long debate.\n',
  'budget/beta.txt': 'Budget vote\n\nThe city council is expected to approve the harbour budget after a long debate.\n',
  'budget/gamma.txt': 'Budget doubts\n\nThe city council could approve the harbour budget after a long debate, the mayor said.\n',
  'budget/delta.txt': 'Budget through\n\nThe city council was expected to approve the harbour budget, and it approved it after a long debate.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

describe('a claim that something was done', () => {
  const versions = comparer.compare('The city council approved the harbour budget after a long debate', { story: 'budget' }).sources;
  const version = (name: string) => versions.find((candidate) => candidate.source === `budget/${name}`)!;

  it('is carried where it is done', () => {
    assert.equal(version('alpha').carried, true);
    assert.equal(version('delta').carried, true, 'expected, then done');
  });

  it('is not carried where it is only expected or possible, and says so', () => {
    for (const name of ['beta', 'gamma']) {
      assert.equal(version(name).carried, false, name);
      assert.equal(version(name).unmet, 'has it only as planned, expected or possible', name);
    }
  });
});

describe('done verbs', () => {
  it('are a claim\'s past-tense verbs, not a state ("is expected") nor a plan', () => {
    assert.deepEqual([...doneVerbs('Gupta accepted the offer')], ['accept']);
    assert.deepEqual([...doneVerbs('The phone is expected to be available in June')], []);
    assert.deepEqual([...doneVerbs('The governor will veto the bill')], []);
  });

  it('count as unrealised only after a modal or a "to" of planning, not any "to"', () => {
    const accepted = doneVerbs('Gupta accepted the offer');
    assert.equal(statesOnlyUnrealised(accepted, 'Gupta is expected to accept the offer.'), true);
    assert.equal(statesOnlyUnrealised(accepted, 'Gupta will quickly accept the offer.'), true);
    assert.equal(statesOnlyUnrealised(accepted, 'The call prompted Gupta to accept the offer.'), false);
    assert.equal(statesOnlyUnrealised(accepted, 'Gupta said nothing of the offer.'), false, 'the verb is not there at all');
  });

  it('count as unrealised when asked for, or joined to a verb that is', () => {
    const vetoed = doneVerbs('Brewer vetoed the bill');
    assert.equal(statesOnlyUnrealised(vetoed, 'Republicans urged Gov. Jan Brewer to veto the bill.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'Senators are calling for Gov. Jan Brewer to veto the bill.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'She will decide whether to sign or veto the bill.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'Senators urged her to act, and she vetoed the bill.'), false, 'done as well');
  });

  it('count as unrealised as a thing asked for or threatened ("calling for a veto"), BASIL dev2', () => {
    const vetoed = doneVerbs('Brewer vetoed the bill');
    assert.equal(statesOnlyUnrealised(vetoed, 'Both Republican senators are calling for a veto.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'Despite the growing calls from business, politicians of all stripes and civil rights groups for a veto.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'The governor threatened a veto of the bill.'), true);
    assert.equal(statesOnlyUnrealised(vetoed, 'The bill faced a veto in the end.'), false, 'a veto met is one done');
  });
});
