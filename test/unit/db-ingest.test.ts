import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { asDatabaseFailure, connectDatabase, isDatabaseProblem } from '../../src/core/db/connect.js';
import { NUL_STAND_IN } from '../../src/core/db/copy.js';
import { ingestCorpus, type IngestOptions } from '../../src/core/db/ingest.js';
import { ArchiveError, migrate, SCHEMA_VERSION } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { extractCorpusQuotes } from '../../src/core/quotes/extract.js';
import type { Corpus } from '../../src/core/types.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { countOf, createTestDatabase, skipWithoutDatabase, withPassword, type TestDatabase } from '../helpers/db.js';
import { HOSTILE_ARTICLE } from '../helpers/hostile.js';

const TRIGRAM_INDEX_COUNT = "SELECT count(*) FROM pg_indexes WHERE indexname = 'passages_text_trgm'";
const OPTIONS: IngestOptions = { programVersion: 'test' };

const HTML_PAGE = `<!doctype html><html><head><title>Council vote delayed again</title>
<meta property="og:site_name" content="City Herald"><meta property="article:published_time" content="2024-03-03"></head>
<body><article><h1>Council vote delayed again</h1>
<p>The city council delayed its vote on the harbour budget for a second week on Tuesday, after a long debate.</p>
<p>"We need more time to read the figures," said Councillor Ann Price, who chairs the finance committee.</p>
<p>The vote is now expected next month, officials said, once the auditors have reported on the costs.</p>
</article></body></html>
`;

/** One article in each format the loader reads, in two stories and at the top level. */
function formatFiles(): Record<string, string> {
  return {
    'harbour/times.md': '---\ntitle: Harbour fire\noutlet: The Times\ndate: 2024-03-01\n---\n\nThe fire at the harbour burned for hours.\n\n"We lost everything we had in the fire last night," said Maria Lopez.\n',
    'harbour/wire.txt': 'Harbour fire destroys warehouses\n\nA fire at the harbour destroyed warehouses on Monday. "We lost everything we had in the fire last night," said Maria Lopez, a trader.\n',
    'harbour/feed.jsonl': `${JSON.stringify({ id: 'f1', outlet: 'Feed One', date: '2024-03-01', title: 'Fire at the docks', text: 'Fire crews fought a blaze at the docks. Nobody was hurt.' })}\n${JSON.stringify({ id: 'f2', outlet: 'Feed Two', title: 'Docks reopen', text: 'The docks reopened on Tuesday.' })}\n`,
    'vote/table.csv': 'id,outlet,date,title,text\nv1,Daily Post,2024-03-02,Council vote,"The council voted on the budget. ""It is a good day,"" said Ann Price."\n',
    'vote/page.html': HTML_PAGE,
    'top.txt': 'A note at the top level\n\nIt belongs to no story.\n',
  };
}

interface StoredPassage {
  source: string;
  seq: number;
  story: string;
  line: number;
  paragraph: number;
  sentence: number;
  text: string;
}

/** Asserts the archive holds exactly the corpus: its documents, their text and metadata, and every passage. */
async function assertArchiveHolds(client: pg.Client, corpus: Corpus): Promise<void> {
  const documents = await client.query<{ source: string; story: string; text: string; title: string; outlet: string | null; format: string; record: number | null }>(
    'SELECT source, story, text, title, outlet, format, record FROM documents ORDER BY source',
  );
  const expected = [...corpus.documents].sort((a, b) => (a.source < b.source ? -1 : 1));
  assert.deepEqual(
    documents.rows,
    expected.map((document) => ({ source: document.source, story: document.story ?? '', text: document.text, title: document.title, outlet: document.outlet, format: document.format, record: document.record })),
  );
  const passages = await client.query<StoredPassage>('SELECT source, seq, story, line, paragraph, sentence, text FROM passages ORDER BY source, seq');
  const seqs = new Map<string, number>();
  const expectedPassages = corpus.passages
    .map((passage) => {
      const seq = seqs.get(passage.source) ?? 0;
      seqs.set(passage.source, seq + 1);
      return { source: passage.source, seq, story: passage.story ?? '', line: passage.line, paragraph: passage.paragraph, sentence: passage.sentence, text: passage.text };
    })
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.seq - b.seq));
  assert.ok(expectedPassages.length > 0);
  assert.deepEqual(passages.rows, expectedPassages);
  assert.equal(await countOf(client, 'SELECT count(*) FROM quotes'), extractCorpusQuotes(corpus).length);
  // Every document's counts agree with its rows: no document is half written.
  assert.equal(await countOf(client, 'SELECT count(*) FROM documents d WHERE passage_count <> (SELECT count(*) FROM passages p WHERE p.story = d.story AND p.source = d.source)'), 0);
}

