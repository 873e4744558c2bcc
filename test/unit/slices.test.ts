import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runAtOnce, runInSlices, SharedJob, type Steps } from '../../src/core/slices.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { bundledCorpus } from '../helpers/corpus.js';

/** Counts up to `total`, pausing after every number, and records how far it got. */
function* counting(total: number, reached: { count: number }): Steps<number> {
  for (let i = 1; i <= total; i++) {
    reached.count = i;
    yield;
  }
  return total;
}

describe('running work in slices', () => {
  it('gives the same result at once and in slices', async () => {
    assert.equal(runAtOnce(counting(10, { count: 0 })), 10);
    assert.equal(await runInSlices(counting(10, { count: 0 })), 10);
  });

  it('lets the event loop run between slices', async () => {
    const reached = { count: 0 };
    const seenByOthers: number[] = [];
    let watching = true;
    const watch = (): void => {
      seenByOthers.push(reached.count);
      if (watching) setImmediate(watch);
    };
    setImmediate(watch);
    // A zero-length slice pauses at every step: 5 steps, then the return.
    const slices: number[] = [];
    await runInSlices(counting(5, reached), { sliceMs: 0, onSlice: (ms) => slices.push(ms) });
    watching = false;
    assert.equal(slices.length, 6);
    assert.ok(seenByOthers.some((count) => count > 0 && count < 5), `other callbacks ran mid-computation: ${seenByOthers.join(',')}`);
  });

  it('stops at the next pause once aborted, and resolves to null', async () => {
    const reached = { count: 0 };
    const controller = new AbortController();
    const running = runInSlices(counting(1000, reached), { sliceMs: 0, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    assert.equal(await running, null);
    assert.ok(reached.count < 1000, `stopped after ${reached.count} of 1000 steps`);
  });

  it('passes an error thrown by the work to the caller', async () => {
    function* failing(): Steps<number> {
      yield;
      throw new Error('broken');
    }
    await assert.rejects(runInSlices(failing()), /broken/);
  });
});

/** Records `name` at every step, `total` steps. */
function* stepping(name: string, total: number, order: string[]): Steps<string> {
  for (let i = 0; i < total; i++) {
    order.push(name);
    yield;
  }
  return name;
}

describe('work in the background gives way', () => {
  it('a run in the background takes no slice while one in the foreground is under way, then finishes', async () => {
    const order: string[] = [];
    const hidden = runInSlices(stepping('hidden', 5, order), { sliceMs: 0, background: () => true });
    const visible = runInSlices(stepping('visible', 5, order), { sliceMs: 0 });
    assert.equal(await visible, 'visible');
    assert.deepEqual(order, Array.from({ length: 5 }, () => 'visible'));
    assert.equal(await hidden, 'hidden');
    assert.deepEqual(order.slice(5), Array.from({ length: 5 }, () => 'hidden'));
  });

  it('a run brought to the foreground again shares the turns at once', async () => {
    const order: string[] = [];
    let inBackground = true;
    const shown = runInSlices(stepping('shown', 20, order), { sliceMs: 0, background: () => inBackground });
    const other = runInSlices(stepping('other', 40, order), { sliceMs: 0 });
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(!order.includes('shown'), 'nothing while in the background');
    inBackground = false;
    await shown;
    await other;
    const firstShown = order.indexOf('shown');
    assert.ok(order.lastIndexOf('other') > firstShown, `both ran side by side once shown: ${order.join(' ')}`);
  });

  it('two runs in the background share the turns: neither waits for the other', async () => {
    const order: string[] = [];
    await Promise.all([runInSlices(stepping('a', 5, order), { sliceMs: 0, background: () => true }), runInSlices(stepping('b', 5, order), { sliceMs: 0, background: () => true })]);
    assert.ok(order.indexOf('b') < order.lastIndexOf('a'), `interleaved: ${order.join(' ')}`);
  });

  it('a shared build is in the background only while every caller waiting for it is', async () => {
    const order: string[] = [];
    const shared = new SharedJob(() => stepping('shared', 10, order));
    const hiddenPane = new AbortController();
    const waited = shared.get(hiddenPane.signal, { background: () => true, sliceMs: 0 });
    const visible = runInSlices(stepping('visible', 30, order), { sliceMs: 0 });
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(!order.includes('shared'), 'the build waits while its only caller is hidden');
    // The visible pane asks for the same value: the build takes its turns beside the other work.
    const asked = shared.get(new AbortController().signal);
    assert.equal(await asked, 'shared');
    assert.equal(await waited, 'shared');
    assert.ok(order.lastIndexOf('visible') > order.indexOf('shared'), `the build ran before the other work ended: ${order.join(' ')}`);
    await visible;
  });
});

describe('search in slices', () => {
  let index: PassageIndex;
  before(async () => {
    // The bundled corpus 50 times over (5,200 passages): enough for a search to pause.
    const corpus: Corpus = await bundledCorpus();
    const documents = [];
    const passages = [];
    for (let copy = 0; copy < 50; copy++) {
      for (const document of corpus.documents) documents.push({ ...document, source: `copy${copy}/${document.source}` });
      for (const passage of corpus.passages) passages.push({ ...passage, id: passages.length, source: `copy${copy}/${passage.source}` });
    }
    index = new PassageIndex({ ...corpus, documents, passages });
  });

  const queries = ['Hua Chuning', 'twitter', 'the', "'ministry", 'e', '^The', 'China | Twitter', 'tw !china', 'x'.repeat(40), '!zoom'];

  it('finds exactly what the search at once finds, for every kind of query', async () => {
    for (const query of queries) {
      for (const limit of [20, 500]) {
        const slices: number[] = [];
        const sliced = await runInSlices(index.searchSteps(query, { limit }), { sliceMs: 0, onSlice: (ms) => slices.push(ms) });
        const atOnce = index.search(query, { limit });
        assert.deepEqual(
          sliced?.map((hit) => [hit.passage.id, hit.score]),
          atOnce.map((hit) => [hit.passage.id, hit.score]),
          `${query} (limit ${limit})`,
        );
        assert.ok(atOnce.length > 0 || query === 'x'.repeat(40), `${query} finds something`);
      }
    }
  });

  it('pauses during a search that scores thousands of passages', async () => {
    const slices: number[] = [];
    const hits = await runInSlices(index.searchSteps('the', { limit: 5000 }), { sliceMs: 0, onSlice: (ms) => slices.push(ms) });
    assert.ok(hits !== null && hits.length > 1000, `${hits?.length} hits`);
    assert.ok(slices.length > 10, `${slices.length} slices`);
  });

  it('drops a search made stale before it ends', async () => {
    const controller = new AbortController();
    const running = runInSlices(index.searchSteps('the', { limit: 5000 }), { sliceMs: 0, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    assert.equal(await running, null);
  });
});
