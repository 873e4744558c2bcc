/**
 * How much work a search served from the archive does (issue 16: 20 clients at once): the SQL it
 * writes (norm order, the norm range a late stream reads, `%>` where the index can intersect
 * terms), counted in rows read and statements, never timed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Archive } from '../../src/core/db/archive.js';
import { searchArchive, type SearchSession } from '../../src/core/db/archiveSearch.js';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { normOf, PASSAGE_NORM, QuerySql, SqlParams } from '../../src/core/db/querySql.js';
import { migrate, SCHEMA_VERSION } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { parseQuery } from '../../src/core/query.js';
import { TEXT_WEIGHT } from '../../src/core/search/fuseAdapter.js';
import { PassageIndex, type SearchHit } from '../../src/core/searchIndex.js';
import { nonEmpty } from '../helpers/assertions.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { createTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

const positiveOf = (query: string) => parseQuery(query).filter((term) => term.every((alternative) => !alternative.inverse));
const shapeOf = (hits: readonly SearchHit[]): unknown[] => hits.map((hit) => ({ key: `${hit.passage.source}#${hit.passage.start}`, score: hit.score, titleOnly: hit.titleOnly === true }));

/** A search in one read-only transaction, and the candidate cursors it declared, in order. */
async function searchDeclaring(database: TestDatabase, query: string, limit: number): Promise<{ hits: SearchHit[]; declared: string[] }> {
  const declared: string[] = [];
  const session: SearchSession = {
    query: async <R>(sql: string, values?: unknown[]): Promise<R[]> => {
      if (sql.startsWith('DECLARE')) declared.push(sql);
      return (await database.client.query(sql, values)).rows as R[];
    },
  };
  await database.client.query('BEGIN READ ONLY');
  try {
    const hits = await searchArchive(session, { statements: 0, rowsRead: 0, scored: 0, vocabularyWords: 0, titledDocuments: 0 }, query, { limit });
    return { hits, declared };
  } finally {
    await database.client.query('COMMIT');
  }
}

describe('the ranked candidate SQL (no database needed)', () => {
  it('orders by the norm index only where the bound is the norm alone', () => {
    const uniform = (query: string): boolean => new QuerySql(new SqlParams(), positiveOf(query)).uniformExactBound();
    assert.ok(uniform('volcker') && uniform('coffee | cocoa') && uniform("'dlrs") && uniform('volker baker'));
    // A term matched as typed scores 0.001 as a fuzzy word and 0 as an exact one: its passages' means differ.
    assert.ok(!uniform("'dlrs | oil"));
  });

  it('a late stream reads only passages short enough to reach the worst score kept, through a bound parameter', () => {
    const params = new SqlParams();
    const sql = new QuerySql(params, positiveOf('volcker'));
    const worst = 0.5;
    const [condition] = nonEmpty(sql.normReaching('fuzzy', worst));
    assert.equal(condition, `${PASSAGE_NORM} >= $1::float8`);
    const least = params.values[0] as number;
    // The fuzzy tier's best passage needs an edit of one in 7 characters; its bound is (1/7)^(weight * norm).
    const bound = (norm: number): number => Math.pow(1 / 7, TEXT_WEIGHT * norm);
    assert.ok(bound(least) >= worst * (1 - 1e-6) && bound(least) <= worst * (1 + 1e-5), `bound at the least norm ${bound(least)}`);
    assert.ok(bound(least - 0.001) > worst, 'a passage one step longer cannot reach');
    // Nothing to cut when every score would do, or when the exact tier can score 0.
    assert.deepEqual(new QuerySql(new SqlParams(), positiveOf('volcker')).normReaching('fuzzy', 1), []);
  });

  it('asks `%>` alone of each fuzzy word in a passage (the index intersects the terms; Fuse.js checks the edits), and a function for a title', () => {
    const params = new SqlParams();
    assert.equal(new QuerySql(params, positiveOf('volker baker')).matches('p.text', 'fuzzy'), '(p.text %> $1) AND (p.text %> $2)');
    assert.deepEqual(params.values, ['volker', 'baker']);
    // A literal with punctuation may be found as typed where its trigrams are not.
    assert.equal(new QuerySql(new SqlParams(), positiveOf('u.s.a')).matches('p.text', 'fuzzy'), '((p.text ILIKE $2 OR p.text %> $1))');
    // A title decides which documents go through their own stream: checked exactly, by a regular expression called as a function.
    const title = new QuerySql(new SqlParams(), positiveOf('volker')).matches('d.title', 'fuzzy');
    assert.equal(title, "((d.title %> $1 AND (d.title ILIKE $3 OR regexp_like(lower(d.title), $2))))");
    assert.ok(!title.includes('~*'), title);
  });
});

