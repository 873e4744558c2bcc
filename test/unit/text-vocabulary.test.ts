import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance } from '../../src/core/text/editDistance.js';
import { claimStems, quoteStems } from '../../src/core/text/stems.js';
import { CLAIM_STOPWORDS, QUOTE_STOPWORDS } from '../../src/core/text/stopwords.js';
import { wordDiff } from '../../src/core/text/wordDiff.js';

test('edit distance: exact within the limit, limit + 1 beyond it', () => {
  assert.equal(editDistance('Chunying', 'Chuning'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('kitten', 'sitting', 2), 3);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
  assert.equal(editDistance('', ''), 0);
});

test('quotes and claims share a base stopword list; each keeps its own extension', () => {
  for (const word of ['the', 'said', 'would']) assert.ok(QUOTE_STOPWORDS.has(word) && CLAIM_STOPWORDS.has(word), word);
  assert.ok(QUOTE_STOPWORDS.has('because') && !CLAIM_STOPWORDS.has('because'));
  assert.ok(CLAIM_STOPWORDS.has('according') && !QUOTE_STOPWORDS.has('according'));
});

test('quote stems keep order and repeats and fold British spellings; claim stems keep numbers whole', () => {
  assert.deepEqual(quoteStems('Favourable news, favorable news'), quoteStems('favorable news favorable news'));
  assert.equal(quoteStems('victim victim').length, 2);
  assert.ok(claimStems('Twitter removed 170,000 accounts').has('170000'));
  assert.deepEqual(claimStems('removed accounts'), claimStems('removal account'));
});

test('a word diff says what the version adds and lacks', () => {
  const parts = wordDiff('the biggest victim', 'the victim');
  assert.deepEqual(parts.filter((part) => part.kind === 'delete').map((part) => part.text.trim()), ['biggest']);
  assert.equal(parts.filter((part) => part.kind === 'same').map((part) => part.text).join('').replace(/\s+/g, ' ').trim(), 'the victim');
});
