import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { migrate } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { countOf, createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

/** Every constraint and index of the archive's tables, as the server would create them again. */
async function schemaObjects(client: pg.Client): Promise<string[]> {
  const constraints = await client.query<{ line: string }>(
    "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
  );
  const indexes = await client.query<{ line: string }>("SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'");
  return [...constraints.rows, ...indexes.rows].map((row) => row.line).sort();
}

/** Indexes the server may not use (a build that failed half-way leaves one invalid). */
const INVALID_INDEXES = "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT (i.indisvalid AND i.indisready)";
const FOREIGN_KEYS = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace";
/** Every row the archive stores of a corpus, in key order. */
async function storedRows(client: pg.Client): Promise<unknown[]> {
  const tables = ['documents ORDER BY story, source', 'passages ORDER BY story, source, seq', 'quotes ORDER BY story, source, seq', 'quote_groups ORDER BY story, group_key'];
  return Promise.all(tables.map(async (table): Promise<unknown[]> => (await client.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows));
}

const ORPHAN_PASSAGES = 'SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.story = p.story AND d.source = p.source)';
const BULK = { programVersion: 'test', bulkDocuments: 1 };

const HALF_WRITTEN =
  'SELECT count(*) FROM documents d WHERE passage_count <> (SELECT count(*) FROM passages p WHERE p.story = d.story AND p.source = d.source) OR quote_count <> (SELECT count(*) FROM quotes q WHERE q.story = d.story AND q.source = d.source)';

describe('a first load into an empty archive', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  let fresh: string[];
  const folder = temporaryCorpus({
    'harbour/times.txt': 'Harbour fire\n\nThe fire at the harbour burned for hours. "We lost everything," said Maria Lopez.\n',
    'harbour/wire.txt': 'Harbour fire spreads\n\n"We lost everything," said Maria Lopez, a trader, on Monday.\n',
    'vote/post.txt': 'Council vote\n\nThe council voted on the budget.\n',
    'vote/herald.txt': 'Budget passes\n\nThe budget passed after a long debate.\n',
  });
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
    fresh = await schemaObjects(database.client);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('leaves every key and index as the schema made them, valid, and the keys cascading', async () => {
    assert.equal(await countOf(database.client, FOREIGN_KEYS), 2);
    const summary = await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test', bulkDocuments: 1 });
    assert.equal(summary.added, 4);
    assert.deepEqual(await schemaObjects(database.client), fresh);
    assert.equal(await countOf(database.client, INVALID_INDEXES), 0);
    assert.ok((await countOf(database.client, "SELECT count(*) FROM passages WHERE source LIKE 'vote/post%'")) > 0);
    await database.client.query("DELETE FROM documents WHERE source LIKE 'vote/post%'");
    assert.equal(await countOf(database.client, "SELECT count(*) FROM passages WHERE source LIKE 'vote/post%'"), 0, 'passages go with their document');
  });

  it('stopped part-way, it leaves whole documents; the next run puts the keys and indexes back before it deletes', async () => {
    await database.client.query('DELETE FROM documents');
    const corpus = await loadCorpus(folder.root);
    const stopped = ingestCorpus(database.client, corpus, {
      programVersion: 'test',
      batchDocuments: 1,
      bulkDocuments: 1,
      afterBatch: (batch) => {
        if (batch === 2) throw new Error('stopped for the test');
      },
    });
    await assert.rejects(stopped, /stopped for the test/);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 2);
    assert.equal(await countOf(database.client, FOREIGN_KEYS), 0, 'the keys are left out while a first load writes');
    assert.equal(await countOf(database.client, HALF_WRITTEN), 0);
    // The next run also deletes a vanished document: its passages must go with it.
    const written = (await database.client.query<{ source: string; path: string }>("SELECT source, path FROM documents WHERE text LIKE '%lost everything%' ORDER BY source LIMIT 1")).rows[0]!;
    writeFileSync(path.resolve(folder.root, written.path), 'Rewritten\n\nA different text now, with "a new quote," said Ann Price.\n');
    const resumed = await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
    assert.deepEqual([resumed.added, resumed.changed, resumed.unchanged], [2, 1, 1]);
    assert.deepEqual(await schemaObjects(database.client), fresh);
    assert.equal(await countOf(database.client, INVALID_INDEXES), 0);
    assert.equal(await countOf(database.client, HALF_WRITTEN), 0);
    const old = await database.client.query("SELECT 1 FROM passages WHERE text LIKE '%lost everything%' AND source = $1", [written.source]);
    assert.equal(old.rowCount, 0, 'the old version left no passage');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 1);
  });
});