describe('the archive search does little work for a screenful', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  let archive: Archive;
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
    archive = await Archive.open(database.url);
  });
  after(async () => {
    await archive?.close();
    await database?.drop();
  });

  it('counts runs between spaces as Fuse.js does, as regexp_count did, whatever the spacing', async () => {
    const texts = ['one two three', '  two  spaces  ', '', '   ', 'tab\tinside word', 'line\nbreak here', 'ünïcödé wörds hère'];
    const rows = await database.client.query<{ same: boolean; tokens: number }>(
      `SELECT ${normOf('t')} = (round(1000.0 / sqrt(greatest(regexp_count(t, '[^ ]+'), 1)))::float8 / 1000) AS same, cardinality(array_remove(string_to_array(t, ' '), '')) AS tokens FROM unnest($1::text[]) AS t`,
      [texts],
    );
    assert.ok(nonEmpty(rows.rows).every((row) => row.same));
    assert.deepEqual(
      rows.rows.map((row) => row.tokens),
      texts.map((text) => (text.match(/[^ ]+/g) ?? []).length),
    );
  });

  it('a fuzzy stream asked once the list is full reads only the passages short enough to enter it', async () => {
    const filler = Array.from({ length: 48 }, (_, index) => `w${index}`).join(' ');
    const files: Record<string, string> = {};
    // Ten long passages with the word as typed fill the best 5; 300 long ones need an edit and cannot beat them; 3 short ones can.
    for (let index = 0; index < 10; index++) files[`exact${index}.txt`] = `Report ${index}\n\nThe harbour ${filler}.\n`;
    for (let index = 0; index < 300; index++) files[`long${index}.txt`] = `Report ${index}\n\nThe harbor ${filler}.\n`;
    for (let index = 0; index < 3; index++) files[`short${index}.txt`] = `Report ${index}\n\nHarbor now.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      const before = archive.work.rowsRead;
      const { hits } = await archive.search('harbour', { limit: 5 });
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search('harbour', { limit: 5 })));
      assert.ok(nonEmpty(hits.slice(0, 3)).every((hit) => hit.passage.source.startsWith('short')));
      // The ten as typed and the three short ones; without the norm range, a page of 64 long ones besides.
      assert.ok(archive.work.rowsRead - before <= 13, `${archive.work.rowsRead - before} rows read`);
    } finally {
      folder.cleanup();
    }
  });

  it('a search that read every candidate does not read them again to look further past title-only hits', async () => {
    // Each island record's title matches and its text does not: its three passages are title-only hits, score 0, and
    // fill the best 3 ahead of the two passages whose own text matches, so the list is looked further.
    const record = (id: string, title: string, text: string): string => JSON.stringify({ id, title, text });
    const lines = [
      ...Array.from({ length: 8 }, (_, index) => record(`isle${index}`, 'Zanzibar', 'The island council met. The ferry left on time. Fishermen sold their catch.')),
      ...Array.from({ length: 2 }, (_, index) => record(`ship${index}`, 'Shipping news', 'Ships reached zanzibar port after a long voyage across the wide ocean.')),
    ];
    const files = { 'wire.jsonl': `${lines.join('\n')}\n` };
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      const candidates = 8 * 3 + 2;
      const before = archive.work.rowsRead;
      const { hits } = await archive.search('zanzibar', { limit: 3 });
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search('zanzibar', { limit: 3 })));
      assert.deepEqual(hits.map((hit) => [hit.passage.source, hit.titleOnly === true]), [['ship0', false], ['ship1', false], ['isle0', true]]);
      // Read once: the first round's pages held every candidate, so the longer lists were in hand.
      assert.ok(archive.work.rowsRead - before <= candidates, `${archive.work.rowsRead - before} rows read for ${candidates} candidates`);
    } finally {
      folder.cleanup();
    }
  });

  it('asks nothing of passages holding a term as typed when a `!not` excludes every one of them (`oil !o`)', async () => {
    const folder = temporaryCorpus({ 'a.txt': 'Port\n\nThe harbour is full. The harbour master left.\n', 'b.txt': 'Quay\n\nA harbour of note.\n' });
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      const { hits, declared } = await searchDeclaring(database, 'harbour !h', 5);
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search('harbour !h', { limit: 5 })));
      // Every passage holding "harbour" holds "h": only the stream of passages that need an edit is asked.
      assert.equal(declared.length, 1, declared.join('\n'));
      assert.match(declared[0]!, /NOT \(/);
      // Not every alternative holds it: those passages are read.
      const either = await archive.search('harbour | quay !h', { limit: 5 });
      assert.deepEqual(shapeOf(either.hits), shapeOf(new PassageIndex(corpus).search('harbour | quay !h', { limit: 5 })));
    } finally {
      folder.cleanup();
    }
  });

  it('sorts the few matches of a term too short for the trigram index instead of walking every passage by length', async () => {
    const folder = temporaryCorpus({ 'a.txt': 'Savvy\n\nA savvy trader sold early. The market fell.\n', 'b.txt': 'Markets\n\nPrices rose again. Traders were calm.\n' });
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      await database.client.query('ANALYZE passages');
      // One letter matches only doubled ("vv"): the planner's statistics say few passages hold it.
      const { hits, declared } = await searchDeclaring(database, 'v', 5);
      assert.deepEqual(shapeOf(hits), shapeOf(new PassageIndex(corpus).search('v', { limit: 5 })));
      const exactStream = nonEmpty(declared)[0]!;
      assert.ok(!exactStream.includes(`ORDER BY ${PASSAGE_NORM} DESC`), exactStream);
    } finally {
      folder.cleanup();
    }
  });

  it('upgrades an archive of version 2: the stored norm, its index and the vocabulary are made from the rows already there, and searches agree', async () => {
    const folder = temporaryCorpus({ 'a.txt': 'Harbour\n\nThe harbour board met. The harbor was full.\n', 'b.txt': 'Docks\n\nNew docks by the harbour.\n' });
    try {
      const corpus = await loadCorpus(folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      // Version 2's tables: no norm column (its index goes with it), no vocabulary.
      await database.client.query('ALTER TABLE passages DROP COLUMN norm; DROP INDEX documents_title_words; DROP TABLE vocabulary; DROP FUNCTION crosscheck_words');
      await database.client.query('DELETE FROM schema_version WHERE version >= 3');
      assert.equal(SCHEMA_VERSION, 5);
      assert.deepEqual(await migrate(database.client), [3, 4, 5]);
      const indexes = await database.client.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'passages_%norm'");
      assert.deepEqual(indexes.rows.map((row) => row.indexname), ['passages_norm'], 'version 3 indexed the expression; version 5 the column');
      assert.match(indexes.rows[0]!.indexdef, /\(norm DESC\)/);
      const norms = await database.client.query<{ same: boolean; rows: number }>(`SELECT bool_and(norm = ${normOf('text')}) AS same, count(*)::integer AS rows FROM passages`);
      assert.ok(norms.rows[0]!.same && norms.rows[0]!.rows >= 3, JSON.stringify(norms.rows[0]));
      const words = await database.client.query<{ word: string; passages: number; titles: number }>("SELECT word, passages, titles FROM vocabulary WHERE word IN ('harbour', 'docks') ORDER BY word");
      assert.deepEqual(words.rows, [
        { word: 'docks', passages: 2, titles: 1 },
        { word: 'harbour', passages: 2, titles: 1 },
      ]);
      const upgraded = await Archive.open(database.url);
      try {
        for (const query of ['harbour', 'harbor', 'docks | board']) assert.deepEqual(shapeOf((await upgraded.search(query, { limit: 5 })).hits), shapeOf(new PassageIndex(corpus).search(query, { limit: 5 })), query);
      } finally {
        await upgraded.close();
      }
    } finally {
      folder.cleanup();
    }
  });
});
