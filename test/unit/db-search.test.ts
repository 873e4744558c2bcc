import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Archive } from '../../src/core/db/archive.js';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { editsPattern, filtersSql, QuerySql, SqlParams } from '../../src/core/db/querySql.js';
import { PatternMasks, substringDistance } from '../../src/core/prefilter.js';
import { migrate } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { compileQuery, parseQuery } from '../../src/core/query.js';
import { PassageIndex, type SearchHit } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { nonEmpty } from '../helpers/assertions.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_CORPUS, temporaryCorpus } from '../helpers/corpus.js';
import { asAdministrator, createTestDatabase, indexedTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';

/** Queries of every kind: fuzzy words and typos, exact, anchors, exclusions, alternatives, titles, a query of exclusions only. */
const QUERIES = [
  'Hua Chunying', 'Hua Chuning', 'biggest victim', 'tariffs', 'tarifs', "'trade war", '^The', 'said.$', 'China !Hua', 'trade | tariff',
  'harbour', 'harbor', 'Harbour fire', 'Mayor Kent', '!the', 'docks | warehouses', 'a', 'ab', "'", 'rebuild the docks',
];

/** The bundled corpus beside a small one in stories, with titles that match where the text does not. */
function storyFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < 12; index++) {
    files[`story${index % 3}/a${index}.txt`] = `Harbour report ${index}\n\nThe harbour board met on day ${index}. "We will rebuild the docks by spring," said Mayor Jo Kent.\nFire crews fought a blaze at the warehouses.\n`;
  }
  return files;
}

const keyOf = (hit: SearchHit): string => `${hit.passage.source}#${hit.passage.start}`;
const shapeOf = (hits: readonly SearchHit[]): unknown[] => hits.map((hit) => ({ key: keyOf(hit), score: hit.score, matches: hit.matches, titleOnly: hit.titleOnly === true }));

describe('the query in SQL (no database needed)', () => {
  it('never writes what the user typed into the SQL text: every value is a bound parameter', () => {
    const hostile = "x');DROP/**/TABLE/**/passages;--%_\\";
    const terms = parseQuery(`${hostile} '${hostile} ^${hostile} !${hostile} | ${hostile}$`);
    const params = new SqlParams();
    const sql = new QuerySql(params, terms.filter((term) => term.every((alternative) => !alternative.inverse)));
    const text = [sql.matches('p.text', 'fuzzy'), sql.factor('p.text'), sql.documentMayMatch(), ...filtersSql(params, compileQuery(terms).filters)].join(' ');
    assert.ok(!text.includes('DROP'), text);
    assert.ok(!text.includes("x'"), text);
    assert.ok(nonEmpty(params.values).some((value) => typeof value === 'string' && value.includes('drop/**/table/**/passages')));
    // LIKE's own wildcards in what was typed are escaped: they match themselves.
    assert.ok(params.values.some((value) => typeof value === 'string' && value.includes('\\%\\_\\\\')));
  });

  it('spells out exactly the texts within one or two edits of a term (what Fuse.js matches fuzzily)', () => {
    const texts = ['volcker', 'Paul Volker said', 'volk', 'olker', 'vlker', 'xx volkerx', 'vol ker', 'velker', 'vulkar', 'nothing', 'v.lker', '', 'earthquake', 'erthquak', 'eartquke', 'quake'];
    let checked = 0;
    for (const [term, budget] of [['volker', 1], ['volker', 2], ['earthquak', 2], ['3.5x', 1]] as const) {
      // PostgreSQL's ARE and JavaScript read this pattern alike: alternatives, '.', escaped punctuation.
      const pattern = new RegExp(editsPattern(term, budget), 'i');
      const masks = new PatternMasks(term);
      for (const text of texts) {
        assert.equal(pattern.test(text), substringDistance(masks, text.toLowerCase()) <= budget, `${term} ~ ${text}`);
        checked++;
      }
    }
    assert.equal(checked, 64);
  });
});

describe('search served from the archive agrees with the in-memory index', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  let archive: Archive;
  const folder = temporaryCorpus(storyFiles());
  const corpora: Array<{ name: string; corpus?: Corpus; index?: PassageIndex }> = [{ name: 'bundled' }, { name: 'stories' }];
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
    archive = await Archive.open(database.url);
  });
  after(async () => {
    await archive?.close();
    await database?.drop();
    folder.cleanup();
  });

  for (const entry of corpora) {
    it(`returns the in-memory hits, with the same scores, ranges and order (${entry.name} corpus)`, async () => {
      const corpus = await loadCorpus(entry.name === 'bundled' ? BUNDLED_CORPUS : folder.root);
      await ingestCorpus(database.client, corpus, { programVersion: 'test' });
      const index = new PassageIndex(corpus);
      const agreements: number[] = [];
      for (const query of QUERIES) {
        for (const limit of [1, 5, 20]) {
          const expected = index.search(query, { limit });
          const { hits } = await archive.search(query, { limit });
          const found = new Map(hits.map((hit) => [keyOf(hit), hit]));
          agreements.push(expected.length === 0 ? (hits.length === 0 ? 1 : 0) : expected.filter((hit) => found.has(keyOf(hit))).length / expected.length);
          // Whatever both return, Fuse.js scored alike.
          for (const hit of expected.filter((one) => found.has(keyOf(one)))) assert.deepEqual(shapeOf([found.get(keyOf(hit))!]), shapeOf([hit]), query);
          // Without a fuzzy term that allows edits, candidates are exact: the very same list.
          if (!parseQuery(query).flat().some(({ kind, literal }) => kind === 'fuzzy' && literal.length > 3)) assert.deepEqual(shapeOf(hits), shapeOf(expected), `${query} (limit ${limit})`);
        }
      }
      const mean = nonEmpty(agreements).reduce((sum, value) => sum + value, 0) / agreements.length;
      assert.ok(mean >= 0.95, `top-k agreement ${mean.toFixed(3)}`);
      // --source narrows as in memory.
      const sources = corpus.documents.slice(0, 2).map((document) => document.source);
      assert.deepEqual(shapeOf((await archive.search('the', { limit: 50, sources })).hits), shapeOf(index.search('the', { limit: 50, sources })));
    });
  }

  it('reads pages of candidates, best first, not every passage that matches', async () => {
    // 300 passages that match, each a word longer than the one before (Fuse.js ranks the shorter first).
    const many = temporaryCorpus(Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`a${index}.txt`, `Report ${index}\n\nThe harbour${' board'.repeat(index)}.\n`])));
    try {
      await ingestCorpus(database.client, await loadCorpus(many.root), { programVersion: 'test' });
      const before = archive.work.rowsRead;
      const { hits } = await archive.search('harbour', { limit: 5 });
      assert.equal(hits.length, 5);
      // One page of 64 settles the best 5.
      assert.ok(archive.work.rowsRead - before <= 64, `${archive.work.rowsRead - before} rows read`);
    } finally {
      many.cleanup();
    }
  });
});

