/** Issue 10, development set 4: a typed claim's weekday is the day of its event in every carrier that gives one weekday. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withClaimDay } from '../../src/core/compare/claimDay.js';
import { conflictsBySource } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';

/** The weekday conflicts among carriers of `claim`, as "source:value" of each source's side. */
function weekdayConflicts(claim: string, carriers: Record<string, string>): string[] {
  const sources = Object.keys(carriers);
  const facts = withClaimDay(extractFacts(claim), Object.values(carriers).map((text) => extractFacts(text)));
  const bySource = conflictsBySource(sources.map((source, index) => ({ source, facts: facts[index]! })));
  return [...bySource].flatMap(([source, conflicts]) => conflicts.filter((conflict) => conflict.kind === 'weekday').map((conflict) => `${source}:${conflict.value}`)).sort();
}

describe("a typed claim's weekday", () => {
  it('makes each carrier\'s one weekday the day of the event, whatever words stand around it', () => {
    const claim = 'The vice presidential debate was held on a Thursday';
    const carriers = {
      fox: 'The face-off Thursday night was taking on outsized importance for a vice presidential debate.',
      nyt: 'The vice presidential debate on Tuesday was supposed to be a reboot for the campaign.',
    };
    assert.deepEqual(weekdayConflicts(claim, carriers), ['fox:Thursday', 'nyt:Tuesday']);
    assert.deepEqual(weekdayConflicts('The vice presidential debate was held', carriers), [], 'without a day in the claim the words decide, and they differ');
  });

  it('is not read from a carrier with two weekdays', () => {
    const carriers = {
      fox: 'The face-off Thursday night was taking on outsized importance for a vice presidential debate.',
      nyt: 'After the jobs report on Friday, the vice presidential debate on Tuesday was supposed to be a reboot.',
    };
    assert.deepEqual(weekdayConflicts('The vice presidential debate was held on a Thursday', carriers), []);
  });

  it('is not the day another actor reported it', () => {
    const carriers = {
      nyt: 'On Thursday, the service announced on its website that it would allow the imports.',
      hpo: 'As HuffPost reported Wednesday, the administration opted to lift the ban, the service said.',
    };
    assert.deepEqual(weekdayConflicts('The Fish and Wildlife Service announced Thursday it would allow the imports', carriers), []);
  });
});
