import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { candidatesOf, fieldIndexSteps, matchWords, maxErrors, narrowsFrom, PatternMasks, substringDistance } from '../../src/core/prefilter.js';
import { runAtOnce } from '../../src/core/slices.js';
import { loadCorpus } from '../../src/core/load.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';

/** Textbook dynamic programme: fewest edits from `pattern` to any substring of `text`. */
function referenceDistance(pattern: string, text: string): number {
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= pattern.length; i++) {
    const row = [i];
    for (let j = 1; j <= text.length; j++) {
      const substitution = previous[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      row.push(Math.min(substitution, previous[j]! + 1, row[j - 1]! + 1));
    }
    previous = row;
  }
  return Math.min(...previous);
}

describe('edit distance to a substring (Myers)', () => {
  it('agrees with the dynamic programme on random strings', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31, unit: fc.constantFrom('a', 'b', 'c', 'é', ' ') }), fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', 'c', 'é', ' ') }), (pattern, text) => {
        assert.equal(substringDistance(new PatternMasks(pattern), text), referenceDistance(pattern, text));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the misspelled spokeswoman with one edit', () => {
    assert.equal(substringDistance(new PatternMasks('chuning'), 'chunying'), 1);
    assert.equal(substringDistance(new PatternMasks('chunying'), 'spokeswoman'), 7);
  });

  it('allows the edits Fuse.js allows at threshold 0.3', () => {
    assert.deepEqual([2, 3, 4, 7, 10, 11].map((length) => maxErrors(length, 0.3)), [0, 0, 1, 2, 3, 3]);
  });
});

