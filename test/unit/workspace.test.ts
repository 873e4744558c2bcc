/**
 * A corpus's services in one place (issue 14): opened with one walk, each index built once on
 * demand and shared, a sliced build that stops when nobody waits, and commands that build only
 * what they use. Work is bounded by counters, never by time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { main } from '../../src/cli/main.js';
import { loadIndexedCorpus, openCorpus } from '../../src/core/open.js';
import { SharedJob, type Steps } from '../../src/core/slices.js';
import { walkCounters } from '../../src/core/walk.js';
import { Workspace, workspaceCounters } from '../../src/core/workspace.js';
import { BUNDLED_CORPUS, bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';

/** Counts up to `total`, pausing after every number. */
function* counting(total: number, reached: { count: number }): Steps<number> {
  for (let i = 1; i <= total; i++) {
    reached.count = i;
    yield;
  }
  return total;
}

/** Runs the CLI in this process, its output kept rather than printed. */
async function runInProcess(args: string[]): Promise<{ code: number; stdout: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    return { code: await main(args), stdout };
  } finally {
    process.stdout.write = write;
  }
}

describe('a shared, sliced job', () => {
  it('is built once for every caller, at once or in slices', async () => {
    let started = 0;
    const job = new SharedJob(() => {
      started++;
      return counting(50, { count: 0 });
    });
    const [first, second] = await Promise.all([job.get(), job.get()]);
    assert.equal(first, 50);
    assert.equal(second, 50);
    assert.equal(job.now(), 50);
    assert.equal(started, 1);
  });

  it('stops at its next pause once its only caller stops waiting, and goes on from there when asked again', async () => {
    const reached = { count: 0 };
    let started = 0;
    const job = new SharedJob(() => {
      started++;
      return counting(100_000, reached);
    });
    const controller = new AbortController();
    const waiting = job.get(controller.signal, { sliceMs: 0 });
    await nextTurn();
    await nextTurn();
    assert.ok(reached.count > 0, 'it started');
    controller.abort();
    assert.equal(await waiting, null, 'the caller that left gets nothing');
    const stoppedAt = reached.count;
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    assert.equal(reached.count, stoppedAt, 'no step after the stop');
    assert.ok(stoppedAt < 100_000);
    assert.equal(job.now(), 100_000);
    assert.equal(started, 1, 'resumed, not started over');
  });

  it('keeps building while another caller still waits', async () => {
    const job = new SharedJob(() => counting(200, { count: 0 }));
    const leaving = new AbortController();
    const left = job.get(leaving.signal, { sliceMs: 0 });
    const staying = job.get(undefined, { sliceMs: 0 });
    leaving.abort();
    assert.equal(await left, null);
    assert.equal(await staying, 200);
  });

  it('passes on what its steps throw, and starts over on the next demand', async () => {
    let attempts = 0;
    const job = new SharedJob(function* (): Steps<number> {
      attempts++;
      yield;
      throw new TypeError('planted');
    });
    await assert.rejects(job.get(), /planted/);
    assert.throws(() => job.now(), /planted/);
    assert.equal(attempts, 2);
  });
});

describe('the workspace of a corpus', () => {
  it('builds nothing until asked, then each thing once, shared', async () => {
    const workspace = new Workspace(await bundledCorpus());
    const before = { ...workspaceCounters };
    assert.equal(workspace.passageIndex().value, undefined);
    const [sliced, atOnce] = [await workspace.passageIndex().get(), workspace.passageIndex().now()];
    assert.equal(sliced, atOnce);
    assert.ok(atOnce.search('China', { limit: 3 }).length > 0);
    const quotes = workspace.quoteIndex().now();
    assert.equal(await workspace.quoteIndex().get(), quotes);
    // The claims map is built on the comparer, which is built once for both.
    const map = await workspace.claimsMap(null).get();
    assert.equal(workspace.claimsMap(null).now(), map);
    assert.equal(workspace.comparer().value, workspace.comparer().now());
    assert.deepEqual(
      {
        passageIndexes: workspaceCounters.passageIndexes - before.passageIndexes,
        quoteIndexes: workspaceCounters.quoteIndexes - before.quoteIndexes,
        comparers: workspaceCounters.comparers - before.comparers,
        claimsMaps: workspaceCounters.claimsMaps - before.claimsMaps,
      },
      { passageIndexes: 1, quoteIndexes: 1, comparers: 1, claimsMaps: 1 },
    );
  });

  it('stops building the quotes when its only pane stops waiting', async () => {
    const workspace = new Workspace(await bundledCorpus());
    const before = workspaceCounters.quoteIndexes;
    const controller = new AbortController();
    const waiting = workspace.quoteIndex().get(controller.signal, { sliceMs: 0 });
    controller.abort();
    assert.equal(await waiting, null);
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    assert.equal(workspace.quoteIndex().value, undefined, 'not finished behind the pane\'s back');
    assert.equal(workspaceCounters.quoteIndexes, before);
  });
});

