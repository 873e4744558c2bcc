import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { compileQuery, filtersTest, isBlankQuery, parseQuery, QueryError } from '../../src/core/query.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

describe('query syntax', () => {
  it('parses fzf terms: fuzzy, exact, prefix, suffix, inverse, escaped space', () => {
    const terms = parseQuery("hua 'amplifier ^China law.$ !Zoom biggest\\ victim");
    assert.deepEqual(
      terms.map((term) => term.map(({ pattern, kind, inverse }) => ({ pattern, kind, inverse }))),
      [
        [{ pattern: 'hua', kind: 'fuzzy', inverse: false }],
        [{ pattern: "'amplifier", kind: 'exact', inverse: false }],
        [{ pattern: '^China', kind: 'prefix', inverse: false }],
        [{ pattern: 'law.$', kind: 'suffix', inverse: false }],
        [{ pattern: '!Zoom', kind: 'exact', inverse: true }],
        [{ pattern: '"biggest victim"', kind: 'fuzzy', inverse: false }],
      ],
    );
  });

  it('binds | tighter than space, as fzf does', () => {
    const compiled = compileQuery(parseQuery('Twitter said | reported Thursday'));
    assert.equal(compiled.fuse, 'Twitter said Thursday | Twitter reported Thursday');
  });

  it('keeps exclusions out of Fuse.js and applies them to the passage text', () => {
    const compiled = compileQuery(parseQuery('Twitter !China'));
    assert.equal(compiled.fuse, 'Twitter');
    const passes = filtersTest(compiled.filters);
    assert.equal(passes('Twitter has not reacted to the request.'), true);
    assert.equal(passes('Twitter is blocked in China.'), false);
  });

  it('an operator with nothing after it is no term yet, as in fzf; a lone $ is text', () => {
    assert.deepEqual(parseQuery('oil !'), parseQuery('oil'), 'typing `oil !opec` does not empty the list at `oil !`');
    assert.deepEqual(parseQuery("oil ' ^ !^"), parseQuery('oil'));
    for (const query of ['!', "'", '^', '!^', ' ! ']) assert.equal(isBlankQuery(query), true, `${JSON.stringify(query)} lists every passage, as nothing typed does`);
    assert.equal(isBlankQuery('$'), false);
    assert.equal(parseQuery('$')[0]?.[0]?.literal, '$');
  });

  it('a term holding a | or a double quote is read without them, its operators still operators', () => {
    // Read as the text "!o", the prefilter and Fuse.js (which took "!o" for "no o") answered differently.
    assert.deepEqual(parseQuery('!o|'), parseQuery('!o'));
    assert.deepEqual(parseQuery("'oil\""), parseQuery("'oil"));
    assert.deepEqual(parseQuery('oil |o'), parseQuery('oil o'));
  });

  it('refuses a query whose | alternatives explode', () => {
    assert.throws(() => compileQuery(parseQuery('a | b c | d e | f g | h i | j k | l m | n')), QueryError);
  });
});

describe('searching the bundled corpus', () => {
  let corpus: Corpus;
  let index: PassageIndex;
  before(async () => {
    corpus = await bundledCorpus();
    index = new PassageIndex(corpus);
  });

  it('tolerates a misspelled name: "Hua Chuning" finds Hua Chunying in several sources', () => {
    const hits = index.search('Hua Chuning', { limit: 10 });
    const sources = new Set(hits.filter((hit) => hit.passage.text.includes('Hua Chunying')).map((hit) => hit.passage.source));
    assert.ok(sources.size >= 4, `found Hua Chunying in ${[...sources].join(', ')}`);
    assert.ok(hits.some((hit) => hit.passage.text.includes('Hua Chuning')));
  });

  it('ranks best first and returns half-open match ranges in the passage text', () => {
    const hits = index.search("'170,000", { limit: 20 });
    assert.equal(hits.length, 5);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score <= hits[i]!.score);
    for (const hit of hits) {
      assert.ok(hit.matches.some(([start, end]) => hit.passage.text.slice(start, end) === '170,000'));
    }
  });

  it('supports prefix, suffix and exclusion over the passage text', () => {
    assert.ok(nonEmpty(index.search('^China')).every((hit) => hit.passage.text.startsWith('China')));
    assert.ok(nonEmpty(index.search('law.$')).every((hit) => hit.passage.text.toLowerCase().endsWith('law.')));
    const excluded = index.search('Twitter !China');
    assert.ok(excluded.length > 0);
    assert.ok(nonEmpty(excluded).every((hit) => !/china/i.test(hit.passage.text)));
  });

  it('matches either side of |', () => {
    const hits = index.search('Zoom | Tiananmen');
    assert.deepEqual(hits.map((hit) => hit.passage.source).sort(), ['000_067ac5e56125b280', '003_6631a8e0a366c5c7']);
  });

  it('limits to the given sources', () => {
    const hits = index.search('amplifier', { sources: ['004_b0ee60363008b165'] });
    assert.ok(hits.length > 0);
    assert.ok(nonEmpty(hits).every((hit) => hit.passage.source === '004_b0ee60363008b165'));
  });

  it('finds nothing for nonsense and for an empty query', () => {
    assert.deepEqual(index.search('zzzqqqxxx'), []);
    assert.deepEqual(index.search('   '), []);
  });

  it('lists everything that survives a query made only of exclusions', () => {
    const hits = index.search('!twitter');
    assert.ok(hits.length > 0 && hits.length < corpus.passages.length);
    assert.ok(nonEmpty(hits).every((hit) => !/twitter/i.test(hit.passage.text)));
  });
});