describe('crosscheck search, sources, stories --db', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(storyFiles());
  before(async () => {
    database = await indexedTestDatabase(folder.root);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('prints the same plain text and JSON as the corpus itself, with the same exit codes', () => {
    for (const args of [['search', 'harbour'], ['search', 'Mayor Kent', '--json'], ['search', 'rebuild', '--story', 'story1', '--json'], ['search', 'docks', '--source', 'story2/a5', '--format', 'csv'], ['search', 'zzzzqqq'], ['search', Array.from({ length: 7 }, () => 'a | b').join(' ')], ['sources', '--json'], ['stories', '--json'], ['stories']]) {
      const fromFiles = runCli([...args, '--corpus', folder.root]);
      const fromArchive = runCli([...args, '--db', database.url]);
      assert.equal(fromArchive.stderr, fromFiles.stderr, args.join(' '));
      assert.equal(fromArchive.status, fromFiles.status, args.join(' '));
      assert.equal(fromArchive.stdout, fromFiles.stdout, args.join(' '));
    }
    const viaEnvironment = runCli(['search', 'harbour', '--json'], { CROSSCHECK_DB: database.url });
    assert.equal(viaEnvironment.stdout, runCli(['search', 'harbour', '--json', '--corpus', folder.root]).stdout);
  });

  it('unknown sources and stories, --closest, and --db with --corpus: exit 2 in one line', () => {
    for (const [args, pattern] of [
      [['search', 'x', '--source', 'nope'], /no source nope/],
      [['search', 'x', '--story', 'nope'], /no story "nope"; stories: story0, story1, story2/],
      [['search', 'a b c d', '--closest'], /--closest is not available with --db/],
      [['search', 'x', '--corpus', folder.root], /give --db URL or --corpus PATH, not both/],
    ] as const) {
      const result = runCli([...args, '--db', database.url]);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, pattern);
    }
  });

  it('a database without an archive, a bad URL, a server not there: exit 2 in one line, the password never shown', async () => {
    const empty = await createTestDatabase();
    try {
      const withPassword = empty.url.replace(/^postgresql:\/\/([^@/]*)@/, 'postgresql://$1:Secret-Pw-9@');
      for (const [url, pattern] of [
        [withPassword, /holds no crosscheck archive of version \d+ \(found 0\); run crosscheck index --db URL first/],
        ['mysql://me:Secret-Pw-9@localhost/db', /only postgresql:\/\//],
        ['postgresql://me:Secret-Pw-9@127.0.0.1:1/db', /cannot reach PostgreSQL at postgresql:\/\/me:\*\*\*@127\.0\.0\.1:1\/db/],
      ] as const) {
        const result = runCli(['search', 'harbour', '--db', url]);
        assert.equal(result.status, 2, result.stderr);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, pattern);
        assert.ok(!result.stderr.includes('Secret-Pw-9'), result.stderr);
      }
    } finally {
      await empty.drop();
    }
  });

  it('works through a read-only role: CONNECT, USAGE and SELECT granted, nothing else', async () => {
    await asAdministrator(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crosscheck_reader_test') THEN CREATE ROLE crosscheck_reader_test LOGIN; END IF; END $$`);
    await database.client.query('REVOKE ALL ON DATABASE ' + database.name + ' FROM PUBLIC');
    await database.client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await database.client.query(`GRANT CONNECT ON DATABASE ${database.name} TO crosscheck_reader_test`);
    await database.client.query('GRANT USAGE ON SCHEMA public TO crosscheck_reader_test');
    await database.client.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO crosscheck_reader_test');
    const reader = database.url.replace(/^postgresql:\/\/[^@/]*@/, 'postgresql://crosscheck_reader_test@');
    const searched = runCli(['search', 'harbour', '--json', '--db', reader]);
    assert.equal(searched.status, 0, searched.stderr);
    assert.equal(searched.stdout, runCli(['search', 'harbour', '--json', '--corpus', folder.root]).stdout);
    // The same role may not write: indexing through it fails in one line.
    const indexed = runCli(['index', '--db', reader, '--corpus', folder.root]);
    assert.equal(indexed.status, 2, indexed.stderr);
    assert.match(indexed.stderr, /permission denied/);
  });
});
