/** Compare and the claims map on the bundled corpus, and fact extraction from its real sentences. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { conflictsBySource, findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { runCli } from '../helpers/cli.js';
import { nonEmpty } from '../helpers/assertions.js';

const corpus = await bundledCorpus();
const comparer = new ClaimComparer(corpus);

describe('facts', () => {
  it('reads numbers with their qualifiers, weekdays and quoted labels', () => {
    const facts = extractFacts(
      'The move came a day after Twitter Thursday said that it had removed more than 170,000 accounts (23,750 accounts that were part of a “highly engaged core network,” as well as 150,000 “amplifier” accounts)',
    );
    const numbers = facts.filter((fact) => fact.kind === 'number').map((fact) => [fact.qualifier, fact.value]);
    assert.deepEqual(numbers, [['more than', '170000'], ['', '23750'], ['', '150000']]);
    assert.deepEqual(facts.filter((fact) => fact.kind === 'weekday').map((fact) => fact.value), ['thursday']);
    assert.ok(facts.some((fact) => fact.kind === 'label' && fact.value === 'amplifier'));
  });

  it('reads scales and counts of a measure written as one word, and keeps numbers that name things out', () => {
    const facts = extractFacts('There were some 2.6 million tweets regarding the COVID-19 in a 20-episode series on December 26, 2019.');
    const numbers = facts.filter((fact) => fact.kind === 'number');
    assert.deepEqual(numbers.map((fact) => [fact.qualifier, fact.value]), [['some', '2600000'], ['', '20']]);
    assert.equal(numbers[1]?.unit?.[0], 'episod', 'a 20-episode series counts episodes');
    assert.ok(facts.some((fact) => fact.kind === 'date' && fact.value === 'december 26 2019'));
  });

  it('finds the names a source spells differently', () => {
    const mine = extractFacts('If Twitter wants to make a difference, it should be closed," said Chinese spokesman Hua Chuning.');
    const others = [extractFacts('said Foreign Ministry spokeswoman Hua Chunying on Friday.')];
    const conflicts = findConflicts(mine, others);
    assert.deepEqual(conflicts.find((conflict) => conflict.kind === 'spelling'), { kind: 'spelling', value: 'Hua Chuning', others: ['Hua Chunying'] });
  });

  it('does not take a plural for a misspelling', () => {
    const conflicts = findConflicts(extractFacts('a poll of potential 2012 Republican candidates'), [extractFacts('Democrats and Republicans alike')]);
    assert.deepEqual(conflicts.filter((conflict) => conflict.kind === 'spelling'), []);
  });

  it('flags a weekday of the same event, not counts a source also gives, not a qualifier on a compatible count', () => {
    const thursday = extractFacts('Twitter Thursday said that it had removed more than 170,000 accounts, 150,000 of them amplifiers.');
    const friday = extractFacts('On Friday, Twitter said it suspended about 150,000 "amplifier" accounts and 170,000 in all.');
    const kinds = findConflicts(thursday, [friday]).map((conflict) => `${conflict.kind}:${conflict.value}`);
    assert.deepEqual(kinds, ['weekday:Thursday']);
  });
});

/** Each class of false alarm found on BASIL and ECB+, on short made-up sentences, and what still counts. */
describe('conflicts', () => {
  const conflictsOf = (mine: string, ...others: string[]): string[] =>
    findConflicts(extractFacts(mine), others.map((text) => extractFacts(text))).map((conflict) => `${conflict.kind}:${conflict.value}|${conflict.others.join('/')}`);

  it('ignores apostrophe style, possessives and case in names', () => {
    assert.deepEqual(conflictsOf("The case went to the FBI's Office of Internal Affairs.", 'The case went to the FBI’s Office of Internal Affairs.'), []);
    assert.deepEqual(conflictsOf("Senator Dana Whitby's aide said so.", 'Senator Dana Whitby said so.'), []);
    assert.deepEqual(conflictsOf('Senator DANA Whitby said so.', 'Senator Dana Whitby said so.'), []);
  });

  it('takes a country and its adjective, or a word and its derivation, for one name', () => {
    assert.deepEqual(conflictsOf('He led the Russia inquiry, said Senator Mark Oakes.', 'He led the Russian inquiry, said Senator Mark Oakes.'), []);
    assert.deepEqual(conflictsOf('Democrats in Ohio backed the plan.', 'Democratic leaders in Ohio backed the plan.'), []);
    assert.deepEqual(conflictsOf('A bill against the Saudi Arabian government passed.', 'A bill against Saudi Arabia passed.'), []);
  });

  it('treats rounding and qualifiers as agreement when the values are compatible', () => {
    assert.deepEqual(conflictsOf('The couple paid $43 million in federal taxes.', 'The couple paid nearly $44 million in federal taxes.', 'The couple paid $43,885,310 in federal taxes.'), []);
    assert.deepEqual(conflictsOf('The plan protects 700,000 young immigrants.', 'The plan protects roughly 700,000 young immigrants.'), []);
    assert.deepEqual(conflictsOf('The reading cost more than $1 million, the magazine said.', 'The reading cost $1.1 million, the magazine said.'), []);
  });

  it('still flags counts that cannot both be true, and contradictory qualifiers', () => {
    assert.deepEqual(conflictsOf('The couple earned $139 million in income from 2007 to 2014.', 'The couple earned roughly $141 million in income from 2007 to 2014.'), [
      'number:$139 million|roughly $141 million',
    ]);
    assert.deepEqual(conflictsOf('The firm cut more than 300 jobs at the plant.', 'The firm cut fewer than 300 jobs at the plant.'), ['qualifier:more than 300|fewer than 300']);
  });

  it('compares counts only of the same thing and the same years', () => {
    assert.deepEqual(conflictsOf('The firm cut 300 jobs and closed 400 stores.', 'The firm cut 300 jobs in all.'), []);
    assert.deepEqual(conflictsOf('Their tax rate for 2014 was 35.7 percent.', 'From 2007 through 2014 their tax rate was 31.55 percent.'), []);
    assert.deepEqual(conflictsOf('The van left at 10:24 a.m. with the inmate.', 'The van left at 9:36 a.m. with the inmate.'), []);
  });

  it('reads ages however written: "60-year-old" against "age 61" is a conflict', () => {
    assert.deepEqual(conflictsOf('Police arrested a 60-year-old woman in the killings.', 'Police arrested Jane Roe, age 61, in the killings.'), ['number:60-year-old|age 61']);
  });

  it('an age is a person’s, not a thing’s: "a 41-year-old arson case" is no age against "a 60-year-old man"', () => {
    assert.deepEqual(conflictsOf('Police made an arrest in a 41-year-old double arson case.', 'Police arrested a 60-year-old man in the double arson case.'), []);
    assert.deepEqual(conflictsOf('Police arrested a 61-year-old retired man in the arson case.', 'Police arrested a 60-year-old man in the arson case.'), ['number:61-year-old|60-year-old']);
    assert.deepEqual(conflictsOf('Police said the 61-year-old was arrested in the arson case.', 'Police arrested a 60-year-old man in the arson case.'), ['number:61-year-old|60-year-old']);
  });

  it('compares weekdays only between passages about the same event', () => {
    assert.deepEqual(conflictsOf('The House voted Tuesday to keep the motto.', 'Obama said Wednesday in a speech on jobs.'), []);
    assert.deepEqual(conflictsOf('The House voted Tuesday to keep the motto.', 'On Wednesday, the House voted to keep the motto.'), ['weekday:Tuesday|Wednesday']);
  });

  it('takes a one-letter difference for a spelling conflict only between people', () => {
    assert.deepEqual(conflictsOf('In 54 games with the Angeles he hit .358.', 'In 54 games with the Angels he hit .358.'), []);
    assert.deepEqual(conflictsOf('He and his wife Stacy have two sons.', 'He and his wife, Stacey, have two sons.'), ['spelling:Stacy|Stacey']);
    // A first name alone two letters apart is another person ("Charlene" the daughter, "Charlie" the son), not a misspelling.
    assert.deepEqual(conflictsOf('Her daughter Charlene wept after the hearing.', 'Her son Charlie wept after the hearing.'), []);
  });

  it('compares quoted labels only in the same slot, and not a label that quotes more of the same words', () => {
    assert.deepEqual(conflictsOf('The senator vowed to "stop" him.', 'Critics called the plan "reckless" later.'), []);
    assert.deepEqual(conflictsOf('He called him a “coward” on air.', 'He called him a “sniveling coward” on air.'), []);
    assert.deepEqual(conflictsOf('Twitter labelled two of them as “misleading.”', 'Twitter labeled two of the tweets “unsubstantiated” on Tuesday.'), ['label:misleading|unsubstantiated']);
  });

  it('takes a label in the singular or plural, or spelt the British way, for the same label (ECB+ maps outside the annotated sets)', () => {
    assert.deepEqual(conflictsOf('AMD sees the chip as a “microserver” for data centres.', 'AMD sees the chip as “microservers” for data centres.'), []);
    assert.deepEqual(conflictsOf('Oler is charged with “practicing polygamy” in the town.', 'Oler is charged with “practising polygamy” in the town.'), []);
    assert.deepEqual(conflictsOf('Jeffs took girls as his “spiritual wives” in the sect.', 'Jeffs took a girl as his “spiritual wife” in the sect.'), []);
  });

  it('takes no place or firm for a person, so a letter apart in their names is no spelling conflict (ECB+ maps outside the annotated sets)', () => {
    assert.deepEqual(conflictsOf('Troops moved into the second largest city, Khan Younis, on Sunday.', 'Troops moved into the southern town of Khan Yunis on Sunday.'), []);
    assert.deepEqual(conflictsOf('She was listed on the website of Gordon Advisers, an accounting firm.', 'She was listed on the website of Gordon Advisors, an accounting firm.'), []);
    // People still are: the same shape of sentence with a person's name.
    assert.deepEqual(conflictsOf('Troops moved in, said the commander, Robin Mendes, on Sunday.', 'Troops moved in, said the commander, Robyn Mendes, on Sunday.'), ['spelling:Robin Mendes|Robyn Mendes']);
  });

  it('takes a hyphen for house style, and a dash written as one for no part of a name', () => {
    assert.deepEqual(conflictsOf('She wrote Bettie Page: Life of a Pin-Up Legend last year.', 'She wrote Bettie Page: Life of a Pinup Legend last year.'), []);
    const names = extractFacts('The image of Deep Throat-a name borrowed from a 1972 movie-is of a testy man.').filter((fact) => fact.kind === 'name');
    assert.deepEqual(names.map((fact) => fact.value), ['Deep Throat']);
  });

  it('takes two labels with no word in common for two quotations unless more than one word before them agrees (BASIL and ECB+ maps)', () => {
    assert.deepEqual(conflictsOf('Ryan said in an interview that the amendment is “pretty clear” on it.', 'Ryan said in an interview that the president “obviously” cannot end it.'), []);
    assert.deepEqual(conflictsOf('Kempthorne called the rule changes “narrow” on Monday.', 'Kempthorne called the move “a clarification” on Monday.'), []);
    assert.deepEqual(conflictsOf('Jeffs assaulted two girls he claimed as “brides.”', 'Jeffs assaulted two girls he claimed were his “spiritual wives.”'), ['label:brides|spiritual wives']);
  });

  it('compares a record a figure broke only with records, not with the figure that broke it (ECB+ maps)', () => {
    assert.deepEqual(conflictsOf('McDermott broke the school scoring record of 2,116 points on Friday.', 'McDermott now has 2,129 points on Friday.'), []);
    assert.deepEqual(conflictsOf('McDermott broke the school scoring record of 2,116 points on Friday.', 'He broke the school scoring record of 2,161 points on Friday.'), ['number:2,116|2,161']);
  });

  it('compares distances only from the same place (ECB+ maps outside the annotated sets)', () => {
    assert.deepEqual(conflictsOf('The quake struck about 14 miles north-northeast of Healdsburg.', 'The quake struck about 26 miles north of Santa Rosa.'), []);
    assert.deepEqual(conflictsOf('The quake struck about 14 miles north of Healdsburg.', 'The quake had a depth of about 26 miles.'), []);
    assert.deepEqual(conflictsOf('The quake struck about 20 miles north of Santa Rosa.', 'The quake struck about 26 miles north of Santa Rosa.'), ['number:about 20|about 26']);
  });

  it('reads no figure in a part, an increment, a span back from the day of writing, or a date or time written with slashes and colons', () => {
    const figures = (text: string): string[] => extractFacts(text).filter((fact) => fact.kind === 'number').map((fact) => fact.text);
    assert.deepEqual(figures('Manning finished after completing his first 17 passes.'), []);
    assert.deepEqual(figures('Another 5 people were hurt in the last 10 days.'), []);
    assert.deepEqual(figures('More than 640 Palestinians were killed since the assault began 12 days ago.'), ['More than 640']);
    assert.deepEqual(figures('Posted: 03/14/2013 06:37:46 AM PDT'), []);
    // "Sept. 11" is a date, not "19 Sep" and a figure 11: a month ends its word, and a day after it wins.
    assert.deepEqual(figures('Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.'), ['19']);
    assert.deepEqual(extractFacts('On 11 September 2001 and Sept. 11, 2002.').filter((fact) => fact.kind === 'date').map((fact) => fact.value), ['september 11 2001', 'september 11 2002']);
    assert.deepEqual(figures('Manning completed 29 of 34 passes.'), ['29', '34']);
    assert.deepEqual(figures('Hoyer kept the No. 2 job and Clyburn the No. 3 position.'), []);
    assert.deepEqual(figures('Roads were closed until about 1630 GMT on Saturday.'), []);
    assert.deepEqual(figures('He was killed by police eight days ago, and Creighton scored its first eight points.'), []);
    assert.deepEqual(figures('The two-time champion stepped in.'), []);
    assert.deepEqual(figures('The deputy, who was wed about three weeks ago, is survived by two sons.'), ['about three', 'two']);
    // A number that is part of a name ("IE 7", "AK 47 rifles", "Interstate 75"); not a sentence's first word, nor a sum.
    assert.deepEqual(figures('The flaw exists in IE 7 on Windows, and six AK 47 rifles were seized on Interstate 75.'), []);
    assert.deepEqual(figures('Only 5 people came. Critics Target McCain For Cutting $800 Billion'), ['Only 5', '$800 Billion']);
  });

  it('takes a direction after a distance for where it lies, not for what it counts (ECB+ sentences as typed claims)', () => {
    assert.deepEqual(conflictsOf('The island is 1,500 kilometers south of Tehran.', 'The island is about 940 miles south of Tehran.'), []);
  });

  it('ignores accents in names', () => {
    assert.deepEqual(conflictsOf('The heist near the upscale Place Vendome shocked Paris.', 'The heist near the upscale Place Vendôme shocked Paris.'), []);
  });

  it('names the majority value and who holds each value', () => {
    const versions = ['On Thursday, Twitter said it removed the accounts.', 'Twitter said Thursday it removed the accounts.', 'On Friday, Twitter said it removed the accounts.'].map((text, index) => ({
      source: `s${index}`,
      facts: extractFacts(text),
    }));
    const bySource = conflictsBySource(versions);
    assert.deepEqual([...bySource.keys()], ['s2']);
    const conflict = bySource.get('s2')![0]!;
    assert.equal(conflict.majority, 'Thursday');
    assert.deepEqual(conflict.holders, [
      { value: 'Thursday', sources: ['s0', 's1'] },
      { value: 'Friday', sources: ['s2'] },
    ]);
  });
});

