/** Issue 10, round 3, on made-up stories: what keeps the versions of one claim in one row of the claims map. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
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
