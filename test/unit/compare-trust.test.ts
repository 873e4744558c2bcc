/** Issue 10 on a made-up story: typed claims surface the conflicts of their event, carriers share the claim's distinctive words, the map keeps a claim in one row. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { findConflicts } from '../../src/core/compare/conflicts.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { loadCorpus } from '../../src/core/load.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

const story = 'ferry';
const files = temporaryCorpus({
  [`${story}/alpha.txt`]:
    'Ferry line cuts routes\n\nThe Harbor Ferry Company said Thursday it would cut four routes to the outer islands in May. ' +
    'Mayor Lina Ortiz, 58, called the cuts a disgrace. Fuel costs have doubled since last winter, the company said. ' +
    'Not a one defended Ortiz at the council meeting. Ortiz has led the town since the flood.\n',
  [`${story}/beta.txt`]:
    'Islands lose ferry routes\n\nOn Friday, the Harbor Ferry Company announced the cuts. According to the company, four routes to the outer islands will close in May. ' +
    'Ortiz said she would fight the decision. Ortiz, a former teacher, spoke outside the terminal. Islanders fear for their jobs.\n',
  [`${story}/gamma.txt`]:
    'Ferry firm trims service\n\nThe Harbor Ferry Company said Thursday that four routes to the outer islands would stop in May. ' +
    'The 58-year-old mayor, Lina Ortiz, vowed to fight. Ortiz met company officials twice. Ortiz won her last election easily.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

describe('typed claims', () => {
  it('take the day of the event from the sentence before a window that has none, and name the majority', () => {
    const comparison = comparer.compare('The ferry company will close four routes to the outer islands', { story });
    const beta = comparison.sources.find((version) => version.source.endsWith('beta'))!;
    assert.ok(beta.carried);
    assert.ok(!beta.text.includes('Friday'), beta.text);
    const weekday = beta.conflicts.find((conflict) => conflict.kind === 'weekday');
    assert.equal(weekday?.value, 'Friday');
    assert.equal(weekday?.majority, 'Thursday');
    assert.deepEqual(weekday?.holders?.map((holder) => holder.sources.length), [2, 1]);
    // The majority's sources carry no conflict of their own.
    assert.ok(nonEmpty(comparison.sources.filter((version) => !version.source.endsWith('beta'))).every((version) => version.conflicts.length === 0));
  });

  it('are carried only where the claim\'s distinctive words are, not the story\'s common ones', () => {
    const comparison = comparer.compare('Lina Ortiz is 58 years old', { story });
    const carriers = comparison.sources.filter((version) => version.carried).map((version) => version.source.split('/').pop());
    assert.deepEqual(carriers.sort(), ['alpha', 'gamma']);
    const alpha = comparison.sources.find((version) => version.source.endsWith('alpha'))!;
    assert.match(alpha.text, /58/);
  });
});

describe('claims map', () => {
  it('keeps the claim all three sources carry in one row', () => {
    const map = buildClaimsMap(comparer, story);
    const first = map.claims[0]!;
    assert.equal(Object.keys(first.sources).length, 3);
    assert.match(first.summary, /four routes/);
    const rowsWithRoutes = map.claims.filter((claim) => claim.summary.includes('four routes') || claim.anchor.text.includes('four routes'));
    assert.equal(rowsWithRoutes.length, 1);
  });
});

describe('weekdays of different actors', () => {
  it('are different events, not a conflict', () => {
    const senate = extractFacts('The Senate intelligence committee said Tuesday it had subpoenaed the ferry company.');
    const house = extractFacts('The House intelligence committee will subpoena the ferry company, the committee said on Wednesday.');
    assert.deepEqual(findConflicts(senate, [house]), []);
  });
});

describe('crosscheck claims', () => {
  it('names who holds each value of a conflict and the majority, in text and JSON', () => {
    const json = JSON.parse(runCli(['claims', '--min-sources', '5', '--json']).stdout) as {
      claims: Array<{ conflicts: Array<{ kind: string; source: string; majority: string | null; holders: Array<{ value: string; sources: string[] }> }> }>;
    };
    const weekday = json.claims[0]!.conflicts.find((conflict) => conflict.kind === 'weekday');
    assert.equal(weekday?.majority, 'Thursday');
    assert.deepEqual(weekday?.holders.map((holder) => [holder.value, holder.sources.length]), [['Thursday', 2], ['Friday', 1]]);
    assert.match(runCli(['claims', '--min-sources', '5']).stdout, /weekday: Friday \(others: Thursday\) \[Thursday: [^\]]+\(majority\); Friday: 002_/);
  });
});
