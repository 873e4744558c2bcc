import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { ingestCorpus, ingestInput } from '../../src/core/db/ingest.js';
import { folderInput } from '../../src/core/db/input.js';
import { migrate } from '../../src/core/db/schema.js';
import { findCorpusFiles, loadCorpus } from '../../src/core/load.js';
import { extractCorpusQuotes } from '../../src/core/quotes/extract.js';
import { groupQuotes } from '../../src/core/quotes/grouping.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { countOf, createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

const STORIES = ['harbour', 'vote', 'flood', 'strike'];
const ARTICLES_PER_STORY = 6;

/** Four stories of six articles, each outlet in several stories (labels are unique over the corpus), quotes repeated across a story's sources. */
function storyFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  STORIES.forEach((story, storyAt) => {
    for (let at = 0; at < ARTICLES_PER_STORY; at++) {
      const outlet = ['The Times', 'Daily Post', 'Wire'][at % 3]!;
      const quote = at % 2 === 0 ? `"The ${story} will change this town for years to come," said Ann Price.` : `"We were not told about the ${story} in time," said Maria Lopez.`;
      files[`${story}/a${at}.md`] = `---\ntitle: ${story} report ${at}\noutlet: ${outlet}\ndate: 2024-03-0${1 + (storyAt % 2)}\n---\n\nThe ${story} was the talk of the day. ${quote}\n\nOfficials said more would follow.\n`;
    }
  });
  files['note.txt'] = 'A note at the top level\n\n"Nothing to add," said the clerk.\n';
  return files;
}

/** Every row the archive stores, in key order. */
async function storedRows(client: pg.Client): Promise<unknown[]> {
  const tables = ['documents ORDER BY story, source', 'passages ORDER BY story, source, seq', 'quotes ORDER BY story, source, seq', 'quote_groups ORDER BY story, group_key'];
  const rows: unknown[] = [];
  for (const table of tables) rows.push((await client.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows);
  return rows;
}

describe('a corpus streamed into the archive', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(storyFiles());
  const documents = STORIES.length * ARTICLES_PER_STORY + 1;
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('holds two batches of documents and one story of quotes at a time, and stores the rows of the corpus loaded whole', async () => {
    const loaded = await loadCorpus(folder.root);
    await ingestCorpus(database.client, loaded, { programVersion: 'test' });
    const whole = await storedRows(database.client);
    await database.client.query('DELETE FROM documents');
    const input = await folderInput(await findCorpusFiles(folder.root));
    const summary = await ingestInput(database.client, input, { programVersion: 'test', batchDocuments: 3, bulkDocuments: 1, groupingChunkQuotes: 1 });
    assert.equal(summary.added, documents);
    assert.ok(summary.held.documents > 0 && summary.held.documents <= 2 * 3, `held ${summary.held.documents} documents at once`);
    const quotes = await countOf(database.client, 'SELECT count(*) FROM quotes');
    const largestStory = await countOf(database.client, 'SELECT max(n) AS count FROM (SELECT count(*) AS n FROM quotes GROUP BY story) s');
    assert.ok(quotes > largestStory);
    assert.ok(summary.held.quotes > 0 && summary.held.quotes <= largestStory, `held ${summary.held.quotes} of ${quotes} quotes at once`);
    assert.deepEqual(await storedRows(database.client), whole, 'the same rows, labels and hashes included');
    assert.equal(await countOf(database.client, 'SELECT count(DISTINCT label) FROM documents'), documents, 'labels unique over the corpus');
  });

  it("stores each story's quote groups as the engine groups a corpus of that story alone", async () => {
    for (const story of STORIES) {
      const alone = temporaryCorpus(Object.fromEntries(Object.entries(storyFiles()).filter(([name]) => name.startsWith(`${story}/`))));
      try {
        const expected = groupQuotes(extractCorpusQuotes(await loadCorpus(alone.root)))
          .map((group) => group.members.map((member) => member.quote.source).sort().join(' '))
          .sort();
        const stored = await database.client.query<{ members: string }>(
          "SELECT string_agg(source, ' ' ORDER BY source) AS members FROM quotes WHERE story = $1 GROUP BY group_key ORDER BY members",
          [story],
        );
        assert.ok(expected.length > 0);
        assert.deepEqual(
          stored.rows.map((row) => row.members),
          expected,
        );
      } finally {
        alone.cleanup();
      }
    }
  });

  it('a re-run groups again only the stories it changed', async () => {
    const summary = await ingestInput(database.client, await folderInput(await findCorpusFiles(folder.root)), { programVersion: 'test' });
    assert.equal(summary.grouped, false);
    // Its metadata as before, so no other document's label changes (labels are unique over the corpus).
    const file = path.join(folder.root, 'vote', 'a1.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Maria Lopez', 'Mary Lopez'));
    const changed = await ingestInput(database.client, await folderInput(await findCorpusFiles(folder.root)), { programVersion: 'test', groupingChunkQuotes: 1 });
    assert.deepEqual([changed.changed, changed.unchanged, changed.grouped], [1, documents - 1, true]);
    const voteQuotes = await countOf(database.client, "SELECT count(*) FROM quotes WHERE story = 'vote'");
    assert.equal(changed.held.quotes, voteQuotes, 'only the story that lost a document is read back');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quotes WHERE group_key IS NULL'), 0);
  });

  it('a file gone between the two passes stops the run with a corpus error, leaving whole documents', async () => {
    await database.client.query('DELETE FROM documents');
    const input = await folderInput(await findCorpusFiles(folder.root));
    rmSync(path.join(folder.root, 'strike', 'a2.md'));
    await assert.rejects(ingestInput(database.client, input, { programVersion: 'test', batchDocuments: 4 }), /changed while it was being indexed/);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 0);
    assert.ok((await countOf(database.client, 'SELECT count(*) FROM documents')) > 0, 'the batches before the gone file are written');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents d WHERE passage_count <> (SELECT count(*) FROM passages p WHERE p.story = d.story AND p.source = d.source)'), 0);
  });
});

