/**
 * The archive's vocabulary (schema version 4): titles found through their words, rare terms read
 * through the trigram index instead of walking passages shortest first, and the vocabulary kept
 * whole by every run that writes. Work is counted (rows PostgreSQL examines, by EXPLAIN ANALYZE),
 * never timed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { RARE_PASSAGES, searchArchive, walksNormIndex, type SearchSession } from '../../src/core/db/archiveSearch.js';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { migrate } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { PassageIndex, type SearchHit } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { nonEmpty } from '../helpers/assertions.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

const shapeOf = (hits: readonly SearchHit[]): unknown[] => hits.map((hit) => ({ key: `${hit.passage.source}#${hit.passage.start}`, score: hit.score, titleOnly: hit.titleOnly === true }));

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Rows of `table` a plan's scans returned over all their loops (a nested loop's lookups). */
function rowsLookedUp(node: PlanNode, table: string): number {
  const own = node['Relation Name'] === table ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsLookedUp(child, table), 0);
}

/** Rows of `table` a plan's scans read (kept, or removed by a filter or a recheck). */
function rowsExamined(node: PlanNode, table: string): number {
  const own = node['Relation Name'] === table ? (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsExamined(child, table), 0);
}

/** A search's statements, run in one read-only transaction; the titled documents' statement explained as it runs. */
async function searchExplained(client: pg.Client, query: string, limit: number): Promise<{ hits: SearchHit[]; statements: string[]; titlesExamined: number; documentLookups: number; passagesRead: number }> {
  const statements: string[] = [];
  let titlesExamined = 0;
  let documentLookups = 0;
  let passagesRead = 0;
  const explained = async (sql: string, values?: unknown[]): Promise<PlanNode> =>
    (await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values)).rows[0]!['QUERY PLAN'][0]!.Plan;
  const session: SearchSession = {
    query: async <R>(sql: string, values?: unknown[]): Promise<R[]> => {
      statements.push(sql);
      if (sql.startsWith('SELECT d.story')) titlesExamined += rowsExamined(await explained(sql, values), 'documents');
      // A candidate cursor as its first page runs it.
      if (sql.startsWith('DECLARE')) {
        const plan = await explained(`${sql.replace(/^DECLARE \S+ NO SCROLL CURSOR FOR /, '')} LIMIT 64`, values);
        documentLookups += rowsLookedUp(plan, 'documents');
        passagesRead += rowsLookedUp(plan, 'passages');
      }
      return (await client.query(sql, values)).rows as R[];
    },
  };
  await client.query('BEGIN READ ONLY');
  // A table of a hundred rows is read whole whatever its indexes: counted as an archive's size would be read.
  await client.query('SET LOCAL enable_seqscan = off');
  try {
    const hits = await searchArchive(session, { statements: 0, rowsRead: 0, scored: 0, vocabularyWords: 0, titledDocuments: 0 }, query, { limit });
    return { hits, statements, titlesExamined, documentLookups, passagesRead };
  } finally {
    await client.query('COMMIT');
  }
}

