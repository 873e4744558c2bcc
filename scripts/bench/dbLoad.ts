/**
 * Many people searching one archive at once: N clients (default 20), each with its own
 * connection (a unix socket or loopback), run the bench queries through the archive's own search
 * (`Archive.search`: candidates from PostgreSQL, scored by Fuse.js), and the latency of each query
 * is reported (p50 / p95 / max) with any error.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.test.json node --import tsx scripts/bench/dbLoad.ts --db URL [--clients 20] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import { Archive } from '../../src/core/db/archive.js';
import { redact } from '../../src/core/db/url.js';
import { QUERIES } from './queries.js';
import { latencyOf, ms, table, type Latency } from './stats.js';

/** Hits per query: one screenful, as a key in the workbench asks for. */
const LIMIT = 20;

export interface QueryLoad {
  query: string;
  latency: Latency;
  /** Hits of its last run. */
  hits: number;
  errors: number;
}

export interface LoadReport {
  clients: number;
  rounds: number;
  queries: QueryLoad[];
  errors: string[];
  /** Every query's latency together. */
  overall: Latency;
}

/** `clients` connections, each running every query `rounds` times (each client starting at another query). */
export async function measureLoad(url: string, clients = 20, rounds = 3): Promise<LoadReport> {
  const archives = await Promise.all(Array.from({ length: clients }, () => Archive.open(url, { statementTimeoutMs: 60_000 })));
  const times = new Map<string, number[]>(QUERIES.map((query) => [query, []]));
  const found = new Map<string, number>();
  const errors: string[] = [];
  try {
    await Promise.all(
      archives.map(async (archive, index) => {
        for (let step = 0; step < rounds * QUERIES.length; step++) {
          const query = QUERIES[(index + step) % QUERIES.length]!;
          const started = performance.now();
          try {
            found.set(query, (await archive.search(query, { limit: LIMIT })).hits.length);
            times.get(query)!.push(performance.now() - started);
          } catch (error) {
            errors.push(`${JSON.stringify(query)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
  } finally {
    await Promise.all(archives.map((archive) => archive.close().catch(() => undefined)));
  }
  const queries = QUERIES.map((query) => ({
    query,
    latency: latencyOf(times.get(query)!),
    hits: found.get(query) ?? 0,
    errors: errors.filter((error) => error.startsWith(`${JSON.stringify(query)}:`)).length,
  }));
  return { clients, rounds, queries, errors, overall: latencyOf([...times.values()].flat()) };
}

export function printLoad(report: LoadReport): void {
  console.log(`\n${report.clients} concurrent clients, each running every query ${report.rounds} times (the archive's search, top ${LIMIT})`);
  console.log(
    table(
      ['query', 'hits', 'p50 ms', 'p95 ms', 'max ms', 'runs', 'errors'],
      [
        ...report.queries.map((query) => [JSON.stringify(query.query), String(query.hits), ms(query.latency.p50), ms(query.latency.p95), ms(query.latency.max), String(query.latency.samples), String(query.errors)]),
        ['all queries', '', ms(report.overall.p50), ms(report.overall.p95), ms(report.overall.max), String(report.overall.samples), String(report.errors.length)],
      ],
    ),
  );
  for (const error of report.errors.slice(0, 5)) console.log(`error: ${error}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, clients: { type: 'string' }, rounds: { type: 'string' } } });
  const url = values.db ?? process.env.CROSSCHECK_DB;
  if (!url) {
    console.error('dbLoad: --db URL (or CROSSCHECK_DB) names the archive to search');
    process.exit(2);
  }
  console.log(`load on ${redact(url)}`);
  printLoad(await measureLoad(url, Number(values.clients ?? 20), Number(values.rounds ?? 3)));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
