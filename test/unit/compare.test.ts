/** Compare and the claims map on the bundled corpus, and fact extraction from its real sentences. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { runCli } from '../helpers/cli.js';

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

  it('reads scales and keeps numbers that name things out', () => {
    const facts = extractFacts('There were some 2.6 million tweets regarding the COVID-19 in a 20-episode series on December 26, 2019.');
    const numbers = facts.filter((fact) => fact.kind === 'number');
    assert.deepEqual(numbers.map((fact) => [fact.qualifier, fact.value]), [['some', '2600000']]);
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

  it('flags a weekday and a qualifier that differ, not counts a source also gives', () => {
    const thursday = extractFacts('Twitter Thursday said that it had removed more than 170,000 accounts, 150,000 of them amplifiers.');
    const friday = extractFacts('On Friday, Twitter said it suspended about 150,000 "amplifier" accounts and 170,000 in all.');
    const kinds = findConflicts(thursday, [friday]).map((conflict) => `${conflict.kind}:${conflict.value}`);
    assert.ok(kinds.includes('weekday:Thursday'));
    assert.ok(kinds.some((kind) => kind.startsWith('qualifier:more than 170,000')));
    assert.ok(!kinds.some((kind) => kind.startsWith('number:')), kinds.join(', '));
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
    assert.ok(parsed.claims.every((claim) => Object.keys(claim.sources).length === 5));
    const wrong = runCli(['claims', '--story', 'nope']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /no story "nope"/);
  });
});
