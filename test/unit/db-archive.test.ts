import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as pause } from 'node:timers/promises';
import { Archive, SearchCancelled } from '../../src/core/db/archive.js';
import { DatabaseFailure } from '../../src/core/db/connect.js';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { migrate } from '../../src/core/db/schema.js';
import { loadCorpus } from '../../src/core/load.js';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_CORPUS, temporaryCorpus } from '../helpers/corpus.js';
import { asAdministrator, countOf, createTestDatabase, indexedTestDatabase, skipWithoutDatabase, type TestDatabase } from '../helpers/db.js';
import { HOSTILE_ARTICLE, TERMINAL_ACTIVE } from '../helpers/hostile.js';

/** The bundled articles (one story, five outlets) as the story `zoom`, beside a hostile one at the top level. */
function storyCorpus(): { root: string; cleanup(): void } {
  const files: Record<string, string> = { 'hostile.txt': HOSTILE_ARTICLE };
  for (const name of readdirSync(BUNDLED_CORPUS)) files[`zoom/${name}`] = readFileSync(path.join(BUNDLED_CORPUS, name), 'utf8');
  return temporaryCorpus(files);
}

/** Waits (by polling the server, a bounded number of times) until backend `pid` runs a statement. */
async function untilActive(database: TestDatabase, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await countOf(database.client, `SELECT count(*) FROM pg_stat_activity WHERE pid = ${pid} AND state = 'active' AND query LIKE '%pg_sleep%'`)) === 1) return;
    await pause(20);
  }
  assert.fail(`backend ${pid} never started its statement`);
}

