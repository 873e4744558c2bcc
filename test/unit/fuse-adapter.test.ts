import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_COUNT, keyFactor, SOURCE_KEY, SOURCE_WEIGHT, TEXT_KEY, TEXT_WEIGHT, TITLE_KEY, TITLE_WEIGHT } from '../../src/core/search/fuseAdapter.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { bundledCorpus } from '../helpers/corpus.js';

// The best-first search bounds Fuse.js's scores with the adapter's formula: it must be Fuse.js's.
describe('Fuse.js adapter', () => {
  it("scores an exact term as Fuse.js does: the product of the matching keys' factors", async () => {
    const corpus = await bundledCorpus();
    const index = new PassageIndex(corpus);
    const norms = index.parts().norms;
    const titleOf = new Map(corpus.documents.map((document) => [document.source, document.title]));
    const keys = [
      { key: TEXT_KEY, weight: TEXT_WEIGHT },
      { key: TITLE_KEY, weight: TITLE_WEIGHT },
      { key: SOURCE_KEY, weight: SOURCE_WEIGHT },
    ];
    for (const word of ['censorship', 'twitter', 'victim', '6631a8']) {
      const hits = index.search(`'${word}`);
      assert.ok(hits.length > 0, word);
      for (const { passage, score } of hits) {
        const fields = [passage.text, titleOf.get(passage.source) ?? '', passage.source];
        let expected = 1;
        for (const { key, weight } of keys) {
          if (fields[key]!.toLowerCase().includes(word)) expected *= keyFactor(0, weight, norms[passage.id * KEY_COUNT + key]!);
        }
        assert.equal(score, expected, `${word} in passage ${passage.id}`);
      }
    }
  });

  it('raises a perfect key score to a small positive number, as Fuse.js does, so longer fields still rank lower', () => {
    assert.ok(keyFactor(0, TEXT_WEIGHT, 0.5) > 0);
    assert.ok(keyFactor(0, TEXT_WEIGHT, 0.5) < keyFactor(0, TEXT_WEIGHT, 0.25));
    assert.equal(keyFactor(0.5, 1, 1), 0.5);
  });
});
