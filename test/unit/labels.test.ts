import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignLabels } from '../../src/core/labels.js';
import type { SourceDocument } from '../../src/core/types.js';

function document(source: string, outlet: string | null, day: string | null): SourceDocument {
  return { source, story: null, path: `/c/${source}.txt`, title: '', text: 'x\n', lines: 1, words: 1, normalizations: [], warnings: [], format: 'text', record: null, outlet, date: day, day, url: null, storyName: null, label: source };
}

describe('source labels', () => {
  it('name a source by its outlet, adding the day and then a part of the id only when needed', () => {
    const documents = [
      document('a1', 'Fox News', '2017-11-10'),
      document('a2', 'Fox News', '2017-11-11'),
      document('b1', 'The New York Times', '2017-11-10'),
      document('c1', 'HuffPost', '2017-11-10'),
      document('c2', 'HuffPost', '2017-11-10'),
    ];
    assignLabels(documents);
    assert.deepEqual(documents.map((entry) => entry.label), ['Fox News 2017-11-10', 'Fox News 2017-11-11', 'The New York Times', 'HuffPost 2017-11-10 c1', 'HuffPost 2017-11-10 c2']);
  });

  it('fall back to the last part of the id, then its shortest distinguishing prefix', () => {
    const documents = [
      document('2b95d2cf-e979/fox', null, null),
      document('38f7cbb7-5d6a/fox', null, null),
      document('38f7cbb7-5d6a/nyt', null, null),
      document('000_067ac5e56125b280', null, null),
    ];
    assignLabels(documents);
    assert.deepEqual(documents.map((entry) => entry.label), ['fox 2b95', 'fox 38f7', 'nyt', '000_067ac5e56125b280']);
    assert.equal(new Set(documents.map((entry) => entry.label)).size, documents.length);
  });
});
