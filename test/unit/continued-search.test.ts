/**
 * Issue 13, a letter's settled screen: a query's longer list (the rows on screen, then 500 hits,
 * then further down while title-only hits fill it) goes on from the shorter one's search instead
 * of scoring the same passages again, and gives exactly what a fresh search gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCorpus } from '../../src/core/load.js';
import type { RankedSearch } from '../../src/core/search/boundedSearch.js';
import { ContinuedSearch, oneStep } from '../../src/core/search/continuedSearch.js';
import { BestHits, textFirst, type SearchHit } from '../../src/core/search/hits.js';
import { lookFurther } from '../../src/core/search/narrowing.js';
import { TypedSearch } from '../../src/core/search/typedSearch.js';
import { runAtOnce } from '../../src/core/slices.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Passage } from '../../src/core/types.js';
import { nonEmpty } from '../helpers/assertions.js';
import { temporaryCorpus } from '../helpers/corpus.js';

const DOCUMENTS = 300;

/**
 * A fifth of the documents tell of an "earthquke" (a typo: a weak match) in one long passage; a
 * tenth, others, are titled "Quake" over passages that do not: those title-only hits rank above
 * the typo's text hits in Fuse.js's order, so a list of text hits first must look further down.
 */
function quakeReports(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < DOCUMENTS; n++) {
    const id = String(n).padStart(4, '0');
    const filler = ' and the markets were calm'.repeat(1 + (n % 7));
    const mention = n % 5 === 0 ? `An earthquke shook region ${id} on Monday${filler}.` : `Trade in region ${id} was quiet on Monday${filler}.`;
    const title = n % 10 === 1 ? `Quake ${id}` : `Markets ${id}`;
    files[`wire-${id}.txt`] = `${title}\n\nOk.\n\n${mention}\n\nTraders said rates would hold${filler}.\n`;
  }
  return files;
}

const shape = (hits: readonly SearchHit[]): unknown[] => hits.map((hit) => [hit.passage.id, hit.score, hit.matches, hit.titleOnly === true]);

describe('a longer list goes on from the shorter one (issue 13)', () => {
  const folder = temporaryCorpus(quakeReports());
  let index: PassageIndex;
  before(async () => {
    index = new PassageIndex(await loadCorpus(folder.root));
  });
  after(() => folder.cleanup());

  const QUERIES = ['quake', 'qua', 're', 'earth', 'quake !monday', 'region | rates'];

  it('the first page, then 500 hits, then all of them: each what a fresh search and exhaustive Fuse.js give', () => {
    for (const query of QUERIES) {
      const continued = index.continuedSearch(query);
      for (const limit of [12, 60, 500, Number.POSITIVE_INFINITY]) {
        const hits = runAtOnce(continued.top(limit));
        nonEmpty(hits, `"${query}" at ${limit}`);
        assert.deepEqual(shape(hits), shape(index.search(query, { limit })), `"${query}" at ${limit}`);
        assert.deepEqual(shape(hits), shape(index.search(query, { limit, exhaustive: true })), `"${query}" at ${limit}, exhaustive`);
      }
    }
  });

  it('title-only hits rank among the first 60 text hits of "quake" (the case where the list looks further down)', () => {
    const page = index.search('quake', { limit: 60 });
    assert.equal(page.length, 60);
    assert.equal(nonEmpty(page).filter((hit) => hit.titleOnly === true).length, 0);
    const titleOnly = index.search('quake', { limit: 500 }).filter((hit) => hit.titleOnly === true);
    assert.ok(nonEmpty(titleOnly).some((hit) => hit.score < page.at(-1)!.score), 'a title-only hit Fuse.js ranks above the 60th text hit');
  });

  it('asking again for as many hits scores nothing; asking for more scores fewer passages than starting over', () => {
    for (const query of QUERIES) {
      const continued = index.continuedSearch(query);
      const first = scoredBy(index, () => runAtOnce(continued.top(12)));
      assert.equal(scoredBy(index, () => runAtOnce(continued.top(12))), 0, `"${query}": the same page again`);
      const more = scoredBy(index, () => runAtOnce(continued.top(500)));
      const afresh = scoredBy(index, () => index.search(query, { limit: 500 }));
      assert.ok(first > 0, `"${query}" scored passages for its first page`);
      assert.ok(more < afresh, `"${query}": ${first} scored for 12 hits, then ${more} for 500; ${afresh} starting over`);
    }
  });

  it('a longer list dropped half way (a key typed meanwhile) and asked for again gives the fresh answer', () => {
    for (const query of ['quake', 'earth', 're']) {
      const expected = shape(index.search(query, { limit: 500 }));
      for (let pauses = 1; ; pauses++) {
        const continued = index.continuedSearch(query);
        runAtOnce(continued.top(12));
        const dropped = continued.top(500);
        let finished = false;
        for (let step = 0; step < pauses && !finished; step++) finished = dropped.next().done === true;
        assert.deepEqual(shape(runAtOnce(continued.top(500))), expected, `"${query}" dropped after ${pauses} pauses`);
        if (finished) break;
      }
    }
  });

  it("the workbench's session: the 500-hit list of the query on screen goes on from its first page", () => {
    const session = new TypedSearch(index);
    for (const query of ['qu', 'qua', 'quak', 'quake', 're']) {
      const [expectedPage, expectedWhole] = [shape(index.search(query, { limit: 12 })), shape(index.search(query, { limit: 500 }))];
      let page: SearchHit[] = [];
      let whole: SearchHit[] = [];
      const pageScored = scoredBy(index, () => (page = runAtOnce(session.fresh(query, 12))));
      const wholeScored = scoredBy(index, () => (whole = runAtOnce(session.fresh(query, 500))));
      const afresh = scoredBy(index, () => runAtOnce(new TypedSearch(index).fresh(query, 500)));
      assert.deepEqual(shape(nonEmpty(page)), expectedPage, `"${query}" page`);
      assert.deepEqual(shape(whole), expectedWhole, `"${query}" 500 hits`);
      assert.ok(pageScored > 0 && wholeScored < afresh, `"${query}": ${pageScored} scored for the page, then ${wholeScored} for 500 hits; ${afresh} afresh`);
    }
  });
});

