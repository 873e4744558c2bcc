/** Issue 10, round 3, on made-up stories: what keeps the versions of one claim in one row of the claims map. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
import { nonEmpty } from '../helpers/assertions.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const files = temporaryCorpus({
  'depot/alpha.txt':
    'Port news\n\nThe harbour board bought the Westpier depot for $19 million in 2002. ' +
    'Dock workers voted on a new contract. The board meets every month at the town hall.\n',
  'depot/beta.txt':
    'Board recovers\n\nMeanwhile the harbour board recovered from a nagging fiscal hangover, exacerbated by its costliest deal, the $19 million Westpier depot, completed in 2002 over strident objections. ' +
    'Dock workers voted on a new contract. The town hall hosts the board every month.\n',
});
after(() => files.cleanup());
const comparer = new ClaimComparer(await loadCorpus(files.root));

const story = temporaryCorpus({
  'council/alpha.txt':
    'Council row\n\nCouncillor Brandt stormed out of the harbour budget meeting on Monday.\nBrandt then shouted that he would throw the treasurer into the harbour.\n' +
    'Ferry fares rise in spring.\n',
  'council/beta.txt':
    'Brandt walks out\n\nCouncillor Brandt stormed out of the harbour budget meeting and shouted that he would throw the treasurer into the harbour.\n' +
    'The treasurer declined to comment.\n',
  'council/gamma.txt':
    'Threat at town hall\n\nBrandt shouted he would throw the treasurer into the harbour after storming out of the budget meeting.\n' +
    'Ferry fares rise in spring, the port said.\n',
});
after(() => story.cleanup());
const councilComparer = new ClaimComparer(await loadCorpus(story.root));
const mayor = temporaryCorpus({
  'mayor/alpha.txt':
    'Mayor Brandt quits harbour board\n\nMayor Brandt hinted on Tuesday that he might quit after the audit of the pier accounts.\n\n' +
    'The ferry pier reopened on Monday after repairs costing 4 million dollars.\n',
  'mayor/beta.txt':
    'Mayor Brandt quits harbour board\n\nMayor Brandt on Wednesday told the council he quits the harbour board, calling the reports a smear.\n\n' +
    'The ferry pier reopened on Monday after repairs costing 6 million dollars.\n',
});
after(() => mayor.cleanup());
const mayorComparer = new ClaimComparer(await loadCorpus(mayor.root));
const mill = temporaryCorpus({
  'mill/alpha.txt':
    'Harbor Mill shuts\n\nHarbor Mill closed on Friday, owner Jon Brask told the town council. ' +
    'According to the owner, Harbor Mill closed its doors to all 300 workers for good after the winter floods.\n',
  'mill/beta.txt': 'Mill shut\n\nOn Thursday, Harbor Mill closed its doors to all 300 workers for good after the winter floods, the owner said.\n',
});
after(() => mill.cleanup());
const millComparer = new ClaimComparer(await loadCorpus(mill.root));

describe('claims map pairing', () => {
  it('seeds a passage with words another passage has, not with words only it has', () => {
    // Its six rarest words (meanwhile, recovered, nagging, hangover, ...) are its own: seeded with
    // them, the second version of the depot purchase met no one and stood alone.
    const map = buildClaimsMap(comparer, 'depot');
    const rows = map.claims.filter((claim) => claim.summary.includes('Westpier'));
    assert.equal(rows.length, 1, 'one row starts with the depot purchase');
    assert.deepEqual(Object.keys(rows[0]!.sources).map((source) => source.split('/').pop()), ['alpha', 'beta']);
  });
});

describe('claims map rows', () => {
  it('hold a claim one source states in two neighbouring sentences with the sources stating it in one', () => {
    // Before, each of alpha's two sentences took alpha's place in a row of its own.
    const map = buildClaimsMap(councilComparer, 'council');
    const rows = map.claims.filter((claim) => /treasurer into the harbour|stormed out/.test(claim.anchor.text));
    assert.equal(rows.length, 1, JSON.stringify(rows.map((claim) => claim.sources)));
    const sources = Object.fromEntries(Object.entries(rows[0]!.sources).map(([source, lines]): [string, number[]] => [source.split('/').pop() ?? source, lines]));
    assert.deepEqual(sources, { alpha: [3, 4], beta: [3], gamma: [3] });
  });

  it('never hold two sentences of one source that are not neighbours', () => {
    const map = buildClaimsMap(councilComparer, 'council');
    for (const claim of nonEmpty(map.claims)) {
      for (const lines of Object.values(claim.sources)) assert.ok(lines.length === 1 || (lines.length === 2 && lines[1]! - lines[0]! === 1), JSON.stringify(claim.sources));
    }
  });
});

describe('claims map conflicts', () => {
  it('stand between passages that state the same thing, not between two met through their headlines', () => {
    const map = buildClaimsMap(mayorComparer, 'mayor');
    const kinds = map.claims.flatMap((claim) => claim.conflicts.map((conflict) => `${conflict.kind} ${conflict.value}`));
    // The hint of Tuesday and the decision of Wednesday are two events; the pier's cost is one figure.
    assert.ok(!kinds.some((kind) => kind.startsWith('weekday')), kinds.join('; '));
    assert.ok(kinds.includes('number 4 million'), kinds.join('; '));
    assert.equal(map.claims[0]!.sources[Object.keys(map.claims[0]!.sources)[0]!]!.length, 2, 'headline and lead in one row');
  });

  it('say when a value is stated beside the row’s lines, in the sentence before', () => {
    const conflicts = buildClaimsMap(millComparer, 'mill').claims.flatMap((claim) => claim.conflicts);
    const friday = conflicts.find((conflict) => conflict.value === 'Friday');
    assert.equal(friday?.besideLines, true);
    assert.equal(conflicts.find((conflict) => conflict.value === 'Thursday')?.besideLines, undefined);
  });
});
