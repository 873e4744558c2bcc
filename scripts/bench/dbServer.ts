/**
 * A PostgreSQL server for the database tier: the one CROSSCHECK_TEST_DB names, or a throwaway one
 * started with scripts/test-postgres.sh when the machine has PostgreSQL (never installed here).
 * Each use gets a fresh database of its own, dropped at the end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/core/db/url.js';
import { withDatabase } from '../../test/helpers/db.js';

export interface BenchDatabase {
  /** A URL of the fresh database (no password). */
  url: string;
  /** Drops the database, and stops the server when it was started here. */
  close(): Promise<void>;
}

function hasPostgres(): boolean {
  if (spawnSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' }).status === 0) return true;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  return versions.some((version) => existsSync(path.join('/usr/lib/postgresql', version, 'bin', 'initdb')));
}

async function asAdministrator(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client(parseDatabaseUrl(serverUrl));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database, or a note saying why there is none. */
export async function benchDatabase(projectRoot: string): Promise<BenchDatabase | { skipped: string }> {
  let serverUrl = process.env.CROSSCHECK_TEST_DB;
  let stop = (): void => undefined;
  if (!serverUrl) {
    if (!hasPostgres()) return { skipped: 'PostgreSQL is not installed (initdb not found) and CROSSCHECK_TEST_DB is not set' };
    const script = path.join(projectRoot, 'scripts', 'test-postgres.sh');
    let exports: string;
    try {
      exports = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    } catch {
      return { skipped: 'scripts/test-postgres.sh could not start a server' };
    }
    const variables = Object.fromEntries([...exports.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1]!, match[2]!]));
    serverUrl = variables.CROSSCHECK_TEST_DB;
    stop = () => execFileSync('bash', [script, 'stop'], { env: { ...process.env, ...variables }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (!serverUrl) {
      stop();
      return { skipped: 'scripts/test-postgres.sh gave no server URL' };
    }
  }
  const name = `crosscheck_bench_${randomBytes(6).toString('hex')}`;
  try {
    await asAdministrator(serverUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    stop();
    return { skipped: `the server at CROSSCHECK_TEST_DB cannot be used: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    url: withDatabase(serverUrl, name),
    close: async () => {
      await asAdministrator(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      stop();
    },
  };
}