describe('ingest into PostgreSQL', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('creates the schema once, with the trigram index, and refuses a schema newer than the program', async () => {
    // Every version in turn, up to this program's.
    assert.deepEqual(await migrate(database.client), Array.from({ length: SCHEMA_VERSION }, (_, at) => at + 1));
    assert.deepEqual(await migrate(database.client), []);
    const index = await database.client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'passages_text_trgm'");
    assert.match(index.rows[0]?.indexdef ?? '', /USING gin \(text gin_trgm_ops\)/);
    await database.client.query('INSERT INTO schema_version (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    await assert.rejects(migrate(database.client), (error: unknown) => error instanceof ArchiveError && /newer than this crosscheck's/.test(error.message));
    await database.client.query('DELETE FROM schema_version WHERE version = $1', [SCHEMA_VERSION + 1]);
  });

  const folder = temporaryCorpus(formatFiles());
  after(() => folder.cleanup());

  it('stores every format: documents with metadata, passages with source and line, quotes with speakers and groups', async () => {
    await migrate(database.client);
    const corpus = await loadCorpus(folder.root);
    assert.deepEqual(new Set(corpus.documents.map((document) => document.format)), new Set(['text', 'jsonl', 'csv', 'html']));
    const summary = await ingestCorpus(database.client, corpus, OPTIONS);
    assert.deepEqual([summary.added, summary.changed, summary.removed, summary.unchanged], [corpus.documents.length, 0, 0, 0]);
    await assertArchiveHolds(database.client, corpus);
    const lopez = await database.client.query<{ group_key: string; speaker: string }>("SELECT group_key, speaker FROM quotes WHERE speaker = 'Maria Lopez' ORDER BY source");
    assert.equal(lopez.rows.length, 2);
    assert.equal(lopez.rows[0]!.group_key, lopez.rows[1]!.group_key, 'the two sources of one quotation share a group');
    assert.equal(await countOf(database.client, "SELECT count(*) FROM quote_groups WHERE sources = 2 AND speaker = 'Maria Lopez'"), 1);
    const csv = await database.client.query<{ outlet: string; date: string; story: string; record: number }>("SELECT outlet, date, story, record FROM documents WHERE format = 'csv'");
    assert.deepEqual(csv.rows, [{ outlet: 'Daily Post', date: '2024-03-02', story: 'vote', record: 2 }]);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 1);
  });

  it('re-run on an unchanged corpus writes no row and sends only the two reads of its plan', async () => {
    const corpus = await loadCorpus(folder.root);
    const summary = await ingestCorpus(database.client, corpus, OPTIONS);
    assert.deepEqual([summary.added, summary.changed, summary.removed, summary.unchanged], [0, 0, 0, corpus.documents.length]);
    assert.equal(summary.rowsWritten, 0);
    assert.equal(summary.statements, 2);
    assert.equal(summary.grouped, false);
  });

  it('a changed file is rewritten, a removed one deleted with its passages and quotes, a new one added', async () => {
    writeFileSync(path.join(folder.root, 'harbour/wire.txt'), 'Harbour fire destroys warehouses\n\nA fire at the harbour destroyed six warehouses on Monday night.\n');
    rmSync(path.join(folder.root, 'vote/table.csv'));
    writeFileSync(path.join(folder.root, 'vote/later.txt'), 'Vote passes\n\nThe council passed the budget a week later.\n');
    const corpus = await loadCorpus(folder.root);
    const summary = await ingestCorpus(database.client, corpus, OPTIONS);
    assert.deepEqual([summary.added, summary.changed, summary.removed], [1, 1, 1]);
    assert.equal(summary.unchanged, corpus.documents.length - 2);
    await assertArchiveHolds(database.client, corpus);
    assert.equal(await countOf(database.client, "SELECT count(*) FROM quotes WHERE source LIKE 'vote/table%'"), 0);
    assert.equal(await countOf(database.client, "SELECT count(*) FROM quotes WHERE speaker = 'Maria Lopez'"), 1, 'the changed file lost its quote');
  });

  it('a run stopped between batches leaves whole documents and an unfinished state; the next run completes it', async () => {
    await database.client.query('DELETE FROM documents');
    await database.client.query('UPDATE ingest_state SET complete = true, fingerprint = NULL');
    const corpus = await loadCorpus(folder.root);
    const stopped = ingestCorpus(database.client, corpus, {
      ...OPTIONS,
      batchDocuments: 2,
      bulkDocuments: 1,
      afterBatch: (batch) => {
        if (batch === 2) throw new Error('stopped for the test');
      },
    });
    await assert.rejects(stopped, /stopped for the test/);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 4);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 0);
    assert.equal(await countOf(database.client, TRIGRAM_INDEX_COUNT), 0, 'a bulk load drops the trigram index until its end');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents d WHERE quote_count <> (SELECT count(*) FROM quotes q WHERE q.story = d.story AND q.source = d.source)'), 0);
    const resumed = await ingestCorpus(database.client, corpus, OPTIONS);
    assert.deepEqual([resumed.added, resumed.unchanged], [corpus.documents.length - 4, 4]);
    await assertArchiveHolds(database.client, corpus);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 1);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quotes WHERE group_key IS NULL'), 0);
    assert.equal(await countOf(database.client, TRIGRAM_INDEX_COUNT), 1, 'the next run builds the index again');
  });

  it('a connection lost mid-run is one line without the password, and leaves the archive consistent', async () => {
    await database.client.query('DELETE FROM documents');
    const corpus = await loadCorpus(folder.root);
    const connection = await connectDatabase(database.url);
    const lost = ingestCorpus(connection.client, corpus, {
      ...OPTIONS,
      batchDocuments: 2,
      afterBatch: async (batch) => {
        if (batch === 1) await database.client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'crosscheck' AND datname = current_database() AND pid <> pg_backend_pid()");
      },
    });
    const error = await lost.then(
      () => assert.fail('the run went on without its connection'),
      (caught: unknown) => caught,
    );
    await connection.close();
    assert.ok(isDatabaseProblem(error), String(error));
    const line = asDatabaseFailure(error, withPassword(database.url, 'postgres', 'Secret-Word')).message;
    assert.match(line, /^PostgreSQL at .*:\*\*\*@/);
    assert.ok(!line.includes('\n') && !line.includes('Secret-Word'), line);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 2);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents d WHERE passage_count <> (SELECT count(*) FROM passages p WHERE p.story = d.story AND p.source = d.source)'), 0);
    await ingestCorpus(database.client, corpus, OPTIONS);
    await assertArchiveHolds(database.client, corpus);
  });

  it('an interrupted run that wrote every document still finishes its groups next time', async () => {
    await database.client.query('UPDATE ingest_state SET complete = false');
    await database.client.query('UPDATE quotes SET group_key = NULL');
    const corpus = await loadCorpus(folder.root);
    const summary = await ingestCorpus(database.client, corpus, OPTIONS);
    assert.equal(summary.passagesWritten, 0);
    assert.equal(summary.grouped, true);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quotes WHERE group_key IS NULL'), 0);
  });
});

