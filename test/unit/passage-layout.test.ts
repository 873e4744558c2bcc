/** The orders the best-first search walks passages in: by text norm (largest first), then by id. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_COUNT, TEXT_KEY } from '../../src/core/search/fuseAdapter.js';
import { PassageLayout } from '../../src/core/search/passageLayout.js';

/** A layout of `textNorms.length` passages, passage i in document i % documents. */
function layoutOf(textNorms: readonly number[], documents: number): PassageLayout {
  const norms = new Float64Array(textNorms.length * KEY_COUNT);
  textNorms.forEach((norm, id) => (norms[id * KEY_COUNT + TEXT_KEY] = norm));
  const documentPassages = Array.from({ length: documents }, (_, document) => textNorms.map((_, id) => id).filter((id) => id % documents === document));
  const passageDocument = Uint32Array.from(textNorms, (_, id) => id % documents);
  return new PassageLayout({ documentPassages, passageDocument }, norms);
}

const byNormThenId = (norms: readonly number[]) => (a: number, b: number) => norms[b]! - norms[a]! || a - b;

describe('PassageLayout orders', () => {
  // Fuse.js's norms (three decimals), then values it never gives (the order must not depend on the rounding).
  const sets = {
    'three-decimal norms': Array.from({ length: 500 }, (_, id) => Math.round(1000 / Math.sqrt(1 + ((id * 7919) % 37))) / 1000),
    'other norms': Array.from({ length: 500 }, (_, id) => 1 / Math.sqrt(1 + ((id * 7919) % 37))),
  };
  for (const [name, norms] of Object.entries(sets)) {
    it(`${name}: shortest first, equal lengths by id, corpus-wide and per document`, () => {
      const layout = layoutOf(norms, 13);
      const expected = norms.map((_, id) => id).sort(byNormThenId(norms));
      assert.deepEqual([...layout.passagesShortestFirst()], expected);
      const { passages, starts } = layout.byDocumentShortestFirst();
      for (let document = 0; document < 13; document++) {
        const own = expected.filter((id) => id % 13 === document);
        assert.deepEqual([...passages.subarray(starts[document], starts[document + 1])], own);
        assert.equal(layout.shortestPassageOf(document), own[0]);
      }
    });
  }
});
