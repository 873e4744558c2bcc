import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { PROJECT_ROOT, temporaryCorpus } from '../helpers/corpus.js';
import { asAdministrator, countOf, createTestDatabase, skipWithoutDatabase, withPassword, type TestDatabase } from '../helpers/db.js';
import { HOSTILE_ARTICLE, TERMINAL_ACTIVE } from '../helpers/hostile.js';

const PASSWORD = 'Hunter2-never-shown';

function articles(count: number, prefix = 'Article'): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `story${index % 3}/a${index}.txt`,
      `${prefix} ${index}\n\nThe harbour board met on day ${index}. "We will rebuild the docks by spring," said Mayor Jo Kent.\n`,
    ]),
  );
}

/** Exit code 2, exactly one line on stderr, nothing on stdout, and the password nowhere. */
function assertOneLineFailure(result: CliResult, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^crosscheck: /);
  assert.match(lines[0]!, pattern);
  assert.ok(!result.stderr.includes(PASSWORD), result.stderr);
}

describe('crosscheck index: URLs and servers it cannot use (no database needed)', () => {
  it('a URL that is not postgresql:// says so in one line, password hidden', () => {
    assertOneLineFailure(runCli(['index', '--db', `mysql://me:${PASSWORD}@localhost/db`]), /only postgresql:\/\/ .*URLs are read/);
    assertOneLineFailure(runCli(['index', '--db', `postgresql://me:${PASSWORD}@localhost:99999/db`]), /me:\*\*\*@.*port "99999"/);
    assertOneLineFailure(runCli(['index', '--db', 'not a url']), /expected postgresql:\/\//);
  });

  it('a server that is not there: exit 2 in one line, password hidden, before the corpus is read', () => {
    assertOneLineFailure(runCli(['index', '--db', `postgresql://me:${PASSWORD}@127.0.0.1:1/db`]), /cannot reach PostgreSQL at postgresql:\/\/me:\*\*\*@127\.0\.0\.1:1\/db: connection refused/);
    assertOneLineFailure(runCli(['index', '--db', `postgresql://me@/db?host=/nonexistent-socket-folder&password=${PASSWORD}`]), /password=\*\*\*.*no server socket there/);
  });

  it('--db or CROSSCHECK_DB is required', () => {
    const result = runCli(['index'], { CROSSCHECK_DB: '' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /needs --db URL \(or CROSSCHECK_DB\)/);
  });
});

describe('crosscheck index into PostgreSQL', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus({ ...articles(12), 'story0/hostile.txt': HOSTILE_ARTICLE });
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('indexes, then re-runs with nothing to write; the summary counts documents and passages', () => {
    const first = runCli(['index', '--db', database.url, '--corpus', folder.root]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /13 added, 0 changed, 0 removed, 0 unchanged documents; \d+ passages written, \d+ in the archive; [\d.]+ s\n$/);
    const again = runCli(['index', folder.root, '--json'], { CROSSCHECK_DB: database.url });
    assert.equal(again.status, 0, again.stderr);
    const summary = JSON.parse(again.stdout) as Record<string, number>;
    assert.deepEqual([summary.added, summary.changed, summary.removed, summary.unchanged, summary.passagesWritten], [0, 0, 0, 13, 0]);
  });

  it('never prints hostile text raw: not the corpus path, not the URL', () => {
    const hostileFolder = temporaryCorpus({ '\u001b]0;pwned\u0007story/\u001b[31mred.txt': HOSTILE_ARTICLE });
    try {
      const result = runCli(['index', '--db', `${database.url}${database.url.includes('?') ? '&' : '?'}application_name=x%1B%5B2J`, '--corpus', hostileFolder.root]);
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.length > 0);
      assert.ok(!TERMINAL_ACTIVE.test(result.stdout + result.stderr), JSON.stringify(result));
    } finally {
      hostileFolder.cleanup();
    }
  });

  it('a schema from a newer crosscheck: exit 2 in one line, nothing written', async () => {
    await database.client.query('INSERT INTO schema_version (version) VALUES (999)');
    try {
      assertOneLineFailure(runCli(['index', '--db', database.url, '--corpus', folder.root]), /schema is version 999, newer than this crosscheck's/);
    } finally {
      await database.client.query('DELETE FROM schema_version WHERE version = 999');
    }
  });
});

describe('crosscheck index: roles, passwords and the pg_trgm extension', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(articles(3));
  before(async () => {
    database = await createTestDatabase();
    // scripts/test-postgres.sh asks this role, and only it, for its password.
    await asAdministrator(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crosscheck_password_test') THEN CREATE ROLE crosscheck_password_test LOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crosscheck_plain_test') THEN CREATE ROLE crosscheck_plain_test LOGIN; END IF;
    END $$`);
    await asAdministrator("ALTER ROLE crosscheck_password_test PASSWORD 'the-right-one'");
    await asAdministrator(`ALTER DATABASE ${database.name} OWNER TO crosscheck_password_test`);
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('a refused password: exit 2 in one line that never holds it', () => {
    const url = withPassword(database.url, 'crosscheck_password_test', PASSWORD);
    const result = runCli(['index', '--db', url, '--corpus', folder.root]);
    assertOneLineFailure(result, /crosscheck_password_test:\*\*\*@|refused the login/);
  });

  it('the right password works, and the summary shows the URL without it', () => {
    const result = runCli(['index', '--db', withPassword(database.url, 'crosscheck_password_test', 'the-right-one'), '--corpus', folder.root]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /crosscheck_password_test:\*\*\*@/);
    assert.ok(!(result.stdout + result.stderr).includes('the-right-one'));
  });

  it('a role that may not create pg_trgm where it is missing: exit 2 saying so', async () => {
    const other = await createTestDatabase();
    try {
      const url = withPassword(other.url, 'crosscheck_plain_test', PASSWORD);
      assertOneLineFailure(runCli(['index', '--db', url, '--corpus', folder.root]), /extension pg_trgm is missing and could not be created: this role may not create it/);
      assert.equal(await countOf(other.client, "SELECT count(*) FROM pg_tables WHERE tablename = 'documents'"), 0);
    } finally {
      await other.drop();
    }
  });
});

/** A child that indexes with one document per batch and says when each batch is committed. */
const KILLED_CHILD = `
import { loadCorpus } from './src/core/load.ts';
import { programVersion } from './src/core/presentation.ts';
import { connectDatabase } from './src/core/db/connect.ts';
import { migrate } from './src/core/db/schema.ts';
import { ingestCorpus } from './src/core/db/ingest.ts';
const [url, root] = process.argv.slice(-2);
const { client } = await connectDatabase(url);
await migrate(client);
await ingestCorpus(client, await loadCorpus(root), { programVersion: programVersion(), batchDocuments: 3, afterBatch: async (batch) => { process.stdout.write('batch ' + batch + '\\n'); if (batch === 1) await new Promise((resolve) => setTimeout(resolve, 60000)); } });
process.stdout.write('done\\n');
process.exit(0);
`;

describe('crosscheck index killed mid-way', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  const folder = temporaryCorpus(articles(90, 'Killed'));
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    folder.cleanup();
  });

  it('SIGKILL after its first batch leaves whole documents; the next run completes the archive', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', KILLED_CHILD, database.url, folder.root], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.test.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Killed after its first batch, while it waits to write the next (it waits there, so the kill always lands mid-run).
      if (stdout.includes('batch 1\n')) child.kill('SIGKILL');
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (...ended) => resolve(ended)));
    assert.equal(signal, 'SIGKILL', `${code} ${stdout} ${stderr}`);
    assert.ok(!stdout.includes('done'));
    const written = await countOf(database.client, 'SELECT count(*) FROM documents');
    assert.ok(written >= 3 && written < 90, `whole batches only: ${written}`);
    assert.equal(written % 3, 0, 'a batch is written whole or not at all');
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 0);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents d WHERE passage_count <> (SELECT count(*) FROM passages p WHERE p.story = d.story AND p.source = d.source)'), 0);
    const resumed = runCli(['index', '--db', database.url, '--corpus', folder.root, '--json']);
    assert.equal(resumed.status, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout) as Record<string, number>;
    assert.deepEqual([(summary.added ?? 0) + (summary.unchanged ?? 0), summary.unchanged], [90, written]);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM documents'), 90);
    assert.equal(await countOf(database.client, 'SELECT count(*) FROM ingest_state WHERE complete'), 1);
  });
});

