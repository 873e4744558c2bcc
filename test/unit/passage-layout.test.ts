/** The orders the best-first search walks passages and documents in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_COUNT, TEXT_KEY } from '../../src/core/search/fuseAdapter.js';
import { PassageLayout } from '../../src/core/search/passageLayout.js';
import { pendingDocuments } from '../../src/core/search/pendingDocuments.js';
import { DocumentBounds } from '../../src/core/search/queryBounds.js';
import { runAtOnce } from '../../src/core/slices.js';

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

describe('pendingDocuments', () => {
  for (const [name, documentPassages] of Object.entries({
    'documents in passage order': [[0, 1], [2], [3, 4], [5], [6, 7]],
    'documents out of passage order': [[6, 7], [2], [5], [0, 1], [3, 4]],
  })) {
    it(`${name}: by bound, then by first passage`, () => {
      const passageDocument = new Uint32Array(8);
      documentPassages.forEach((run, document) => run.forEach((id) => (passageDocument[id] = document)));
      const layout = new PassageLayout({ documentPassages, passageDocument }, new Float64Array(8 * KEY_COUNT).fill(0.5));
      const bounds = new DocumentBounds(5);
      const given = [0.25, 0.5, 0.25, 0.5, 0.25];
      given.forEach((bound, document) => bounds.set(document, bound));
      const pending = runAtOnce(pendingDocuments(layout, bounds, () => 1, () => false));
      const expected = [0, 1, 2, 3, 4].sort((a, b) => given[a]! - given[b]! || documentPassages[a]![0]! - documentPassages[b]![0]!);
      assert.equal(layout.documentsInPassageOrder(), name === 'documents in passage order');
      assert.deepEqual([...pending.order], expected);
      assert.deepEqual([...pending.bounds], expected.map((document) => given[document]));
      expected.forEach((document, rank) => assert.equal(pending.rank[document], rank));
    });
  }
});