describe('compare', () => {
  it('lists every source, carried or not, with the anchor source as reference', () => {
    const anchor = corpus.passages.find((passage) => passage.text.startsWith('In recent days, it emerged that remote conferencing tool Zoom'))!;
    const comparison = comparer.compare(anchor.text, { passageId: anchor.id });
    assert.equal(comparison.sources.length, 5);
    assert.equal(comparison.reference, anchor.source);
    const carriers = comparison.sources.filter((version) => version.carried).map((version) => `${version.source.slice(0, 3)}:${version.passages[0]!.line}`);
    assert.deepEqual(carriers.sort(), ['000:5', '003:12']);
    const translated = comparison.sources.find((version) => version.source.startsWith('003'))!;
    assert.ok(translated.diff.some((part) => part.kind === 'insert') && translated.diff.some((part) => part.kind === 'delete'));
  });

  it('says which sources do not report a claim only one makes', () => {
    const comparison = comparer.compare('Twitter also removed two smaller state-backed operations attributed to Russia and Turkey');
    assert.deepEqual(comparison.sources.filter((version) => version.carried).map((version) => version.source.slice(0, 3)), ['004']);
    assert.equal(comparison.sources.filter((version) => !version.carried).length, 4);
  });

  it('finds the re-translated quote and flags the misspelled speaker', () => {
    const anchor = corpus.passages.find((passage) => passage.text.includes('It holds no water at all'))!;
    const comparison = comparer.compare(anchor.text, { passageId: anchor.id });
    const translated = comparison.sources.find((version) => version.source.startsWith('003'))!;
    assert.ok(translated.carried);
    assert.ok(translated.conflicts.some((conflict) => conflict.kind === 'spelling' && conflict.value === 'Hua Chuning'));
  });
});

