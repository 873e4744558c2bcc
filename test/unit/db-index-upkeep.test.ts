import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { migrate } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { countOf, createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

/** Pages still in the trigram index's pending list (merging them returns how many there were). */
const PENDING_PAGES = "SELECT gin_clean_pending_list('passages_text_trgm') AS count";

describe('the trigram index after a run', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus({
    'harbour/times.txt': 'Harbour fire\n\nThe fire at the harbour burned for hours. "We lost everything," said Maria Lopez.\n',
    'vote/post.txt': 'Council vote\n\nThe council voted on the budget.\n',
  });
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('a bulk load leaves the tables analysed, so the planner knows their sizes at once', async () => {
    await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test', bulkDocuments: 1 });
    assert.equal(await countOf(database.client, "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('documents', 'passages', 'quotes') AND last_analyze IS NOT NULL"), 3);
  });

  it('a small run leaves no passage waiting in the pending list, which every search reads through', async () => {
    writeFileSync(path.join(folder.root, 'vote/later.txt'), 'Vote passes\n\nThe council passed the budget a week later, after a long debate.\n');
    const summary = await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
    assert.ok(summary.passagesWritten > 0);
    assert.equal(await countOf(database.client, PENDING_PAGES), 0);
  });
});