describe('the archive search through its vocabulary', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
  });
  after(async () => {
    await database?.drop();
  });

  it('examines only the documents whose title holds a word of the term, not every title sharing trigrams with it', async () => {
    const files: Record<string, string> = {};
    // "Volume" shares the trigrams of "vol" with "volcker": word similarity proposes every such title, its two edits reject them.
    for (let index = 0; index < 120; index++) files[`r${index}.txt`] = `Volume report ${index}\n\nTrading was quiet on day ${index}.\n`;
    for (let index = 0; index < 2; index++) files[`f${index}.txt`] = `Volcker talks ${index}\n\nThe chairman spoke to reporters.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      await database.client.query('ANALYZE');
      for (const query of ['volcker', 'volker']) {
        const { hits, titlesExamined } = await searchExplained(database.client, query, 5);
        assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search(query, { limit: 5 })), query);
        assert.ok(nonEmpty(hits).every((hit) => hit.passage.source.startsWith('f')), query);
        // The two titles that match; every "Volume" title besides when titles are checked one by one.
        assert.ok(titlesExamined <= 4, `${query}: ${titlesExamined} titles examined`);
      }
    } finally {
      folder.cleanup();
    }
  });

  it('walks the norm index only for a term whose matches outnumber what a walk would read (the cut-off grows with the archive)', () => {
    assert.ok(!walksNormIndex(RARE_PASSAGES, 0) && walksNormIndex(RARE_PASSAGES + 1, 0));
    // Reuters' texts: 150,000 passages; `oil` (about 5,900 by the vocabulary) is sorted, `'dlrs` (21,000) walked.
    assert.ok(!walksNormIndex(5900, 150_000) && walksNormIndex(21_000, 150_000));
    // Ten times the passages: a term ten times as frequent is still sorted.
    assert.ok(!walksNormIndex(21_000, 1_500_000) && walksNormIndex(60_000, 1_500_000));
  });

  it('sorts a rare term\'s matches by their bound before looking up their documents: only a page of them', async () => {
    const files: Record<string, string> = {};
    // 150 passages hold the word, each of another length (another bound).
    for (let index = 0; index < 150; index++) files[`a${index}.txt`] = `Report ${index}\n\nThe harbour ${Array.from({ length: index }, (_, word) => `w${word}`).join(' ')}.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      await database.client.query('ANALYZE');
      const { hits, documentLookups } = await searchExplained(database.client, 'harbour', 5);
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search('harbour', { limit: 5 })));
      // A page of 64 and the ties of its last bound; joined before the sort, all 150.
      assert.ok(documentLookups > 0 && documentLookups <= 80, `${documentLookups} documents looked up`);
    } finally {
      folder.cleanup();
    }
  });

  it('reads the passages of documents matched by their title document by document, best first: a page, not all of them', async () => {
    const files: Record<string, string> = {};
    // 100 titles hold the word, and so does each title's own line (a passage), none of the 10 sentences after it; two
    // passages elsewhere hold it.
    const sentences = (index: number): string => Array.from({ length: 10 }, (_, at) => `Sentence ${at} of report ${index} says little.`).join(' ');
    for (let index = 0; index < 100; index++) files[`t${index}.txt`] = `Harbour report ${index}\n\n${sentences(index)}\n`;
    for (let index = 0; index < 2; index++) files[`p${index}.txt`] = `Docks ${index}\n\nThe harbour was full.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      await database.client.query('ANALYZE');
      for (const query of ['harbour', 'harbor']) {
        const { hits, passagesRead } = await searchExplained(database.client, query, 5);
        assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search(query, { limit: 5 })), query);
        // The 102 lines that hold the word, and at most a page of 64 of the others (and the rest of its last document);
        // every passage of the titled documents (1,100) when each was bounded.
        assert.ok(passagesRead <= 180, `${query}: ${passagesRead} passages read`);
      }
    } finally {
      folder.cleanup();
    }
  });

  it('reads a rare term through the trigram index, sorted by its bound, and walks a frequent one shortest first', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 20; index++) files[`a${index}.txt`] = `Report ${index}\n\nThe harbour board met on day ${index}.\n`;
    const folder = temporaryCorpus(files);
    try {
      await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
      const exactStream = (statements: readonly string[]): string => nonEmpty(statements.filter((sql) => sql.startsWith('DECLARE')))[0]!;
      const rare = exactStream((await searchExplained(database.client, 'harbour', 5)).statements);
      assert.match(rare, /ORDER BY bound\) p\s+JOIN documents/);
      // Counted far above the cut-off: walked shortest first, by the stored norm.
      await database.client.query("UPDATE vocabulary SET passages = $1 WHERE word = 'harbour'", [1e9]);
      const frequent = exactStream((await searchExplained(database.client, 'harbour', 5)).statements);
      assert.match(frequent, /ORDER BY p\.norm DESC,/);
      // A prefix is not served by the vocabulary: the planner's estimate of its passages (20 at most here) decides, and sorts it.
      assert.match(exactStream((await searchExplained(database.client, '^the', 5)).statements), /ORDER BY bound\) p\s+JOIN documents/);
    } finally {
      folder.cleanup();
    }
  });

  it('holds the words of every document a run writes, a run stopped part-way included, so new titles are found', async () => {
    const files: Record<string, string> = { 'old.txt': 'Harbour news\n\nThe harbour board met.\n' };
    const folder = temporaryCorpus(files);
    const titleOnly = async (corpus: Corpus, query: string): Promise<void> => {
      const { hits } = await searchExplained(database.client, query, 5);
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search(query, { limit: 5 })), query);
      // The text below the title holds no such word: found through its document's title only.
      assert.ok(nonEmpty(hits).some((hit) => hit.titleOnly === true), query);
    };
    try {
      await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
      // A small run adds its documents' words at its end.
      temporaryCorpusAdd(folder.root, { 'new.txt': 'Zanzibar ferry\n\nThe boat left at noon.\n' });
      const grown = await loadCorpus(folder.root);
      await ingestCorpus(database.client, grown, { programVersion: 'test' });
      await titleOnly(grown, 'zanzibar');
      await titleOnly(grown, 'zanzibr');
      // A run stopped after its first batch never reached its end: the next one counts every word again.
      temporaryCorpusAdd(folder.root, { 'x1.txt': 'Quokka sighting\n\nIt was small.\n', 'x2.txt': 'Wombat crossing\n\nIt was slow.\n' });
      const stopped = await loadCorpus(folder.root);
      const run = ingestCorpus(database.client, stopped, {
        programVersion: 'test',
        batchDocuments: 1,
        afterBatch: (batch) => {
          if (batch === 1) throw new Error('stopped for the test');
        },
      });
      await assert.rejects(run, /stopped for the test/);
      await ingestCorpus(database.client, stopped, { programVersion: 'test' });
      await titleOnly(stopped, 'quokka');
      await titleOnly(stopped, 'wombat');
    } finally {
      folder.cleanup();
    }
  });
});

/** Adds files to a temporary corpus. */
function temporaryCorpusAdd(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
}