describe('claims map', () => {
  it('puts the claim every source carries first, with its Thursday/Friday conflict, and keeps single-source claims', () => {
    const map = buildClaimsMap(comparer, null);
    assert.equal(map.sources.length, 5);
    const first = map.claims[0]!;
    assert.equal(Object.keys(first.sources).length, 5);
    assert.ok(first.conflicts.some((conflict) => conflict.kind === 'weekday'));
    const counts = map.claims.map((claim) => Object.keys(claim.sources).length);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.ok(map.claims.some((claim) => claim.summary.includes('Russia and Turkey') && Object.keys(claim.sources).length === 1));
  });
});

describe('crosscheck compare and claims', () => {
  it('compare --json gives every source; exit 0', () => {
    const result = runCli(['compare', 'Zoom complied with a Chinese government request about Tiananmen', '--json']);
    assert.equal(result.status, 0);
    const parsed = JSON.parse(result.stdout) as { sources: Array<{ source: string; carried: boolean; passages: Array<{ line: number }> }> };
    assert.equal(parsed.sources.length, 5);
    assert.ok(parsed.sources.some((source) => source.carried && source.passages[0]?.line === 5));
  });

  it('compare prints "not reported" lines, and exits 1 when no source carries the claim', () => {
    const plain = runCli(['compare', 'Twitter also removed two smaller state-backed operations attributed to Russia and Turkey']);
    assert.equal(plain.status, 0);
    assert.equal(plain.stdout.match(/not reported/g)?.length, 4);
    const none = runCli(['compare', 'penguins migrate across Antarctic glaciers in winter']);
    assert.equal(none.status, 1);
  });

  it('claims --min-sources 5 lists the claim all five carry; a wrong --story is a usage error', () => {
    const result = runCli(['claims', '--min-sources', '5', '--json']);
    assert.equal(result.status, 0);
    const parsed = JSON.parse(result.stdout) as { claims: Array<{ sources: Record<string, number[]> }> };
    assert.ok(parsed.claims.length >= 1);
    assert.ok(nonEmpty(parsed.claims).every((claim) => Object.keys(claim.sources).length === 5));
    const wrong = runCli(['claims', '--story', 'nope']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /no story "nope"/);
  });
});
