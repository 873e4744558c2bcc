/**
 * Unfinished claims maps (issue 13, item 3): while a large map is made, the Claims pane shows the
 * claims formed so far. The map finally built must be the one built at once, and an unfinished
 * one never marks a conflict. Work is counted, never timed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildClaimsMap, type PartialClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import type { ClaimsMap } from '../../src/core/compare/types.js';
import { loadCorpus } from '../../src/core/load.js';
import type { Corpus } from '../../src/core/types.js';
import { Workspace } from '../../src/core/workspace.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

/** The map's claims as the pane lists them before conflicts are checked: who carries what, in which order. */
function carriersOf(map: ClaimsMap): unknown[] {
  return map.claims.map((claim) => ({ id: claim.id, anchor: claim.anchor.id, sources: claim.sources }));
}

/** The story's map built in slices with a listener, and every unfinished map told meanwhile. */
async function buildWatched(corpus: Corpus, story: string | null): Promise<{ map: ClaimsMap; partials: PartialClaimsMap[] }> {
  const job = new Workspace(corpus).claimsMap(story);
  const partials: PartialClaimsMap[] = [];
  const stop = job.onPartial((partial) => partials.push(partial));
  const map = await job.get();
  stop();
  assert.ok(map);
  assert.equal(job.partial, null, 'no unfinished map once the map is built');
  return { map, partials };
}

function assertUnfinishedHonest(partials: readonly PartialClaimsMap[], final: ClaimsMap): void {
  assert.ok(partials.length > 0, 'at least one unfinished map');
  for (const partial of partials) {
    assert.ok(partial.map.claims.length > 0);
    assert.ok(nonEmpty(partial.map.claims).every((claim) => claim.conflicts.length === 0), 'an unfinished map marks no conflict');
    assert.ok(partial.passagesRead <= partial.passagesTotal);
  }
  const last = partials.at(-1)!;
  assert.equal(last.passagesRead, last.passagesTotal, 'the last one has read every passage');
  assert.deepEqual(carriersOf(last.map), carriersOf(final), 'its claims and carriers are the final ones');
}

describe('unfinished claims maps on the bundled corpus', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await bundledCorpus();
  });

  it('each story: the map built in slices, watched, is the map built at once; the last unfinished one has its claims', async () => {
    const stories = corpus.stories.length > 0 ? corpus.stories : [null];
    for (const story of stories) {
      const { map, partials } = await buildWatched(corpus, story);
      assert.deepEqual(map, buildClaimsMap(new ClaimComparer(corpus), story));
      assertUnfinishedHonest(partials, map);
    }
  });

  it('nobody watching (the CLI): no unfinished map is made', () => {
    const job = new Workspace(corpus).claimsMap(corpus.stories[0] ?? null);
    job.now();
    assert.equal(job.partial, null);
    const watched = new Workspace(corpus).claimsMap(corpus.stories[0] ?? null);
    const told: PartialClaimsMap[] = [];
    const stop = watched.onPartial((partial) => told.push(partial));
    watched.now();
    stop();
    assert.ok(told.length > 0, 'the same build, watched, tells its unfinished maps');
  });
});

/** A flat corpus (no stories) of many small files, several telling the same things in other words. */
function flatFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  const towns = ['Harwick', 'Lonsdale', 'Marbury', 'Pellham', 'Quenton', 'Rydal', 'Selby', 'Tamworth'];
  for (let file = 0; file < count; file++) {
    const town = towns[file % towns.length]!;
    const topic = Math.floor(file / 4);
    const sentences = [
      `The ${town} council approved a harbour budget of ${topic} million pounds on Monday after a long debate.`,
      `Officials in ${town} said the bridge repairs number ${topic} would start before the winter storms arrive.`,
      `Residents of ${town} district ${topic} complained about traffic near the old market square.`,
      `The regional bank reported quarterly profit of ${topic} cents per share, above analyst forecasts.`,
      `Farmers near ${town} expect wheat harvest ${topic} to exceed last season despite the dry spring.`,
      `A spokesman for the port authority confirmed cargo volumes rose ${topic} percent in March.`,
      `Shares of the shipping group ${topic} fell sharply in early trading on the exchange.`,
      `The ${town} museum will reopen gallery ${topic} with new exhibits about local history.`,
    ];
    files[`wire-${String(file).padStart(4, '0')}.txt`] = sentences.join('\n\n') + '\n';
  }
  return files;
}

describe('unfinished claims maps on a generated flat corpus', () => {
  let folder: { root: string; cleanup(): void };
  let corpus: Corpus;
  before(async () => {
    folder = temporaryCorpus(flatFiles(600));
    corpus = await loadCorpus(folder.root);
  });
  after(() => folder.cleanup());

  it('unfinished maps come early, ever rarer, never with a conflict; the last published map is the map built at once', async () => {
    assert.equal(corpus.stories.length, 0);
    const { map, partials } = await buildWatched(corpus, null);
    assert.deepEqual(map, buildClaimsMap(new ClaimComparer(corpus), null));
    assertUnfinishedHonest(partials, map);
    const total = partials[0]!.passagesTotal;
    assert.ok(total > 4096, `${total} passages state something`);
    assert.ok(partials[0]!.passagesRead < total / 2, 'the first unfinished map comes before half of the passages are read');
    // Each one costs a clustering of what was read: they come at 4x intervals, so few.
    const reads = partials.map((partial) => partial.passagesRead);
    assert.ok(partials.length <= 2 + Math.ceil(Math.log(total / reads[0]!) / Math.log(4)), `${partials.length} unfinished maps`);
    for (let index = 1; index < reads.length; index++) assert.ok(reads[index]! > reads[index - 1]!, 'each reads further');
    assert.ok(map.claims.some((claim) => Object.keys(claim.sources).length > 1), 'claims carried by several sources');
  });
});