describe('opening a corpus', () => {
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-open-'));
  const env = { XDG_CACHE_HOME: cacheHome };
  after(() => rmSync(cacheHome, { recursive: true, force: true }));

  it('walks the folder once, on a cache miss and on a hit', async () => {
    const files: Record<string, string> = {};
    for (let article = 0; article < 60; article++) {
      const sentences = Array.from({ length: 90 }, (_, sentence) => `Article ${article} says fact number ${sentence} about the harbour.`);
      files[`story${article % 3}/a${article}.txt`] = `Harbour report ${article}\n\n${sentences.join(' ')}\n`;
    }
    const folder = temporaryCorpus(files);
    try {
      const options = { version: 'test', env, racyWindowMs: 0 };
      const beforeMiss = walkCounters.walks;
      assert.equal((await loadIndexedCorpus(folder.root, options)).cache, 'written');
      assert.equal(walkCounters.walks - beforeMiss, 1, 'a miss: the key and the load share one walk');
      const beforeHit = walkCounters.walks;
      const hit = await openCorpus(folder.root, options);
      assert.equal(hit.cache, 'hit');
      assert.equal(walkCounters.walks - beforeHit, 1);
    } finally {
      folder.cleanup();
    }
  });

  it('leaves the index unbuilt until asked: a corpus without it is not cached', async () => {
    const opened = await openCorpus(BUNDLED_CORPUS, { env });
    assert.equal(opened.cache, 'skipped');
    assert.ok(opened.corpus.passages.length > 0);
  });
});

describe('the commands build only what they use', () => {
  it('sources, stories, quotes, compare and claims build no search index; search builds one', async () => {
    const before = { ...workspaceCounters };
    const sources = await runInProcess(['sources', '--corpus', BUNDLED_CORPUS]);
    assert.equal(sources.code, 0);
    assert.match(sources.stdout, /sources, \d+ passages/);
    // The bundled corpus has no stories: 1, nothing found.
    assert.equal((await runInProcess(['stories', '--corpus', BUNDLED_CORPUS])).code, 1);
    assert.equal(workspaceCounters.passageIndexes, before.passageIndexes, 'sources and stories: no search index');
    assert.equal(workspaceCounters.quoteIndexes + workspaceCounters.comparers, before.quoteIndexes + before.comparers);

    const quotes = await runInProcess(['quotes', 'biggest victim', '--corpus', BUNDLED_CORPUS]);
    assert.equal(quotes.code, 0);
    assert.equal(workspaceCounters.passageIndexes, before.passageIndexes, 'quotes: no search index');
    assert.equal(workspaceCounters.quoteIndexes, before.quoteIndexes + 1);

    const compare = await runInProcess(['compare', 'Twitter removed more than 170,000 accounts', '--corpus', BUNDLED_CORPUS]);
    assert.equal(compare.code, 0);
    const claims = await runInProcess(['claims', '--corpus', BUNDLED_CORPUS]);
    assert.equal(claims.code, 0);
    assert.equal(workspaceCounters.passageIndexes, before.passageIndexes, 'compare and claims: no search index');
    assert.equal(workspaceCounters.comparers, before.comparers + 2, 'one comparer each');

    const search = await runInProcess(['search', 'China', '--corpus', BUNDLED_CORPUS]);
    assert.equal(search.code, 0);
    assert.notEqual(search.stdout, '');
    assert.equal(workspaceCounters.passageIndexes, before.passageIndexes + 1, 'search: one index');
  });
});
