import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { decodeCache, decodeCacheSteps, encodeCache, CacheCorruptError } from '../../src/core/cache.js';
import { cacheFolder } from '../../src/core/cacheFolder.js';
import { RACY_WINDOW_MS, corpusKey } from '../../src/core/fingerprint.js';
import { loadCorpus } from '../../src/core/load.js';
import { loadIndexedCorpus } from '../../src/core/open.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import { runCli } from '../helpers/cli.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';

const QUERIES = ['Hua Chuning', "'170,000", 'twiter !China', '^China', 'Beijing | Twitter accounts'];

function results(index: PassageIndex): unknown[] {
  return QUERIES.map((query) => index.search(query, { limit: 20 }).map((hit) => [hit.passage.id, hit.score, hit.matches]));
}

/** Enough articles to pass the size below which nothing is cached. */
function largeCorpusFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let article = 0; article < 60; article++) {
    const sentences = Array.from({ length: 90 }, (_, sentence) => `Article ${article} says fact number ${sentence} about the harbour.`);
    files[`story${article % 3}/a${article}.txt`] = `Harbour report ${article}\n\n${sentences.join(' ')}\n`;
  }
  return files;
}

describe('index cache', () => {
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cache-'));
  const env = { XDG_CACHE_HOME: cacheHome };
  // The corpus is written just before: without this, it is too fresh to be cached (see CorpusKey.racy).
  const fresh = { racyWindowMs: 0 };
  const folder = temporaryCorpus(largeCorpusFiles());
  let writtenAt = Date.now();
  after(() => {
    rmSync(cacheHome, { recursive: true, force: true });
    folder.cleanup();
  });

  it('lives under $XDG_CACHE_HOME/crosscheck, else ~/.cache/crosscheck', () => {
    assert.equal(cacheFolder({ XDG_CACHE_HOME: '/tmp/x' }), '/tmp/x/crosscheck');
    assert.equal(cacheFolder({}), path.join(os.homedir(), '.cache', 'crosscheck'));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'crosscheck'));
  });

  it('round-trips a corpus and its index: the same answers from the decoded copy', async () => {
    const corpus = await bundledCorpus();
    const index = new PassageIndex(corpus);
    const decoded = decodeCache(encodeCache(corpus, index.parts()));
    assert.deepEqual(decoded.corpus, JSON.parse(JSON.stringify(corpus)));
    assert.deepEqual(results(new PassageIndex(decoded.corpus, decoded.parts)), results(index));
  });

  it('decodes a large corpus a thousand items at a time, pausing between pieces, to the same corpus', async () => {
    const files: Record<string, string> = {};
    for (let article = 0; article < 300; article++) {
      files[`a${article}.txt`] = `Report ${article}\n\n${Array.from({ length: 9 }, (_, at) => `Sentence ${at} of report ${article} said “quoted ${at}”.`).join(' ')}\n`;
    }
    const large = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(large.root);
      assert.ok(corpus.passages.length > 2048, `${corpus.passages.length} passages`);
      const steps = decodeCacheSteps(encodeCache(corpus, new PassageIndex(corpus).parts()));
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      // The header, then each thousand passages.
      assert.ok(pauses >= 4, `${pauses} pauses`);
      assert.deepEqual(step.value.corpus, JSON.parse(JSON.stringify(corpus)));
    } finally {
      large.cleanup();
    }
  });

  it('refuses a header whose pieces do not make up the documents or passages', async () => {
    const corpus = await bundledCorpus();
    const bytes = encodeCache(corpus, new PassageIndex(corpus).parts());
    const headerLength = Number(bytes.readBigUInt64LE(8));
    const header = bytes.toString('utf8', 16, 16 + headerLength);
    // The documents' piece given another length, the header's own length unchanged (one digit changed).
    const damagedHeader = header.replace(/"pieces":\[\[1,(\d)/, (_, digit: string) => `"pieces":[[1,${(Number(digit) + 1) % 10}`);
    assert.notEqual(damagedHeader, header);
    const damaged = Buffer.concat([bytes.subarray(0, 16), Buffer.from(damagedHeader), bytes.subarray(16 + headerLength)]);
    assert.throws(() => decodeCache(damaged), CacheCorruptError);
  });

  it('refuses truncated or foreign bytes with CacheCorruptError', async () => {
    const corpus = await bundledCorpus();
    const bytes = encodeCache(corpus, new PassageIndex(corpus).parts());
    for (const damaged of [Buffer.from('hello world, not a cache'), bytes.subarray(0, bytes.length - 100), bytes.subarray(0, 40)]) {
      assert.throws(() => decodeCache(damaged), CacheCorruptError);
    }
  });

  it('writes the cache on the first load and reads it on the second', async () => {
    const first = await loadIndexedCorpus(folder.root, { version: 'test', env, ...fresh });
    assert.equal(first.cache, 'written');
    const second = await loadIndexedCorpus(folder.root, { version: 'test', env, ...fresh });
    assert.equal(second.cache, 'hit');
    assert.deepEqual(second.corpus.passages, first.corpus.passages);
    assert.deepEqual(
      second.index.search('harbour fact 42', { limit: 10 }).map((hit) => hit.passage.id),
      first.index.search('harbour fact 42', { limit: 10 }).map((hit) => hit.passage.id),
    );
    // Only the renamed file stays: no temporary files left behind.
    assert.deepEqual(readdirSync(cacheFolder(env)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('can answer before the cache is written, and write it in the background', async () => {
    const backgroundEnv = { XDG_CACHE_HOME: mkdtempSync(path.join(os.tmpdir(), 'crosscheck-background-')) };
    try {
      const first = await loadIndexedCorpus(folder.root, { version: 'test', env: backgroundEnv, writeInBackground: true, ...fresh });
      assert.equal(first.cache, 'writing');
      assert.ok(first.index.search('harbour fact 42', { limit: 5 }).length > 0, 'searchable before the cache is written');
      assert.equal(await first.written, 'written');
      assert.deepEqual(readdirSync(cacheFolder(backgroundEnv)).filter((name) => name.endsWith('.tmp')), []);
      const second = await loadIndexedCorpus(folder.root, { version: 'test', env: backgroundEnv, ...fresh });
      assert.equal(second.cache, 'hit');
      assert.deepEqual(second.corpus, first.corpus);
      assert.deepEqual(second.index.parts(), first.index.parts());
    } finally {
      rmSync(backgroundEnv.XDG_CACHE_HOME, { recursive: true, force: true });
    }
  });

  it('loads anyway when the cache cannot be written, in the background too, leaving no temporary file', async () => {
    // A cache folder under a regular file: not even root can create it.
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), 'crosscheck-blocked-')), 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder would go');
    const blockedEnv = { XDG_CACHE_HOME: blocker };
    try {
      const atOnce = await loadIndexedCorpus(folder.root, { version: 'test', env: blockedEnv, ...fresh });
      assert.equal(atOnce.cache, 'unavailable');
      assert.ok(atOnce.corpus.passages.length > 0);
      assert.match(atOnce.notes.join('\n'), /cache folder .*not-a-folder\/crosscheck cannot be (created|used) \(a file stands in its path\); running without a cache/);
      const background = await loadIndexedCorpus(folder.root, { version: 'test', env: blockedEnv, writeInBackground: true, ...fresh });
      assert.equal(background.cache, 'unavailable');
      assert.equal(background.written, undefined);
      assert.deepEqual(readdirSync(path.dirname(blocker)), ['not-a-folder']);
    } finally {
      rmSync(path.dirname(blocker), { recursive: true, force: true });
    }
  });

  it('rebuilds, without failing, when the cache file is corrupt', async () => {
    const file = path.join(cacheFolder(env), (await corpusKey(folder.root, 'test')).name);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const rebuilt = await loadIndexedCorpus(folder.root, { version: 'test', env, ...fresh });
    assert.equal(rebuilt.cache, 'written');
    assert.equal((await loadIndexedCorpus(folder.root, { version: 'test', env, ...fresh })).cache, 'hit');
  });

  it('keys the cache by file sizes and times, and by the program version', async () => {
    const before = (await corpusKey(folder.root, 'test')).key;
    assert.notEqual((await corpusKey(folder.root, 'test-2')).key, before);
    const file = path.join(folder.root, 'story0', 'a0.txt');
    writeFileSync(file, 'Harbour report changed\n\nA new sentence.\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    writtenAt = Date.now();
    assert.notEqual((await corpusKey(folder.root, 'test')).key, before);
    const reloaded = await loadIndexedCorpus(folder.root, { version: 'test', env, ...fresh });
    assert.equal(reloaded.cache, 'written');
    assert.ok(reloaded.corpus.passages.some((passage) => passage.text === 'A new sentence.'));
  });

  it('serves the commands too: the second search of a large corpus reads the cache and answers the same', async () => {
    // The program caches no corpus changed within RACY_WINDOW_MS.
    await delay(Math.max(0, writtenAt + RACY_WINDOW_MS + 100 - Date.now()));
    const commandCache = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cli-cache-'));
    try {
      const args = ['search', 'harbour fact 42', '--corpus', folder.root, '--json'];
      const first = runCli(args, { XDG_CACHE_HOME: commandCache });
      assert.equal(first.status, 0, first.stderr);
      assert.equal(readdirSync(path.join(commandCache, 'crosscheck')).filter((name) => name.endsWith('.bin')).length, 1);
      const second = runCli(args, { XDG_CACHE_HOME: commandCache });
      assert.equal(second.status, 0, second.stderr);
      assert.equal(second.stdout, first.stdout);
      assert.ok((JSON.parse(second.stdout) as { results: unknown[] }).results.length > 0);
    } finally {
      rmSync(commandCache, { recursive: true, force: true });
    }
  });

  it('does not cache small corpora, and never when asked not to', async () => {
    const small = temporaryCorpus({ 'a.txt': 'One short article.\n' });
    try {
      assert.equal((await loadIndexedCorpus(small.root, { version: 'test', env, ...fresh })).cache, 'skipped');
      assert.equal((await loadIndexedCorpus(folder.root, { version: 'test', env, useCache: false, ...fresh })).cache, 'skipped');
    } finally {
      small.cleanup();
    }
  });
});
