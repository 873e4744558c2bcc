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

  it('is taken from a carrier only as the claim\'s own day or a day with a word of the claim\'s event right beside it (BASIL and ECB+ sentences as typed claims)', () => {
    const claim = 'He had been arrested a few hours after the Monday morning shootings at Gordon Advisors.';
    const carriers = {
      usatoday: 'He was arrested after a chase a few hours after the Monday morning shootings at Gordon Advisors.',
      foxnews: 'The man accused of shooting his co-workers is a Troy resident who was fired from Gordon Advisors on Thursday.',
    };
    assert.deepEqual(weekdayConflicts(claim, carriers), []);
    const resumed = { payvand: 'Flights from and into the Qeshm airport were resumed Monday morning.', terradaily: 'Operations had resumed after being halted on Sunday.' };
    assert.deepEqual(weekdayConflicts('Flights into the Qeshm airport were resumed Monday morning.', resumed), []);
  });

  it('is not the day of a report in the clause after it ("and coach Sean Payton said")', () => {
    const [knee] = extractFacts('Bush tweaked his left knee last Thursday and coach Sean Payton said the Saints decided to put him on injured reserve.').filter((fact) => fact.kind === 'weekday');
    assert.equal(knee?.reported, undefined);
    const [said] = extractFacts('Bush tweaked his left knee last Thursday, coach Sean Payton said.').filter((fact) => fact.kind === 'weekday');
    assert.equal(said?.reported, undefined, 'a comma closes the clause too: the day is the injury\'s');
  });

  it('and its month without a day are compared as one slot in each carrier giving one (ECB+ dev4; months only so)', () => {
    const claim = 'The BlackBerry Q10 is expected to be available to T-Mobile consumer customers in June';
    const carriers = {
      blackberryempire: 'The BlackBerry Q10 is expected to be available for T-Mobile consumer customers in June for $99.99 down.',
      n4bb: 'General consumers can expect the BlackBerry Q10 to become available later on in May.',
    };
    const facts = withClaimDay(extractFacts(claim), Object.values(carriers).map((text) => extractFacts(text)));
    const bySource = conflictsBySource(Object.keys(carriers).map((source, index) => ({ source, facts: facts[index]! })));
    assert.deepEqual([...bySource].flatMap(([source, conflicts]) => conflicts.filter((conflict) => conflict.kind === 'date').map((conflict) => `${source}:${conflict.value}`)).sort(), ['blackberryempire:June', 'n4bb:May']);
    // Without a claim's month, two months are never one slot: a source's month is as often another event's.
    const alone = conflictsBySource(Object.entries(carriers).map(([source, text]) => ({ source, facts: extractFacts(text) })));
    assert.deepEqual([...alone.values()].flat().filter((conflict) => conflict.kind === 'date'), []);
    // "May" without a preposition of time is a name or a verb, and "May 2010" is no month alone.
    assert.deepEqual(extractFacts('Theresa May said it may rain in May 2010.').filter((fact) => fact.kind === 'date' && !/\d/.test(fact.value)), []);
  });

  it('is not the day another actor reported it', () => {
    const carriers = {
      nyt: 'On Thursday, the service announced on its website that it would allow the imports.',
      hpo: 'As HuffPost reported Wednesday, the administration opted to lift the ban, the service said.',
    };
    assert.deepEqual(weekdayConflicts('The Fish and Wildlife Service announced Thursday it would allow the imports', carriers), []);
  });
});
