import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { rememberRun, unchangedArchive } from '../../src/core/db/lastRun.js';
import { migrate } from '../../src/core/db/schema.js';
import { corpusKey, RACY_WINDOW_MS } from '../../src/core/fingerprint.js';
import { loadCorpus } from '../../src/core/load.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

const FILES = {
  'harbour/times.txt': 'Harbour fire\n\nThe fire at the harbour burned for hours. "We lost everything," said Maria Lopez.\n',
  'harbour/wire.txt': 'Fire destroys warehouses\n\nA fire destroyed warehouses on Monday.\n',
  'vote/post.txt': 'Council vote\n\nThe council voted on the budget.\n',
};

/** The corpus's key as a run takes it, without the racy window (the files were written a moment ago). */
const keyOf = (root: string) => corpusKey(root, 'test', 0);

describe('an unchanged re-run told from the file system', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(FILES);
  const cache = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cache-'));
  const env = { XDG_CACHE_HOME: cache };
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });

  /** A complete run, recorded as the command records it. */
  async function completeRun(): Promise<void> {
    const key = await keyOf(folder.root);
    const corpus = await loadCorpus(folder.root);
    const summary = await ingestCorpus(database.client, corpus, { programVersion: 'test' });
    rememberRun(corpus.root, key, summary.fingerprint, 0, env);
  }

  it('is recognised after a complete run, with the archive counts, and only then', async () => {
    assert.equal(await unchangedArchive(database.client, folder.root, await keyOf(folder.root), env), null, 'no run recorded yet');
    await completeRun();
    const unchanged = await unchangedArchive(database.client, folder.root, await keyOf(folder.root), env);
    const corpus = await loadCorpus(folder.root);
    assert.deepEqual(unchanged, { documents: corpus.documents.length, passages: corpus.passages.length, skipped: 0 });
  });

  it('not when a file changed, was added or removed since', async () => {
    await completeRun();
    writeFileSync(path.join(folder.root, 'vote/post.txt'), 'Council vote\n\nThe council voted on the budget on Friday.\n');
    assert.equal(await unchangedArchive(database.client, folder.root, await keyOf(folder.root), env), null, 'an edited file');
    await completeRun();
    writeFileSync(path.join(folder.root, 'vote/later.txt'), 'Vote passes\n\nThe council passed the budget.\n');
    assert.equal(await unchangedArchive(database.client, folder.root, await keyOf(folder.root), env), null, 'a new file');
    await completeRun();
    rmSync(path.join(folder.root, 'vote/later.txt'));
    assert.equal(await unchangedArchive(database.client, folder.root, await keyOf(folder.root), env), null, 'a removed file');
  });

  it('not when the archive changed since: unfinished, or at another fingerprint', async () => {
    await completeRun();
    const key = await keyOf(folder.root);
    assert.notEqual(await unchangedArchive(database.client, folder.root, key, env), null);
    await database.client.query('UPDATE ingest_state SET complete = false');
    assert.equal(await unchangedArchive(database.client, folder.root, key, env), null, 'an unfinished run');
    await completeRun();
    await database.client.query("UPDATE ingest_state SET fingerprint = 'another corpus'");
    assert.equal(await unchangedArchive(database.client, folder.root, key, env), null, 'another fingerprint');
  });

  it('not for a corpus changed too recently to be told by its key, nor with the cache turned off', async () => {
    await completeRun();
    const key = await keyOf(folder.root);
    assert.equal(await unchangedArchive(database.client, folder.root, { ...key, racy: true }, env), null, 'a racy key');
    assert.equal(await unchangedArchive(database.client, folder.root, key, { ...env, CROSSCHECK_CACHE_MAX_BYTES: '0' }), null, 'the cache off');
    // A racy run removes the record: no older one outlives it.
    rememberRun(folder.root, { ...key, racy: true }, 'whatever', 0, env);
    assert.equal(await unchangedArchive(database.client, folder.root, key, env), null, 'the record was removed');
  });
});

describe('crosscheck index run again on an unchanged corpus', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(FILES);
  const cache = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cache-'));
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });

  const index = (env: Record<string, string> = {}): Record<string, number> => {
    const result = runCli(['index', '--db', database.url, '--corpus', folder.root, '--json'], { XDG_CACHE_HOME: cache, ...env });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, number>;
  };
  const counts = (summary: Record<string, number>): number[] => [summary.added!, summary.changed!, summary.removed!, summary.unchanged!];

  it('reads neither files nor rows; with the cache off every hash is compared; an edit is seen', async () => {
    // Files changed within the racy window cannot be told from their next version by their key (fingerprint.ts).
    await new Promise((resolve) => setTimeout(resolve, RACY_WINDOW_MS + 200));
    const first = index();
    assert.equal(first.added, 3);
    assert.ok(readdirSync(path.join(cache, 'crosscheck')).some((name) => name.startsWith('archive-run-')), 'the complete run is recorded');
    // A stored hash altered behind the program's back: only a run that compares hashes sees it.
    await database.client.query("UPDATE documents SET content_hash = 'altered' WHERE source = 'vote/post'");
    const again = index();
    assert.deepEqual(counts(again), [0, 0, 0, 3]);
    assert.equal(again.passagesWritten, 0);
    assert.equal(again.passages, first.passages);
    assert.deepEqual(counts(index({ CROSSCHECK_CACHE_MAX_BYTES: '0' })), [0, 1, 0, 2], 'the whole way, comparing hashes');
    writeFileSync(path.join(folder.root, 'harbour/wire.txt'), 'Fire destroys warehouses\n\nA fire destroyed six warehouses on Monday.\n');
    assert.deepEqual(counts(index()), [0, 1, 0, 2], 'an edited file');
  });
});