describe('word index and candidates', () => {
  const field = runAtOnce(fieldIndexSteps(['Hua Chunying said', 'Twitter said nothing', 'Hua Chuning spoke', 'nothing at all']));

  it('lists each record once per word, records ascending', () => {
    const said = field.vocabulary.indexOf('said');
    assert.deepEqual([...field.ids.subarray(field.offsets[said], field.offsets[said + 1])], [0, 1]);
  });

  it('keeps only records holding every term, with the fewest edits as a score bound', () => {
    const hua = runAtOnce(matchWords(field, { literal: 'Hua', fuzzy: true }, 0.3))!;
    const chuning = runAtOnce(matchWords(field, { literal: 'chuning', fuzzy: true }, 0.3))!;
    const candidates = runAtOnce(candidatesOf(field, [[hua], [chuning]]));
    assert.deepEqual([...candidates.ids].sort(), [0, 2]);
    const bound = new Map([...candidates.ids].map((id, i) => [id, candidates.lowestScores[i]!]));
    // Exact everywhere: both terms at Fuse.js's floor of 0.001. One edit in seven characters for record 0.
    assert.equal(bound.get(2), 0.001);
    assert.equal(bound.get(0), (0.001 + 1 / 7) / 2);
  });

  it('treats exact terms as substrings and a one-letter fuzzy term as its doubled letter', () => {
    const exact = runAtOnce(matchWords(field, { literal: 'thin', fuzzy: false }, 0.3))!;
    assert.deepEqual([...exact.words].map((word) => field.vocabulary[word]), ['nothing']);
    const letter = runAtOnce(matchWords(field, { literal: 't', fuzzy: true }, 0.3))!;
    assert.deepEqual([...letter.words].map((word) => field.vocabulary[word]), ['twitter']);
    const union = runAtOnce(candidatesOf(field, [[exact, letter]]));
    assert.deepEqual([...union.ids].sort(), [1, 3]);
  });

  it('looks only among the words of the term one letter shorter when those hold every match: the same words either way', () => {
    const letters = fc.constantFrom('a', 'b', 'c', 'd', 'é');
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 9, unit: letters }), { minLength: 1, maxLength: 40 }), fc.string({ minLength: 2, maxLength: 8, unit: letters }), fc.boolean(), fc.constantFrom(0.3, 0.4, 0.6), (words, literal, fuzzy, threshold) => {
        const vocabulary = runAtOnce(fieldIndexSteps([words.join(' ')]));
        const query = { literal, fuzzy };
        const shorter = runAtOnce(matchWords(vocabulary, { literal: literal.slice(0, -1), fuzzy }, threshold))!;
        if (!narrowsFrom(shorter, query, threshold)) return;
        assert.deepEqual(runAtOnce(matchWords(vocabulary, query, threshold, shorter.words)), runAtOnce(matchWords(vocabulary, query, threshold)));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same words by searching the joined vocabulary (and, with edits, only words holding a piece of the literal) as by testing every word', () => {
    const letters = fc.constantFrom('a', 'b', 'c', 'd', 'é', '-');
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 12, unit: letters }), { minLength: 1, maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 14, unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', '-', ' ') }),
        fc.boolean(),
        fc.constantFrom(0.3, 0.4, 0.6),
        (words, literal, fuzzy, threshold) => {
          const vocabulary = runAtOnce(fieldIndexSteps([words.join(' ')]));
          const everyWord = Uint32Array.from(vocabulary.vocabulary.keys());
          const query = { literal, fuzzy };
          // `among` holding every word takes the word-by-word path.
          assert.deepEqual(runAtOnce(matchWords(vocabulary, query, threshold)), runAtOnce(matchWords(vocabulary, query, threshold, everyWord)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('does not narrow a one-letter term (only doubled letters match it), a phrase, or across a larger edit budget', () => {
    const one = runAtOnce(matchWords(field, { literal: 't', fuzzy: true }, 0.3))!;
    assert.equal(narrowsFrom(one, { literal: 'tw', fuzzy: true }, 0.3), false);
    const hu = runAtOnce(matchWords(field, { literal: 'hu', fuzzy: true }, 0.4))!;
    assert.equal(narrowsFrom(hu, { literal: 'hua', fuzzy: true }, 0.4), false, 'two letters allow no edit, three allow one');
    assert.equal(narrowsFrom(hu, { literal: 'hu ', fuzzy: true }, 0.4), false);
    const hua = runAtOnce(matchWords(field, { literal: 'hua', fuzzy: true }, 0.4))!;
    assert.equal(narrowsFrom(hua, { literal: 'huac', fuzzy: true }, 0.4), true);
  });

  it('declines fuzzy terms longer than a machine word, so the caller scores every passage', () => {
    assert.equal(runAtOnce(matchWords(field, { literal: 'x'.repeat(40), fuzzy: true }, 0.3)), null);
  });
});

describe('bounded search gives what scoring every passage gives', () => {
  let corpus: Corpus;
  let index: PassageIndex;
  before(async () => {
    corpus = await bundledCorpus();
    index = new PassageIndex(corpus);
  });

  const queries = [
    'Hua Chuning',
    'Hua Chunying',
    'biggest victim',
    'twiter acounts',
    "'170,000",
    '^China',
    'accounts !China',
    'Twitter said | reported',
    'China | Beijing spokesman',
    '170000',
    'coronavirus',
    's',
    'zz',
    'Chinese Foreign Ministry spokeswoman Hua',
  ];
  for (const query of queries) {
    it(`"${query}": same passages, same scores, same order`, () => {
      for (const limit of [5, 20, undefined]) {
        const bounded = index.search(query, { limit });
        const exhaustive = index.search(query, { limit, exhaustive: true });
        assert.deepEqual(
          bounded.map((hit) => [hit.passage.id, hit.score, hit.matches]),
          exhaustive.map((hit) => [hit.passage.id, hit.score, hit.matches]),
        );
      }
    });
  }

  it('finds passages through their article title alone, as Fuse.js does', async () => {
    const folder = temporaryCorpus({
      'lisbon.txt': 'Storm Report From Lisbon\n\nThe weather was bad all week.\n\nRain fell in the city.\n',
      'porto.txt': 'Harbour news\n\nA storm hit Porto.\n',
    });
    try {
      const small = new PassageIndex(await loadCorpus(folder.root));
      const hits = small.search('storm lisbon');
      assert.deepEqual(hits.map((hit) => hit.passage.text), ['Storm Report From Lisbon', 'The weather was bad all week.', 'Rain fell in the city.']);
      assert.deepEqual(hits.slice(1).map((hit) => hit.matches), [[], []]);
      assert.deepEqual(
        hits.map((hit) => [hit.passage.id, hit.score]),
        small.search('storm lisbon', { exhaustive: true }).map((hit) => [hit.passage.id, hit.score]),
      );
    } finally {
      folder.cleanup();
    }
  });

  it('never invents a hit: every bounded hit is an exhaustive hit with the same score', () => {
    const words = [...new Set(corpus.passages.flatMap((passage) => passage.text.split(/\s+/)).filter((word) => /^[a-z]{4,12}$/i.test(word)))];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.nat(), fc.constantFrom('', 'x', 'ab'), (word, at, typo) => {
        const position = at % word.length;
        const query = word.slice(0, position) + typo + word.slice(position + 1);
        const exhaustive = new Map(index.search(query, { exhaustive: true }).map((hit) => [hit.passage.id, hit.score]));
        for (const hit of index.search(query, { limit: 20 })) assert.equal(exhaustive.get(hit.passage.id), hit.score, query);
      }),
      { numRuns: 60 },
    );
  });
});
