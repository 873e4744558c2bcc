/**
 * A database of its own for each test file, on the server named by CROSSCHECK_TEST_DB
 * (`eval "$(bash scripts/test-postgres.sh start)"` starts one; .ci/run does). Without it the
 * database tests skip with a note, except under CI, where they fail: CI must never pass by
 * skipping them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/core/db/url.js';
import { runCli } from './cli.js';

const SERVER_URL = process.env.CROSSCHECK_TEST_DB;
const UNDER_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** The `skip` option of a database suite: a note when no server is given outside CI, else false. */
export const skipWithoutDatabase: string | false =
  SERVER_URL || UNDER_CI ? false : 'CROSSCHECK_TEST_DB is not set (eval "$(bash scripts/test-postgres.sh start)" starts a server)';

/** `url` with its database (the path) replaced by `name`. */
export function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?/i, `$1/${name}`);
}

/** The URL with user:password put in (the test server trusts local users, so it is ignored there). */
export function withPassword(url: string, user: string, password: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/)[^@/?#]*@/i, `$1${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);
}

async function admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!SERVER_URL) throw new Error('CI is set but CROSSCHECK_TEST_DB is not: the database tests need the server .ci/run starts (scripts/test-postgres.sh)');
  const client = new pg.Client(parseDatabaseUrl(SERVER_URL));
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`the test server CROSSCHECK_TEST_DB cannot be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  /** A URL of the fresh database (no password). */
  url: string;
  /** A connected client of it, for checks. */
  client: pg.Client;
  drop(): Promise<void>;
}

/** A new, empty database with a random name; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `crosscheck_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(SERVER_URL!, name);
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  return {
    name,
    url,
    client,
    drop: async () => {
      await client.end().catch(() => undefined);
      await admin((server) => server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs SQL as the server's administrator (roles, for the password tests). */
export function asAdministrator(sql: string): Promise<pg.QueryResult> {
  return admin((client) => client.query(sql));
}

/** The count a query returns in its first column. */
export async function countOf(client: pg.Client, sql: string): Promise<number> {
  const result = await client.query<{ count: string }>(sql);
  return Number(result.rows[0]?.count ?? 0);
}

/** A new database holding the corpus at `root`, loaded by `crosscheck index` itself. */
export async function indexedTestDatabase(root: string): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const indexed = runCli(['index', '--db', database.url, '--corpus', root]);
  if (indexed.status !== 0) throw new Error(`crosscheck index failed: ${indexed.stderr}`);
  return database;
}
