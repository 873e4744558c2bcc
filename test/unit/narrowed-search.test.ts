/**
 * Issue 13: a query typed on from an earlier one is answered from the earlier one's hits only
 * where that is provably the same answer; these properties check it against a fresh search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCorpus } from '../../src/core/load.js';
import { compileQuery, parseQuery } from '../../src/core/query.js';
import { narrows } from '../../src/core/search/narrowing.js';
import { TypedSearch } from '../../src/core/search/typedSearch.js';
import { runAtOnce } from '../../src/core/slices.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';

const WORDS = ['oil', 'opec', 'prices', 'volcker', 'fed', 'rates', 'quake', 'earthquake', 'bank', 'banks', 'crude', 'output', 'pct', '3.5', 'said'];
/** Typed forms of a word: as is, cut short, with a typo, and with fzf's operators. */
const typed = fc.tuple(fc.constantFrom(...WORDS), fc.nat(3), fc.constantFrom('', "'", '^', '!', '$')).map(([word, cut, operator]) => {
  const stem = cut === 0 ? word : cut === 1 ? word.slice(0, Math.max(1, word.length - 2)) : cut === 2 ? `${word.slice(0, 1)}x${word.slice(2)}` : word;
  return operator === '$' ? `${stem}$` : `${operator}${stem}`;
});
const term = fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: fc.tuple(typed, typed).map(([a, b]) => `${a} | ${b}`) });
const query = fc.array(term, { minLength: 1, maxLength: 3 }).map((terms) => terms.join(' '));
const sentence = fc.array(fc.constantFrom(...WORDS, 'the', 'a', 'of', 'Reuters'), { minLength: 3, maxLength: 14 }).map((words) => `${words.join(' ')}.`);
const article = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(' '));

/** Every passage the query matches, as a finished search of the workbench keeps it. */
function completeAnswer(index: PassageIndex, text: string): { query: string; hits: ReturnType<PassageIndex['search']> } | null {
  const hits = index.search(text, { limit: 500 });
  return hits.length < 500 ? { query: text, hits } : null;
}

/** Whether `later` answered from `earlier`'s hits equals a fresh search, at each limit; true when not reused. */
function agrees(index: PassageIndex, earlier: string, later: string, mustReuse: boolean): boolean {
  const answer = completeAnswer(index, earlier);
  if (!answer) return true;
  for (const limit of [1, 5, 60, undefined]) {
    const steps = index.narrowedSteps(answer, later, { limit });
    if (steps === null) {
      assert.equal(mustReuse, false, `"${later}" narrows "${earlier}" but was searched afresh`);
      continue;
    }
    let step = steps.next();
    while (!step.done) step = steps.next();
    assert.deepEqual(step.value, index.search(later, { limit }), `"${earlier}" -> "${later}", limit ${limit}`);
  }
  return true;
}

describe('a growing query reuses the earlier results only when it is the same answer (issue 13)', () => {
  let bundled: PassageIndex;
  before(async () => {
    bundled = new PassageIndex(await bundledCorpus());
  });

  it('a term holding | (not the | between terms) means the same rescored as searched afresh', async () => {
    // Found by the property below: Fuse.js split `oil |o` at its `|`, so the rescored answer kept
    // passages a fresh search (which looks `|o` up as a word) did not find.
    const made = temporaryCorpus({ 'a.txt': 'oil oil oil.' });
    try {
      const index = new PassageIndex(await loadCorpus(made.root));
      for (const later of ['oil |o', 'oil o|', 'oil !o|il']) assert.equal(agrees(index, 'oil', later, false), true);
    } finally {
      made.cleanup();
    }
  });

  it('an added term narrows an AND query; a term typed longer does not', () => {
    assert.equal(narrows(parseQuery('oil'), parseQuery('oil opec')), true);
    assert.equal(narrows(parseQuery('oil'), parseQuery('oil !opec')), true);
    assert.equal(narrows(parseQuery('oil !o'), parseQuery('oil !op')), false);
    assert.equal(narrows(parseQuery('oi'), parseQuery('oil')), false);
    assert.equal(narrows(parseQuery('a | b'), parseQuery('a | bc')), false);
  });

  it('on the bundled corpus, added terms give what a fresh search gives', () => {
    const pairs: [string, string][] = [['china', 'china twitter'], ['govern', 'govern !china'], ['twitter', 'twitter accounts | network'], ['hong', 'hong ^the']];
    for (const [earlier, later] of pairs) {
      assert.ok(completeAnswer(bundled, earlier)!.hits.length > 0, `"${earlier}" finds passages`);
      agrees(bundled, earlier, later, true);
    }
  });

  it('typing on: a term added to a complete answer rescores only its hits, the same results as a fresh search', () => {
    const typing = new TypedSearch(bundled);
    assert.equal(typing.narrowed('china', 500), null, 'nothing typed before');
    const earlier = runAtOnce(typing.fresh('china', 500));
    assert.ok(earlier.length > 0 && earlier.length < 500);
    const scoredBefore = bundled.work.scored;
    const narrowed = typing.narrowed('china twitter', 500);
    assert.ok(narrowed, 'an added term is answered from the earlier hits');
    const hits = runAtOnce(narrowed);
    assert.ok(bundled.work.scored - scoredBefore <= earlier.length, 'only the earlier hits were scored');
    assert.ok(hits.length > 0);
    assert.deepEqual(hits, bundled.search('china twitter', { limit: 500 }));
    assert.equal(typing.narrowed('china twitte', 500), null, 'a shorter term is searched afresh');
  });

  describe('on random corpora and random query extensions', () => {
    const folders: { cleanup(): void }[] = [];
    after(() => folders.forEach((folder) => folder.cleanup()));
    const corpusIndex = async (articles: string[]): Promise<PassageIndex> => {
      const folder = temporaryCorpus(Object.fromEntries(articles.map((text, at) => [`${String(at).padStart(3, '0')}.txt`, text])));
      folders.push(folder);
      return new PassageIndex(await loadCorpus(folder.root));
    };

    it('a query with terms added: reused, and the same results as a fresh search', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 12 }), query, fc.array(term, { minLength: 1, maxLength: 2 }), async (articles, earlier, added) => {
          const index = await corpusIndex(articles);
          const later = `${earlier} ${added.join(' ')}`;
          // A query of exclusions only lists the passages that survive them, in corpus order: always searched afresh.
          return agrees(index, earlier, later, compileQuery(parseQuery(later)).fuse !== null);
        }),
        { numRuns: 60 },
      );
    });

    it('a term typed on with | after an operator: the same answer as a fresh search', async () => {
      // fast-check's counterexample: "!o|" was the text "!o" to the prefilter and "no o" to Fuse.js.
      const index = await corpusIndex(['banks a bank.', 'oil oil oil.']);
      assert.ok(agrees(index, '!oil', '!oil !o|', false));
    });

    it('a query typed on by any characters: reused only when it is the same answer', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 12 }), query, fc.string({ unit: fc.constantFrom('o', 'i', 'l', ' ', '!', "'", '|', '$'), minLength: 1, maxLength: 4 }), async (articles, earlier, more) => {
          const index = await corpusIndex(articles);
          return agrees(index, earlier, `${earlier}${more}`, false);
        }),
        { numRuns: 60 },
      );
    });
  });
});
