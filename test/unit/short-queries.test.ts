/**
 * One- and two-letter queries match nearly every document through its title or source id: the
 * best-first search must still give exactly what scoring every passage gives, without scoring
 * every document on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { nonEmpty } from '../helpers/assertions.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const DOCUMENTS = 1200;

/**
 * Every source id holds "re" ("report-…"), and each document's shortest passage ("Ok.") holds
 * none of the queries' letters; the passage that does is of one of 40 lengths.
 */
function reports(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < DOCUMENTS; n++) {
    const id = String(n).padStart(4, '0');
    const filler = ' and more'.repeat(n % 40);
    files[`report-${id}.txt`] =
      `Bulletin ${id}\n\nOk.\n\nThe central bank raised interest rates in region ${id} on Monday${filler}.\n\n` +
      `Traders said the move had been expected for weeks.\n`;
  }
  return files;
}

describe('short queries over many documents that all match by source id', () => {
  const folder = temporaryCorpus(reports());
  let index: PassageIndex;
  before(async () => {
    index = new PassageIndex(await loadCorpus(folder.root));
  });
  after(() => folder.cleanup());

  for (const query of ['re', 'in', 'e', '^th', 'ks.$', 're !monday']) {
    it(`"${query}": the same hits, scores and order as scoring every passage`, () => {
      for (const limit of [10, 60]) {
        const bounded = index.search(query, { limit });
        nonEmpty(bounded);
        assert.deepEqual(
          bounded.map((hit) => [hit.passage.id, hit.score, hit.matches]),
          index.search(query, { limit, exhaustive: true }).map((hit) => [hit.passage.id, hit.score, hit.matches]),
        );
      }
    });
  }

  it('opens the documents that can reach a screenful, not every document whose source id matches', () => {
    const before = index.work.documentsOpened;
    nonEmpty(index.search('re', { limit: 10 }));
    const opened = index.work.documentsOpened - before;
    // 30 documents share the best length; all 1,200 were opened when bounds assumed "Ok." could match.
    assert.ok(opened > 0 && opened <= 100, `opened ${opened} documents of ${DOCUMENTS}`);
  });
});