/** Passages Fuse.js scored while `run` ran. */
function scoredBy(index: PassageIndex, run: () => unknown): number {
  const before = index.work.scored;
  run();
  return index.work.scored - before;
}

const passage = (id: number): Passage => ({ id, source: 's', text: '', start: 0, end: 0, line: 1, paragraph: 1, sentence: 1 }) as unknown as Passage;
const hit = (id: number, score: number, titleOnly = false): SearchHit => ({ passage: passage(id), score, matches: [], titleOnly });

/** A search over a fixed ranking, with or without the text-hits shortcut. */
function rankedOver(ranking: readonly SearchHit[], withText: boolean): RankedSearch {
  const upTo = (limit: number) => oneStep(() => ranking.slice(0, limit));
  if (!withText) return { upTo };
  return {
    upTo,
    textUpTo: (limit) =>
      oneStep(() => {
        const hits = ranking.filter((each) => each.titleOnly !== true).slice(0, limit);
        const last = hits.length === limit ? ranking.indexOf(hits[limit - 1]!) : -1;
        return { hits, titleOnlyBefore: last < 0 ? 0 : ranking.slice(0, last).filter((each) => each.titleOnly === true).length };
      }),
  };
}

/** The list as defined before the shortcut: Fuse.js's order fetched 4 times longer while title-only hits fill it, text hits first. */
function lookingFurther(ranking: readonly SearchHit[], limit: number): SearchHit[] {
  let fetched = limit;
  let hits = ranking.slice(0, fetched);
  while (lookFurther(hits, fetched, limit)) {
    fetched *= 4;
    hits = ranking.slice(0, fetched);
  }
  return textFirst(hits).slice(0, limit);
}

describe('the best text hits found directly are the list that looking further down gives', () => {
  it('for any ranking of text and title-only hits, and any limit', () => {
    const ranking = fc.array(fc.boolean(), { maxLength: 400 }).map((titleOnly) => titleOnly.map((only, id) => hit(id, id / 1000, only)));
    fc.assert(
      fc.property(ranking, fc.integer({ min: 1, max: 40 }), (hits, limit) => {
        const expected = lookingFurther(hits, limit);
        const open = (withText: boolean) => () => oneStep(() => rankedOver(hits, withText));
        assert.deepEqual(runAtOnce(new ContinuedSearch('q', open(true)).top(limit)), expected);
        assert.deepEqual(runAtOnce(new ContinuedSearch('q', open(false)).top(limit)), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('including a ranking whose first text hit comes after 16 times the limit of title-only ones', () => {
    const hits = [...Array.from({ length: 40 }, (_, id) => hit(id, id / 100, true)), hit(40, 0.5), hit(41, 0.6)];
    assert.deepEqual(lookingFurther(hits, 3).map((each) => each.passage.id), [40, 41, 0], 'within 48: the text hits first');
    assert.deepEqual(lookingFurther(hits, 2).map((each) => each.passage.id), [0, 1], 'past the furthest look (32): title-only hits');
    for (const limit of [1, 2, 3]) assert.deepEqual(runAtOnce(new ContinuedSearch('q', () => oneStep(() => rankedOver(hits, true))).top(limit)), lookingFurther(hits, limit));
  });
});

describe('BestHits with a limit raised later', () => {
  it('keeps the hits pushed out, and a raised limit holds the best of everything kept, in Fuse.js order', () => {
    const scores = [0.5, 0.1, 0.9, 0.1, 0.3, 0.7, 0.2, 0.3, 0.05, 0.6];
    const best = new BestHits(3, true);
    scores.forEach((score, id) => best.keep(hit(id, score)));
    const ordered = scores.map((score, id) => ({ id, score })).sort((a, b) => a.score - b.score || a.id - b.id);
    assert.deepEqual(best.hits.map((kept) => kept.passage.id), ordered.slice(0, 3).map(({ id }) => id));
    best.raiseLimit(7);
    assert.deepEqual(best.hits.map((kept) => kept.passage.id), ordered.slice(0, 7).map(({ id }) => id));
    best.keep(hit(10, 0.01));
    best.raiseLimit(20);
    assert.deepEqual(best.hits.map((kept) => kept.passage.id), [10, ...ordered.map(({ id }) => id)]);
  });

  it('without retaining, a raised limit has only what it kept', () => {
    const best = new BestHits(2);
    [0.4, 0.2, 0.3].forEach((score, id) => best.keep(hit(id, score)));
    best.raiseLimit(3);
    assert.deepEqual(best.hits.map((kept) => kept.passage.id), [1, 2]);
  });
});