describe('a corpus without story folders, grouped in slices', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const files: Record<string, string> = {};
  for (let at = 0; at < 8; at++) files[`wire${at}.txt`] = `Wire ${at}\n\n"The harbour will reopen next week," said Ann Price on day ${at}.\n`;
  const folder = temporaryCorpus(files);
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('groups every top-level quote together within a chunk, and holds one slice of quotes when they are more', async () => {
    const whole = await ingestInput(database.client, await folderInput(await findCorpusFiles(folder.root)), { programVersion: 'test' });
    assert.equal(whole.held.quotes, 8);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quote_groups'), 1, 'one quotation in eight sources, as in memory');
    await database.client.query('UPDATE ingest_state SET complete = false');
    const sliced = await ingestInput(database.client, await folderInput(await findCorpusFiles(folder.root)), { programVersion: 'test', groupingChunkQuotes: 3 });
    assert.ok(sliced.held.quotes > 0 && sliced.held.quotes <= 3, `held ${sliced.held.quotes} quotes at once`);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quotes WHERE group_key IS NULL'), 0);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quote_groups'), 3, 'slices of three, three and two sources');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM quote_groups g WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.group_key = g.group_key)'), 0);
  });
});

describe('crosscheck index reading the folder a batch at a time', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus({
    'wire/a.txt': 'Harbour fire\n\nThe fire at the harbour burned for hours.\n',
    'wire/empty.txt': '',
    'feed.jsonl': `${JSON.stringify({ id: 'r1', headline: 'Docks reopen', body: 'The docks reopened on Tuesday after the fire.' })}\n`,
  });
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('says what it skipped, reads records with --fields, and refuses a field no record has', async () => {
    const result = runCli(['index', '--db', database.url, '--corpus', folder.root, '--fields', 'text=body,title=headline', '--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /1 file\(s\) or record\(s\) skipped/);
    assert.equal((JSON.parse(result.stdout) as { documents: number }).documents, 2);
    const record = await database.client.query<{ title: string; text: string }>("SELECT title, text FROM documents WHERE format = 'jsonl'");
    assert.equal(record.rows[0]?.title, 'Docks reopen');
    assert.match(record.rows[0]?.text ?? '', /docks reopened/);
    const missing = runCli(['index', '--db', database.url, '--corpus', folder.root, '--fields', 'text=nothing']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--fields text=nothing: no record of corpus/);
  });
});
