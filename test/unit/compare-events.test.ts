/** Issue 10, round 3, on made-up sentences: which facts of a typed claim's carriers are set against each other. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { loadCorpus } from '../../src/core/load.js';
import { conflictSummary } from '../../src/core/presentation.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const files = temporaryCorpus({
  'trial/alpha.txt':
    'Neighbour charged\n\nPolice arrested John Smith, 60, at his farm on Monday. Smith was charged with the murder of his neighbour, Ann Lee. ' +
    'The farm has been sold.\n',
  'trial/beta.txt': 'Farmer in court\n\nThe 61-year-old Smith was charged with the murder of his neighbour, Ann Lee. The village mourned her.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

const briefing = temporaryCorpus({
  'briefing/alpha.txt':
    'Ministry rejects plan\n\nMaria Fernandes spoke for the ministry at the briefing. She said the plan is the biggest threat to the harbour.\n\n' +
    'Officials of the port said nothing.\n',
  'briefing/beta.txt': 'Plan opposed\n\nSpokeswoman Maria Fernandez said the plan was the biggest threat to the harbour.\n',
  'briefing/gamma.txt': 'Harbour plan\n\nMaria Fernandez, a spokeswoman, said the plan is the biggest threat to the harbour.\n',
  'briefing/delta.txt':
    'Port news\n\nMaria Fernandes spoke for the ministry at length.\n\nThe port was busy all week.\n\nShe said the plan is the biggest threat to the harbour.\n',
});
after(() => briefing.cleanup());
const briefingComparer = new ClaimComparer(await loadCorpus(briefing.root));

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

describe('ages', () => {
  it('are read after a name between commas, with whose they are', () => {
    const [age] = extractFacts('Police arrested John Smith, 60, at his farm.').filter((fact) => fact.unit?.includes('age'));
    assert.equal(age?.value, '60');
    assert.equal(age?.of, 'smith');
    assert.equal(extractFacts('The 61-year-old Smith was charged.').find((fact) => fact.unit?.includes('age'))?.of, 'smith');
    // A weekday or a month before the comma is no one's name.
    assert.ok(!extractFacts('On Monday, 12, then 14, arrived.').some((fact) => fact.unit?.includes('age')));
  });

  it('of a person a carrier names are taken from the rest of its source for a typed claim', () => {
    // alpha gives the age in the sentence before the one that states the claim.
    const comparison = comparer.compare('Smith was charged with murdering his neighbour', { story: 'trial' });
    const carriers = comparison.sources.filter((version) => version.carried);
    assert.equal(carriers.length, 2);
    const alpha = carriers.find((version) => version.source.endsWith('alpha'))!;
    assert.ok(!alpha.text.includes('60'), alpha.text);
    const values = carriers.flatMap((version) => version.conflicts.map((conflict) => conflict.value)).sort();
    assert.deepEqual(values, ['60', '61-year-old']);
  });
});

describe('a person the carrying sentence does not name', () => {
  const claim = 'Maria Fernandez said the plan is the biggest threat to the harbour';

  it('is read from the rest of its paragraph, so a typed claim shows how each source spells them', () => {
    const alpha = briefingComparer.compare(claim, { story: 'briefing' }).sources.find((version) => version.source.endsWith('alpha'))!;
    assert.ok(alpha.carried && !alpha.text.includes('Fernandes'), alpha.text);
    assert.deepEqual(
      alpha.conflicts.map((conflict) => [conflict.kind, conflict.value, conflict.majority, conflict.besideLines]),
      [['spelling', 'Maria Fernandes', 'Maria Fernandez', true]],
    );
    // Said so wherever it is shown, since the lines shown do not hold the name.
    assert.match(conflictSummary(alpha.conflicts[0]!), /Maria Fernandes \(others: Maria Fernandez\), stated beside these lines$/);
  });

  it('is not read from another paragraph', () => {
    // delta names a Maria Fernandes two paragraphs before the one that carries the claim.
    const delta = briefingComparer.compare(claim, { story: 'briefing' }).sources.find((version) => version.source.endsWith('delta'))!;
    assert.ok(delta.carried && !delta.text.includes('Fernandes'), delta.text);
    assert.deepEqual(delta.conflicts, []);
  });
});

describe('a title opening a sentence', () => {
  it('is not part of the name it stands before, and marks a person', () => {
    const names = extractFacts('Spokeswoman Maria Fernandez said the plan was the biggest threat.').filter((fact) => fact.kind === 'name');
    assert.deepEqual(names.map((fact) => [fact.value, fact.person]), [['Maria Fernandez', true]]);
    // Two sources naming her with and without the title spell her alike.
    assert.deepEqual(findConflicts(extractFacts('Spokeswoman Maria Fernandez spoke.'), [extractFacts('Maria Fernandez, a spokeswoman, spoke.')]), []);
  });
});

describe('the day of a report', () => {
  it('is not set against the day of what it reports', () => {
    const reported = extractFacts('The FBI has fired Strzok, his lawyer said Monday.');
    const fired = extractFacts('The FBI fired Strzok late Friday afternoon, his lawyer said.');
    assert.deepEqual(findConflicts(reported, [fired]), []);
    const firedMonday = extractFacts('The FBI fired Strzok late Monday afternoon, his lawyer said.');
    assert.deepEqual(findConflicts(firedMonday, [fired]).map((conflict) => conflict.value), ['Monday'], 'two days of the firing still disagree');
  });

  it('is set against the day of another report of the same thing', () => {
    const thursday = extractFacts('Twitter Thursday said it had removed the accounts.');
    const friday = extractFacts('On Friday, Twitter said it removed the accounts.');
    assert.deepEqual(findConflicts(thursday, [friday]).map((conflict) => `${conflict.kind}:${conflict.value}`), ['weekday:Thursday']);
  });
});

describe('a typed claim with a day', () => {
  const days = temporaryCorpus({
    'vote/alpha.txt': 'Council passes harbour budget\n\nThe city council passed the harbour budget on Monday after a long debate.\n',
    'vote/beta.txt':
      'City council passes harbour budget after long debate\n\nOn Tuesday the council voted. It passed the harbour budget, 7 to 2, after a long debate.\n',
  });
  after(() => days.cleanup());

  it('is aligned, of two carrying windows, to the one giving a day, where the conflict is', async () => {
    const dayComparer = new ClaimComparer(await loadCorpus(days.root));
    const beta = dayComparer.compare('The city council passed the harbour budget on Monday after a long debate', { story: 'vote' }).sources.find((version) => version.source === 'vote/beta')!;
    assert.equal(beta.carried, true);
    assert.ok(beta.text.includes('Tuesday'), `aligned to line ${beta.passages.map((passage) => passage.line).join(',')}: ${beta.text}`);
    assert.deepEqual(beta.conflicts.map((conflict) => `${conflict.kind}:${conflict.value}`), ['weekday:Tuesday']);
  });
});

describe('two days of one actor', () => {
  it('are one event only for one act: the same words right around the days, or two reports', () => {
    const sentenced = extractFacts('Polygamist leader Warren Jeffs was sentenced Tuesday to life in prison.');
    const convicted = extractFacts('A Texas jury convicted polygamist leader Warren Jeffs of assault Thursday in the case.');
    assert.deepEqual(findConflicts(sentenced, [convicted]), []);
    const sentencedThursday = extractFacts('Polygamist leader Warren Jeffs was sentenced Thursday to life in prison.');
    assert.deepEqual(findConflicts(sentenced, [sentencedThursday]).map((conflict) => conflict.value), ['Tuesday']);
  });
});
