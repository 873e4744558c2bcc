/** Issue 10, search: title-only hits are marked and ranked last; a pasted sentence gets its closest passages. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CLOSEST_MIN_COVERAGE } from '../../src/core/closest.js';
import { loadCorpus } from '../../src/core/load.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { runCli } from '../helpers/cli.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

interface SearchJson {
  results: Array<{ line: number; matches: Array<[number, number]>; titleOnly: boolean }>;
  closest?: Array<{ source: string; line: number; coverage: number; matches: Array<[number, number]> }>;
}

describe('title-only hits', () => {
  it('are marked and ranked after every hit whose own text matches, in both search modes', async () => {
    const index = new PassageIndex(await bundledCorpus());
    for (const exhaustive of [false, true]) {
      const hits = index.search('Hua Chuning', { limit: 40, exhaustive });
      const firstTitleOnly = hits.findIndex((hit) => hit.titleOnly === true);
      assert.ok(firstTitleOnly > 0, 'text hits first, then title-only ones');
      assert.ok(nonEmpty(hits.slice(0, firstTitleOnly)).every((hit) => hit.titleOnly !== true && hit.matches.length > 0));
      assert.ok(nonEmpty(hits.slice(firstTitleOnly)).every((hit) => hit.titleOnly === true && hit.matches.length === 0));
    }
  });

  it('look past the limit for text hits before title-only ones fill it', async () => {
    const index = new PassageIndex(await bundledCorpus());
    const all = index.search('Hua Chuning', { limit: 200 });
    const textHits = all.filter((hit) => hit.titleOnly !== true).length;
    assert.ok(textHits >= 2);
    const few = index.search('Hua Chuning', { limit: textHits });
    assert.equal(few.filter((hit) => hit.titleOnly !== true).length, textHits);
  });

  it('carry "titleOnly" in --json and [title only] in plain output', () => {
    const json = JSON.parse(runCli(['search', 'Hua Chuning', '--json', '--limit', '40']).stdout) as SearchJson;
    assert.ok(json.results.some((hit) => hit.titleOnly) && json.results.some((hit) => !hit.titleOnly));
    assert.ok(nonEmpty(json.results.filter((hit) => hit.titleOnly)).every((hit) => hit.matches.length === 0));
    const plain = runCli(['search', 'Hua Chuning', '--limit', '40']);
    const marked = plain.stdout.split('\n').filter((line) => line.includes('[title only]'));
    assert.equal(marked.length, json.results.filter((hit) => hit.titleOnly).length);
  });
});

describe('closest passages', () => {
  const files = temporaryCorpus({
    'wire.txt':
      'Bank news\n\nThe Bundesbank left interest rates unchanged on Thursday, a spokesman said.\n\n' +
      'Bonn officials discussed the budget.\n\nThe central bank of France kept its rates.\n',
  });
  after(() => files.cleanup());
  const query = 'the bundesbank said it would keep interest rates unchanged';

  it('are the passages holding most of the weighted words when none holds all', async () => {
    const index = new PassageIndex(await loadCorpus(files.root));
    assert.deepEqual(index.search(query), []);
    const closest = index.closest(query);
    assert.ok(closest.length >= 1);
    assert.match(closest[0]!.passage.text, /Bundesbank left interest rates unchanged/);
    assert.ok(nonEmpty(closest).every((hit) => hit.coverage >= CLOSEST_MIN_COVERAGE && hit.coverage < 1));
    // A few keywords are not a sentence: no closest passages below four words.
    assert.deepEqual(index.closest('bundesbank rates penguin'), []);
  });

  it('are printed only with --closest, labelled, and the exit code stays 1', () => {
    const plain = runCli(['search', query, '--corpus', files.root]);
    assert.equal(plain.status, 1);
    assert.equal(plain.stdout, '');
    const closest = runCli(['search', query, '--closest', '--corpus', files.root]);
    assert.equal(closest.status, 1);
    assert.match(closest.stdout, /^closest, not all words:\n\S*wire\.txt:3: \(\d+%\) The Bundesbank left interest rates unchanged/);
    const json = JSON.parse(runCli(['search', query, '--closest', '--json', '--corpus', files.root]).stdout) as SearchJson;
    assert.equal(json.results.length, 0);
    assert.ok(json.closest !== undefined && json.closest.length >= 1 && json.closest[0]!.line === 3);
  });
});