describe('hostile text in the archive', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
  });

  it('stores escape sequences, C1 controls, bidi and tag characters exactly, and a NUL as \u2400 with a warning', async () => {
    const folder = temporaryCorpus({
      'hostile.txt': HOSTILE_ARTICLE,
      'records.jsonl': `${JSON.stringify({ id: 'n1', title: 'Nul', text: 'Before\u0000after the NUL. Tab\there and a back\\slash.' })}\n`,
    });
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, OPTIONS);
      const hostile = corpus.documents.find((document) => document.source === 'hostile')!;
      const stored = await database.client.query<{ text: string }>("SELECT text FROM documents WHERE source = 'hostile'");
      assert.equal(stored.rows[0]!.text, hostile.text);
      const passages = await database.client.query<{ text: string }>("SELECT text FROM passages WHERE source = 'hostile' ORDER BY seq");
      assert.deepEqual(
        passages.rows.map((row) => row.text),
        corpus.passages.filter((passage) => passage.source === 'hostile').map((passage) => passage.text),
      );
      const record = corpus.documents.find((document) => document.format === 'jsonl')!;
      assert.ok(record.text.includes('\0'), 'the loader keeps a NUL of a JSON record');
      const nul = await database.client.query<{ text: string; warnings: string[] }>('SELECT text, warnings FROM documents WHERE source = $1', [record.source]);
      assert.equal(nul.rows[0]!.text, record.text.replaceAll('\0', NUL_STAND_IN));
      assert.ok(nul.rows[0]!.warnings.some((warning) => warning.includes('NUL')));
      assert.ok(nul.rows[0]!.text.includes('Tab\there and a back\\slash.'));
    } finally {
      folder.cleanup();
    }
  });
});
