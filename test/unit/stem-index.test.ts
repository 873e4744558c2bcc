import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { StemIndex, stemIndexCounters } from '../../src/core/compare/stemIndex.js';
import { loadCorpus } from '../../src/core/load.js';
import { runAtOnce } from '../../src/core/slices.js';
import { claimStems } from '../../src/core/text/stems.js';
import type { Corpus, Passage } from '../../src/core/types.js';
import { bundledCorpus, PROJECT_ROOT } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

/** The shared corpora beside the project, or beside the worktrees' folder. */
const BASIL = [path.join(PROJECT_ROOT, '..'), path.join(PROJECT_ROOT, '..', '..')].map((folder) => path.join(folder, 'shared', 'corpora', 'basil', 'texts')).find(existsSync) ?? '';

/** A corpus of the given passage texts only (the stem index reads nothing else). */
function corpusOf(texts: readonly string[]): Corpus {
  const passages = texts.map((text, id): Passage => ({ id, source: `s${id}`, story: null, line: 1, paragraph: 1, sentence: 1, text, start: 0, end: text.length }));
  return { root: '/none', documents: [], passages, warnings: [], stories: [], ignoredFiles: 0 };
}

function sha(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

const TRICKY = [
  'The Fed raised rates by 0.25 pct to 5.75 pct, its 3rd rise; 170,000 jobs, 170000 jobs.',
  "Volcker's aides said Volcker's plan wasn't the U.S. Treasury's.",
  'ΣΟΦΙΑ ΟΔΟΣ said: “Ça va” — naïve café, résumé; Müller’s Straße.',
  '',
  '   ',
  'A a a a. I. 1. 1,0. x,y,z 3.5. end.',
  'organise organising favourable colour colours neighbour',
];

describe('the stem index', () => {
  it("holds each passage's stems in claimStems's order, for every passage of the bundled corpus and awkward texts", async () => {
    const bundled = await bundledCorpus();
    for (const corpus of [bundled, corpusOf(TRICKY)]) {
      const index = runAtOnce(StemIndex.build(corpus));
      for (const passage of nonEmpty(corpus.passages)) {
        assert.deepEqual([...index.stemsOf(passage.id)], [...claimStems(passage.text)], passage.text);
        assert.equal(index.stemCount(passage.id), claimStems(passage.text).size);
      }
    }
  });

  it('counts and lists the passages of each stem as a Map of sets built from claimStems would', async () => {
    const corpus = await bundledCorpus();
    const index = runAtOnce(StemIndex.build(corpus));
    const expected = new Map<string, number[]>();
    for (const passage of corpus.passages) for (const stem of claimStems(passage.text)) expected.set(stem, [...(expected.get(stem) ?? []), passage.id]);
    assert.equal(index.vocabulary.length, expected.size);
    for (const [stem, passages] of nonEmpty([...expected])) {
      assert.deepEqual([...index.passagesWith(stem)], passages, stem);
      assert.equal(index.weights.documentFrequency(stem), passages.length);
    }
    assert.equal(index.weights.passages, corpus.passages.length);
    assert.equal(index.passagesWith('no-such-stem').length, 0);
  });

  it('stems each distinct word once per build, however often it occurs', () => {
    const texts = Array.from({ length: 2000 }, (_, at) => `Oil prices rose ${at % 7} pct as OPEC met; oil, oil and more oil.`);
    const before = stemIndexCounters.wordsStemmed;
    runAtOnce(StemIndex.build(corpusOf(texts)));
    const distinct = new Set(texts.flatMap((text) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu) ?? []));
    assert.equal(stemIndexCounters.wordsStemmed - before, distinct.size);
  });

  it('is rebuilt from its parts as it was, and refuses parts of another corpus', async () => {
    const corpus = await bundledCorpus();
    const index = runAtOnce(StemIndex.build(corpus));
    const copy = new StemIndex(index.parts(), corpus.passages.length);
    for (const passage of nonEmpty(corpus.passages)) assert.deepEqual([...copy.stemsOf(passage.id)], [...index.stemsOf(passage.id)]);
    assert.deepEqual(copy.postings, index.postings);
    assert.throws(() => new StemIndex(index.parts(), corpus.passages.length + 1));
    const parts = index.parts();
    const stems = parts.stems.slice();
    stems[0] = parts.vocabulary.length;
    assert.throws(() => new StemIndex({ ...parts, stems }, corpus.passages.length));
  });
});

/**
 * The claims maps the typed stem index gives, fixed from the maps of the earlier Map-of-sets index
 * (the same bytes: the index changed how stems are stored, not what the map decides). A deliberate
 * change to how maps are made, or to how passages are split, changes these: issue 10 round 3 did
 * (pairing seeds skip the words no other passage has, a source may hold a claim in two
 * neighbouring sentences, conflicts only between passages alike), checked row by row by hand.
 */
describe('claims maps on the typed stem index', () => {
  it('are the maps of the earlier index on the bundled corpus', async () => {
    const corpus = await bundledCorpus();
    assert.equal(sha(buildClaimsMap(new ClaimComparer(corpus), null)), '46d17909762a78d2');
  });

  it('are the maps of the earlier index on five BASIL stories', { skip: BASIL === '' }, async () => {
    const comparer = new ClaimComparer(await loadCorpus(BASIL));
    const expected = ['7b9779ab7a273d13', '49ffb3847dfc2766', '9b0b89c3d24d0c2b', '72ab031329906a2f', '2689aa60e3a43173'];
    assert.deepEqual(
      comparer.corpus.stories.slice(0, 5).map((story) => sha(buildClaimsMap(comparer, story))),
      expected,
    );
  });
});
