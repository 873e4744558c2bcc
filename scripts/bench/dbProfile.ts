/**
 * Where one archive search's time goes, one query at a time: its statements (time as the client
 * waits for each, rows returned), the client's CPU (Fuse.js scoring, building the SQL), and the
 * rows read and scored; with --explain, each statement's EXPLAIN ANALYZE (a candidate cursor's
 * as a first page, LIMIT 64, would run it).
 *
 *   TSX_TSCONFIG_PATH=tsconfig.test.json node --import tsx scripts/bench/dbProfile.ts --db URL [--limit 20] [--prefixes] [--verbose] [--explain]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { searchArchive, type SearchSession } from '../../src/core/db/archiveSearch.js';
import { parseDatabaseUrl, redact } from '../../src/core/db/url.js';
import { QUERIES } from './queries.js';
import { ms } from './stats.js';

const prefixesOf = (query: string): string[] => Array.from({ length: query.length }, (_, at) => query.slice(0, at + 1)).filter((prefix) => !prefix.endsWith(' '));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, limit: { type: 'string' }, prefixes: { type: 'boolean' }, verbose: { type: 'boolean' }, explain: { type: 'boolean' } } });
  const url = values.db ?? process.env.CROSSCHECK_DB;
  if (!url) {
    console.error('dbProfile: --db URL (or CROSSCHECK_DB) names the archive to search');
    process.exit(2);
  }
  const limit = Number(values.limit ?? 20);
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  console.log(`profile on ${redact(url)}, top ${limit}; statement times include the round trip`);
  try {
    for (const query of values.prefixes === true ? QUERIES.flatMap(prefixesOf) : QUERIES) {
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
    }
  } finally {
    await client.end();
  }
}

await main();
