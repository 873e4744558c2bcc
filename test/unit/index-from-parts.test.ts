/**
 * The passage index made in steps (the workbench makes it in slices, so keys typed meanwhile are
 * drawn): from the cache's parts its passages' Fuse.js records are rebuilt only when first scored,
 * and its documents' records are made a chunk at a time. Its answers must be exactly those of an
 * index made at once from the corpus.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import type { SearchHit, SearchOptions } from '../../src/core/search/hits.js';
import { derivePartsSteps } from '../../src/core/search/indexParts.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Steps } from '../../src/core/slices.js';
import type { Corpus } from '../../src/core/types.js';
import { Workspace } from '../../src/core/workspace.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const TOPICS = ['harbour', 'volcano', 'earthquake', 'oil prices', 'cocoa', 'Volcker', 'central bank', 'opec'];

/** 720 articles of 8 sentences: past the chunks the build pauses after (4,096 passages, 500 documents). */
function articleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let article = 0; article < 720; article++) {
    const topic = TOPICS[article % TOPICS.length]!;
    const other = TOPICS[(article * 5 + 3) % TOPICS.length]!;
    const sentences = Array.from({ length: 8 }, (_, at) =>
      at % 3 === 0 ? `The ${topic} report ${article} rose ${at}.${article % 10} pct, said the minister.` : `Officials said ${other} talks number ${at * article} went on about the ${topic}.`,
    );
    files[`story${article % 4}/a${article}.txt`] = `${topic} news ${article}\n\n${sentences.join(' ')}\n`;
  }
  return files;
}

const QUERIES = ['Volcker', 'volc', 'earthquak', '3.5 pct', 'oil !opec', "'harbour", '^The', 'said$', 'cocoa | opec', 'news', 'a', 'centrl bnk', 'story2', '!oil'];

type Row = [number, number, unknown, boolean | undefined];
const rowsOf = (hits: readonly SearchHit[]): Row[] => hits.map((hit) => [hit.passage.id, hit.score, hit.matches, hit.titleOnly]);

const ASKED: SearchOptions[] = [{ limit: 12 }, { limit: 60 }, { limit: 500 }, { limit: 20, exhaustive: true }, { limit: 30, sources: ['story1/a9', 'story3/a11'] }];

/** Every query with every option set, in that order. */
function answers(index: PassageIndex, exhaustiveFirst = false): Row[][] {
  const asked = exhaustiveFirst ? [...ASKED].reverse() : ASKED;
  return QUERIES.flatMap((query) => asked.map((options) => rowsOf(index.search(query, options))));
}

function stepsTaken<T>(steps: Steps<T>): { value: T; pauses: number } {
  for (let pauses = 0; ; pauses++) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
  }
}

describe('the passage index made in steps', () => {
  const folder = temporaryCorpus(articleFiles());
  let corpus: Corpus;
  before(async () => {
    corpus = await loadCorpus(folder.root);
    assert.ok(corpus.passages.length > 4096 && corpus.documents.length > 500, `${corpus.passages.length} passages`);
  });
  after(() => folder.cleanup());

  it("from the cache's parts, in steps, gives exactly the answers of an index made at once from the corpus", () => {
    const eager = new PassageIndex(corpus);
    const expected = answers(eager);
    const built = stepsTaken(PassageIndex.build(corpus, eager.parts()));
    // At least once a chunk of passages and of documents, in each of its walks (at once: none).
    assert.ok(built.pauses >= 4, `${built.pauses} pauses`);
    assert.deepEqual(answers(built.value), expected);
    assert.deepEqual(built.value.parts(), eager.parts());
    // Every passage's record asked for at once (an exhaustive search first) rebuilds the same records.
    const exhaustiveFirst = new PassageIndex(corpus, eager.parts());
    assert.deepEqual(answers(exhaustiveFirst, true), answers(eager, true));
    for (const query of ['volcano report', 'minister said the oil']) {
      assert.deepEqual(built.value.closest(query, { limit: 10 }), eager.closest(query, { limit: 10 }));
    }
  });

  it('from the corpus, in steps, derives the same parts and answers as at once', () => {
    const eager = new PassageIndex(corpus);
    const built = stepsTaken(PassageIndex.build(corpus));
    // Besides those, Fuse.js's own index is made 500 passages at a time.
    assert.ok(built.pauses >= 12, `${built.pauses} pauses`);
    assert.deepEqual(built.value.parts(), eager.parts());
    assert.deepEqual(answers(built.value), answers(eager));
  });

  it('derives the word indexes of a first start (no cache) in steps, the same as the index holds', () => {
    const eager = new PassageIndex(corpus);
    const derived = stepsTaken(derivePartsSteps(corpus, eager.parts().norms));
    // Every 4,096 passages, and between counting the words and placing their postings.
    assert.ok(derived.pauses >= 2, `${derived.pauses} pauses`);
    assert.deepEqual(derived.value, eager.parts());
  });

  it("the workspace's index pauses while it is made, from the corpus or from the cache's parts", async () => {
    const fromCorpus = stepsTaken(new Workspace(corpus).passageIndex().steps());
    assert.ok(fromCorpus.pauses >= 12, `${fromCorpus.pauses} pauses`);
    const { workspace, opened } = await Workspace.open(folder.root, { racyWindowMs: 0 });
    stepsTaken(workspace.passageIndex().steps());
    await opened.written;
    const second = await Workspace.open(folder.root, { racyWindowMs: 0 });
    assert.equal(second.opened.cache, 'hit');
    const fromParts = stepsTaken(second.workspace.passageIndex().steps());
    assert.ok(fromParts.pauses >= 4, `${fromParts.pauses} pauses`);
    assert.deepEqual(answers(fromParts.value), answers(fromCorpus.value));
  });
});