describe('the archive: cancelled, timed out, cut off', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  let archive: Archive;
  const folder = storyCorpus();
  before(async () => {
    database = await createTestDatabase();
    await migrate(database.client);
    await ingestCorpus(database.client, await loadCorpus(folder.root), { programVersion: 'test' });
    archive = await Archive.open(database.url);
  });
  after(async () => {
    await archive?.close();
    await database?.drop();
    folder.cleanup();
  });

  it('an AbortSignal cancels the running statement on the server; the connection serves the next search', async () => {
    const controller = new AbortController();
    const sleeping = archive.read((session) => session.query('SELECT pg_sleep(60)'), controller.signal);
    await untilActive(database, archive.backendPid!);
    controller.abort();
    await assert.rejects(sleeping, SearchCancelled);
    assert.equal(archive.work.cancelled, 1);
    const { hits } = await archive.search('Zoom', { limit: 3 });
    assert.equal(hits.length, 3);
    assert.equal(archive.work.reconnects, 0);
    // A signal already fired sends nothing.
    const statements = archive.work.statements;
    await assert.rejects(archive.search('Zoom', { limit: 3, signal: AbortSignal.abort() }), SearchCancelled);
    assert.equal(archive.work.statements, statements);
    assert.equal(archive.work.cancelled, 2);
  });

  it('a statement timeout stops a slow statement in one line; the next request runs', async () => {
    const impatient = await Archive.open(database.url, { statementTimeoutMs: 100 });
    try {
      await assert.rejects(impatient.read((session) => session.query('SELECT pg_sleep(30)')), (error: unknown) => error instanceof DatabaseFailure && /did not answer within 100 ms/.test(error.message));
      assert.equal((await impatient.search('Zoom', { limit: 1 })).hits.length, 1);
    } finally {
      await impatient.close();
    }
  });

  it('a connection lost mid-session is opened again and the request tried once more; one line when the server refuses it', async () => {
    const pid = archive.backendPid!;
    await asAdministrator(`SELECT pg_terminate_backend(${pid})`);
    assert.equal((await archive.search('Zoom', { limit: 3 })).hits.length, 3);
    assert.equal(archive.work.reconnects, 1);
    assert.notEqual(archive.backendPid, pid);
    // Now the database takes no new connection: the request fails in one line, and the next one, once it does, connects.
    await asAdministrator(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    try {
      await asAdministrator(`SELECT pg_terminate_backend(${archive.backendPid!})`);
      await assert.rejects(archive.search('Zoom', { limit: 3 }), (error: unknown) => error instanceof DatabaseFailure && !error.message.includes('\n') && /PostgreSQL at postgresql:\/\/.*not currently accepting connections/.test(error.message));
    } finally {
      await asAdministrator(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    }
    assert.equal((await archive.search('Zoom', { limit: 3 })).hits.length, 3);
    assert.equal(archive.work.reconnects, 2);
  });
});

describe('quotes, compare, claims --db on one story', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = storyCorpus();
  before(async () => {
    database = await indexedTestDatabase(folder.root);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('print the same JSON and text as the corpus when the corpus holds that one story', () => {
    // The corpus run reads the story's files alone, as the archive's story is analysed alone.
    const storyOnly = temporaryCorpus(Object.fromEntries(readdirSync(BUNDLED_CORPUS).map((name) => [`zoom/${name}`, readFileSync(path.join(BUNDLED_CORPUS, name), 'utf8')])));
    try {
      for (const args of [['quotes', '--json'], ['quotes'], ['compare', 'Zoom complied with a Chinese government request', '--json'], ['claims', '--json'], ['claims']]) {
        const fromFiles = runCli([...args, '--story', 'zoom', '--corpus', storyOnly.root]);
        const fromArchive = runCli([...args, '--story', 'zoom', '--db', database.url]);
        assert.equal(fromArchive.status, fromFiles.status, `${args.join(' ')}: ${fromArchive.stderr}`);
        assert.ok(fromFiles.stdout.length > 0, args.join(' '));
        // Paths differ only by the corpus folder.
        assert.equal(fromArchive.stdout.replaceAll(folder.root, 'ROOT'), fromFiles.stdout.replaceAll(storyOnly.root, 'ROOT'), args.join(' '));
      }
    } finally {
      storyOnly.cleanup();
    }
  });

  it('need --story, and name a story the archive holds: exit 2 in one line', () => {
    for (const [args, pattern] of [
      [['quotes'], /with --db, quotes works on one story at a time: add --story ID/],
      [['claims', '--story', 'nope'], /no story "nope"; stories: zoom/],
    ] as const) {
      const result = runCli([...args, '--db', database.url]);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, pattern);
    }
  });

  it('search shows hostile text from the archive neutralised, as from the files', () => {
    const fromArchive = runCli(['search', 'figure', '--db', database.url]);
    assert.ok(fromArchive.stdout.length > 0, fromArchive.stderr);
    assert.ok(!TERMINAL_ACTIVE.test(fromArchive.stdout), JSON.stringify(fromArchive.stdout));
    assert.equal(fromArchive.stdout, runCli(['search', 'figure', '--corpus', folder.root]).stdout);
  });

  it('gives the workbench one document with its passages in order, and the documents of its stories (the story picker)', async () => {
    const archive = await Archive.open(database.url);
    try {
      const files = await loadCorpus(folder.root);
      const source = files.documents.find((document) => document.story === 'zoom')!.source;
      const document = await archive.documentCorpus(source);
      const expected = files.passages.filter((passage) => passage.source === source);
      assert.ok(expected.length > 1);
      assert.deepEqual(document.passages.map((passage) => [passage.id, passage.line, passage.text]), expected.map((passage, id) => [id, passage.line, passage.text]));
      assert.deepEqual(document.documents.map((found) => found.text), [files.documents.find((found) => found.source === source)!.text]);
      assert.deepEqual(document.stories, ['zoom']);
      const members = await archive.storyMembers();
      assert.deepEqual(members.map((member) => [member.source, member.story]).sort(), files.documents.filter((found) => found.story === 'zoom').map((found) => [found.source, 'zoom']).sort());
      await assert.rejects(archive.documentCorpus(source, AbortSignal.abort()), SearchCancelled);
    } finally {
      await archive.close();
    }
  });
});
