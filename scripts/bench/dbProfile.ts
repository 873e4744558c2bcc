/**
 * Where one archive search's time goes, one query at a time: its statements (time as the client
 * waits for each, rows returned), the client's CPU (Fuse.js scoring, building the SQL), and the
 * rows read and scored; with --explain, each statement's EXPLAIN ANALYZE (a candidate cursor's
 * as a first page, LIMIT 64, would run it). With --repeat N each query runs N more times, and the
 * server backend's CPU per search is given (from /proc, on Linux; a clock tick is 10 ms), which
 * the machine's other load disturbs far less than the times.
 *
 * --query Q (repeatable) profiles Q instead of the bench queries.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.test.json node --import tsx scripts/bench/dbProfile.ts --db URL [--limit 20] [--query Q]... [--prefixes] [--verbose] [--explain] [--repeat N]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { searchArchive, type SearchSession } from '../../src/core/db/archiveSearch.js';
import { parseDatabaseUrl, redact } from '../../src/core/db/url.js';
import { backendCpuMs } from './dbLoad.js';
import { QUERIES } from './queries.js';
import { ms } from './stats.js';

const prefixesOf = (query: string): string[] => Array.from({ length: query.length }, (_, at) => query.slice(0, at + 1)).filter((prefix) => !prefix.endsWith(' '));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, limit: { type: 'string' }, prefixes: { type: 'boolean' }, verbose: { type: 'boolean' }, explain: { type: 'boolean' }, repeat: { type: 'string' }, query: { type: 'string', multiple: true } } });
  const url = values.db ?? process.env.CROSSCHECK_DB;
  if (!url) {
    console.error('dbProfile: --db URL (or CROSSCHECK_DB) names the archive to search');
    process.exit(2);
  }
  const limit = Number(values.limit ?? 20);
  const queries = values.query ?? QUERIES;
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  console.log(`profile on ${redact(url)}, top ${limit}; statement times include the round trip`);
  const repeat = Number(values.repeat ?? 0);
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  let serverTotal = 0;
  try {
    for (const query of values.prefixes === true ? queries.flatMap(prefixesOf) : queries) {
      let statementMs = 0;
      const lines: string[] = [];
      const session: SearchSession = {
        query: async <R>(sql: string, parameters?: unknown[]): Promise<R[]> => {
          const started = performance.now();
          const result = await client.query(sql, parameters);
          const took = performance.now() - started;
          statementMs += took;
          lines.push(`  ${ms(took).padStart(6)} ms ${String(result.rows.length).padStart(5)} rows  ${sql.slice(0, 60).replace(/\s+/g, ' ')}`);
          const cursor = sql.startsWith('DECLARE');
          if (values.explain === true && (cursor || (sql.startsWith('SELECT') && !sql.includes('set_config')))) {
            const plan = await client.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${cursor ? `${sql.replace(/^DECLARE \S+ NO SCROLL CURSOR FOR /, '')} LIMIT 64` : sql}`, parameters);
            lines.push(...plan.rows.map((row) => `      ${row['QUERY PLAN']}`));
          }
          return result.rows as R[];
        },
      };
      const work = { statements: 0, rowsRead: 0, scored: 0, vocabularyWords: 0, titledDocuments: 0 };
      await client.query('BEGIN READ ONLY');
      const cpu = process.cpuUsage();
      const started = performance.now();
      const hits = await searchArchive(session, work, query, { limit });
      const total = performance.now() - started;
      const used = process.cpuUsage(cpu);
      await client.query('COMMIT');
      console.log(
        `${JSON.stringify(query).padEnd(42)} ${ms(total).padStart(6)} ms; statements ${ms(statementMs).padStart(6)} ms; client CPU ${ms((used.user + used.system) / 1000).padStart(5)} ms; rows read ${work.rowsRead}, scored ${work.scored}, title words ${work.vocabularyWords}, titled documents ${work.titledDocuments}; ${hits.length} hits`,
      );
      if (values.verbose === true || values.explain === true) console.log(lines.join('\n'));
      if (repeat > 0) {
        const quiet: SearchSession = { query: async <R>(sql: string, parameters?: unknown[]): Promise<R[]> => (await client.query(sql, parameters)).rows as R[] };
        const before = backendCpuMs(backend);
        for (let run = 0; run < repeat; run++) {
          await client.query('BEGIN READ ONLY');
          await searchArchive(quiet, { ...work }, query, { limit });
          await client.query('COMMIT');
        }
        const after = backendCpuMs(backend);
        if (before !== null && after !== null) {
          serverTotal += (after - before) / repeat;
          console.log(`  server CPU ${ms((after - before) / repeat)} ms a search (${repeat} runs)`);
        }
      }
    }
    if (repeat > 0) console.log(`server CPU per search, mean of the queries: ${ms(serverTotal / queries.length)} ms; load average ${(await import('node:os')).loadavg()[0]!.toFixed(2)}`);
  } finally {
    await client.end();
  }
}

await main();
