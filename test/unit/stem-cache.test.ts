import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeCache, encodeCache } from '../../src/core/cache.js';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { StemIndex, stemIndexCounters } from '../../src/core/compare/stemIndex.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { runAtOnce } from '../../src/core/slices.js';
import { Workspace } from '../../src/core/workspace.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

/** Enough passages to be cached (5,000), in two stories, with claims shared across sources. */
function cachedSizeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let article = 0; article < 60; article++) {
    const sentences = Array.from({ length: 90 }, (_, sentence) => `Harbour authority ${article % 4} said cargo volume number ${sentence} rose ${sentence % 9} pct in port ${sentence % 5}.`);
    files[`story${article % 2}/a${article}.txt`] = `Harbour report ${article}\n\n${sentences.join(' ')}\n`;
  }
  return files;
}

describe('the stem index in the corpus cache', () => {
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-stem-cache-'));
  const folder = temporaryCorpus(cachedSizeFiles());
  const options = { version: 'test', env: { XDG_CACHE_HOME: cacheHome }, racyWindowMs: 0 };
  after(() => {
    rmSync(cacheHome, { recursive: true, force: true });
    folder.cleanup();
  });

  it('round-trips through the cache bytes', async () => {
    const corpus = await bundledCorpus();
    const index = runAtOnce(StemIndex.build(corpus));
    const decoded = decodeCache(encodeCache(corpus, new PassageIndex(corpus).parts(), index.parts()));
    assert.deepEqual(decoded.stems.vocabulary, index.vocabulary);
    assert.deepEqual(decoded.stems.starts, index.starts);
    assert.deepEqual(decoded.stems.stems, index.stems);
  });

  it('is stored by the first start and read, not built, by the next, with the same claims maps', async () => {
    const first = await Workspace.open(folder.root, options);
    const built = stemIndexCounters.builds;
    first.workspace.passageIndex().now();
    assert.equal(first.opened.cache, 'written');
    // The cache write built the stem index, which the comparer then shares instead of building again.
    assert.equal(stemIndexCounters.builds, built + 1);
    const firstMaps = first.workspace.corpus.stories.map((story) => first.workspace.claimsMap(story).now());
    assert.equal(stemIndexCounters.builds, built + 1);

    const second = await Workspace.open(folder.root, options);
    assert.equal(second.opened.cache, 'hit');
    const secondMaps = second.workspace.corpus.stories.map((story) => second.workspace.claimsMap(story).now());
    assert.equal(stemIndexCounters.builds, built + 1, 'the second start reads the stems from the cache');
    assert.deepEqual(secondMaps, firstMaps);
    const fresh = new ClaimComparer(second.workspace.corpus);
    assert.deepEqual(
      nonEmpty(second.workspace.corpus.stories).map((story) => buildClaimsMap(fresh, story)),
      secondMaps,
    );
    assert.ok(secondMaps.some((map) => map.claims.some((claim) => Object.keys(claim.sources).length > 1)), 'claims carried by several sources');
  });
});
