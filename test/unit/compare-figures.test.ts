/** Issue 10, development sets 4 and 5: figures a typed claim states, and which figures are one slot. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const files = temporaryCorpus({
  'arrest/alpha.txt': 'Arrest\n\nThe suspect was arrested three houses away from the shooting scene.\n',
  'arrest/beta.txt': 'Arrest made\n\nThe suspect was arrested a few doors away from the shooting scene.\n',
  'phone/alpha.txt': 'Carrier adds the Q10\n\nThe carrier will sell the Q10 phone to business customers from $119.99 a month.\n',
  'phone/beta.txt': 'Q10 coming\n\nThe carrier will sell the Q10 phone to business customers, but gave no price for it yet.\n',
  'phone/gamma.txt': 'Q10 price\n\nBusiness customers of the carrier will pay $129.99 a month for the Q10 phone.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

describe('a typed claim with a figure', () => {
  const versions = comparer.compare('The carrier sells the Q10 phone to business customers for $119.99 a month', { story: 'phone' }).sources;
  const carried = (source: string): boolean => versions.find((version) => version.source === source)?.carried ?? false;

  it('is not carried by a sentence of its words that gives no figure, and says so', () => {
    assert.equal(carried('phone/beta'), false);
    assert.equal(versions.find((version) => version.source === 'phone/beta')?.unmet, 'gives no figure for $119.99');
  });

  it('is carried by one with another figure of the same thing, a conflict', () => {
    assert.equal(carried('phone/alpha'), true);
    assert.equal(carried('phone/gamma'), true);
    assert.deepEqual(versions.find((version) => version.source === 'phone/gamma')?.conflicts.map((conflict) => conflict.value), ['$129.99']);
  });
});

describe('ages', () => {
  it('are one slot only as one person’s', () => {
    const victim = extractFacts('A witness saw the gunman who killed 10-year-old Kathina Thomas.');
    const accused = extractFacts('The trial of 16-year-old Jermayne Timmons, accused of killing the girl, went on.');
    assert.deepEqual(findConflicts(victim, [accused]), []);
    const older = extractFacts('The trial of 17-year-old Jermayne Timmons, accused of killing the girl, went on.');
    assert.deepEqual(findConflicts(accused, [older]).map((conflict) => conflict.value), ['16-year-old']);
  });

  it('belong to the person a sentence gives them to', () => {
    assert.equal(extractFacts('Jermayne Timmons is 16 years old.').find((fact) => fact.kind === 'number')?.of, 'timmons');
  });
});

describe('figures', () => {
  it('of a small count are exact, and another figure of another thing is no second value', () => {
    const twentyFour = extractFacts('Buyers pay $99.99 down with 24 equal monthly payments of $20.');
    const twenty = extractFacts('Buyers pay $99 down with 20 additional monthly payments of $20.');
    assert.deepEqual(findConflicts(twentyFour, [twenty]).map((conflict) => `${conflict.value}|${conflict.others.join('/')}`), ['24|20']);
  });

  it('of a small count with "about" allow a tenth either way', () => {
    const about = extractFacts('About 20 people were hurt in the crash on the bridge.');
    assert.deepEqual(findConflicts(about, [extractFacts('Some 21 people were hurt in the crash on the bridge.')]), []);
    assert.deepEqual(findConflicts(about, [extractFacts('A total of 30 people were hurt in the crash on the bridge.')]).map((conflict) => conflict.value), ['About 20']);
  });

  it('agree when one drops the cents of a price', () => {
    const cents = extractFacts('Buyers pay $99.99 down for the phone.');
    const whole = extractFacts('Buyers pay $99 down for the phone.');
    assert.deepEqual(findConflicts(cents, [whole]), []);
  });
});

describe('counts written as words', () => {
  it('are read with what they count, after a hyphen too', () => {
    const counts = (text: string): string[][] =>
      extractFacts(text)
        .filter((fact) => fact.kind === 'number')
        .map((fact) => [fact.qualifier, fact.value, fact.unit?.[0] ?? '']);
    assert.deepEqual(counts('The quake injured five people.'), [['', '5', 'peopl']]);
    assert.deepEqual(counts('He had married about two weeks before.'), [['about', '2', 'week']]);
    assert.deepEqual(counts('In a 48-page indictment and a three-hour hearing.'), [['', '48', 'page'], ['', '3', 'hour']]);
    assert.deepEqual(counts('Two of them said one official had called three times.'), [], 'not "of", "one" nor "times"');
  });

  it('disagree with another count of the same thing', () => {
    const two = extractFacts('Ortiz had married two weeks before he was killed.');
    const three = extractFacts('Ortiz had married three weeks before he was killed.');
    assert.deepEqual(findConflicts(two, [three]).map((conflict) => `${conflict.kind}:${conflict.value}`), ['number:two']);
    const pages = extractFacts('The 47-page indictment says they spent the funds.');
    const long = extractFacts('The indictment is 48 pages long and says they spent the funds.');
    assert.deepEqual(findConflicts(pages, [long]).map((conflict) => conflict.value), ['47']);
  });

  it('do not make a carrier that says it otherwise a non-carrier', () => {
    const versions = comparer.compare('The suspect was arrested three houses away from the shooting scene', { story: 'arrest' }).sources;
    assert.equal(versions.find((version) => version.source === 'arrest/beta')?.carried, true);
  });
});

describe('counts read exactly', () => {
  const wedding = temporaryCorpus({
    'wedding/alpha.txt': 'Deputy mourned\n\nThe deputy had married two weeks before he was killed, his family said at the funeral.\n',
    'wedding/beta.txt': 'Deputy buried\n\nThe deputy had married three weeks before he was killed, his family said at the funeral.\n',
  });
  after(() => wedding.cleanup());

  it('are a typed claim\'s, not the claims map\'s, which pairs passages loosely (box scores)', async () => {
    const weddingComparer = new ClaimComparer(await loadCorpus(wedding.root));
    const versions = weddingComparer.compare('The deputy had married two weeks before he was killed', { story: 'wedding' }).sources;
    assert.deepEqual(versions.flatMap((version) => version.conflicts.map((conflict) => conflict.value)).sort(), ['three', 'two']);
    const map = buildClaimsMap(weddingComparer, 'wedding');
    assert.equal(map.claims[0]?.sources['wedding/beta']?.length, 1, 'one row holds both');
    assert.deepEqual(map.claims.flatMap((claim) => claim.conflicts), []);
    assert.deepEqual(extractFacts('married two weeks before, after 20 games', { exactCounts: false }).map((fact) => [fact.value, fact.rounded]), [['20', true]]);
  });
});