describe('a large first load, in batches as the corpus is read', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  let fresh: string[];
  let expected: unknown[];
  const folder = temporaryCorpus({
    'harbour/times.txt': 'Harbour fire\n\nThe fire at the harbour burned for hours. "We lost everything we had in the fire," said Maria Lopez.\n',
    'harbour/wire.txt': 'Harbour fire spreads\n\n"We lost everything we had in the fire," said Maria Lopez, a trader, on Monday.\n',
    'vote/post.txt': 'Council vote\n\nThe council voted on the budget. "It is a good day," said Ann Price.\n',
    'vote/herald.txt': 'Budget passes\n\nThe budget passed after a long debate.\n',
    'top.txt': 'A note at the top level\n\nIt belongs to no story.\n',
  });
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
    fresh = await schemaObjects(database.client);
    // The rows as a small run (no index dropped, no key left out) writes them.
    await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
    expected = await storedRows(database.client);
    await database.client.query('DELETE FROM documents');
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('stores the same rows as a small run, with every key and index back', async () => {
    const summary = await ingestCorpus(database.client, await loadCorpus(folder.root), BULK);
    assert.equal(summary.added, 5);
    assert.ok(summary.passagesWritten > 0 && summary.quotesWritten > 0);
    assert.deepEqual(await storedRows(database.client), expected);
    assert.deepEqual(await schemaObjects(database.client), fresh);
    assert.equal(await countOf(database.client, INVALID_INDEXES), 0);
  });

  it('stopped among the documents, it leaves whole documents and no passage of none; the next run finishes', async () => {
    await database.client.query('DELETE FROM documents');
    const stopped = ingestCorpus(database.client, await loadCorpus(folder.root), {
      ...BULK,
      batchDocuments: 2,
      afterBatch: (batch) => {
        if (batch === 1) throw new Error('stopped for the test');
      },
    });
    await assert.rejects(stopped, /stopped for the test/);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 2);
    assert.equal(await countOf(database.client, ORPHAN_PASSAGES), 0, 'passages are written with their documents');
    assert.equal(await countOf(database.client, HALF_WRITTEN), 0);
    const resumed = await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
    assert.deepEqual([resumed.added, resumed.unchanged], [3, 2]);
    assert.deepEqual(await storedRows(database.client), expected);
    assert.deepEqual(await schemaObjects(database.client), fresh);
  });

  it('stopped after every document, before its groups and indexes, a first load again or a small run finishes it', async () => {
    for (const next of [BULK, { programVersion: 'test' }]) {
      await database.client.query('DELETE FROM documents');
      const corpus = await loadCorpus(folder.root);
      await assert.rejects(
        ingestCorpus(database.client, corpus, {
          ...BULK,
          onProgress: ({ phase }) => {
            if (phase === 'grouping') throw new Error('stopped for the test');
          },
        }),
        /stopped for the test/,
      );
      assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 5);
      assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 0);
      if (next === BULK) await database.client.query('DELETE FROM documents');
      await ingestCorpus(database.client, corpus, next);
      assert.deepEqual(await storedRows(database.client), expected);
      assert.deepEqual(await schemaObjects(database.client), fresh);
      assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 1);
    }
  });
});
