/**
 * `npm run bench:db-search`: search served from a PostgreSQL archive beside the in-memory index
 * over the same corpus (Reuters by default). For each bench query, and each prefix a user types
 * on the way to it: the top-20 agreement (how many of the in-memory index's 20 best passages the
 * archive also returns; 1 when both find nothing), whether the two lists are identical in order,
 * and the archive's latency.
 *
 *   npm run bench:db-search -- --db postgresql://USER@/DATABASE?host=/socket [--corpus PATH] [--index]
 *
 * --index loads the corpus into the archive first (crosscheck index does the same). The URL is
 * also read from CROSSCHECK_BENCH_DB. Without a URL the script says so and ends.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Archive } from '../../src/core/db/archive.js';
import { connectDatabase } from '../../src/core/db/connect.js';
import { ingestCorpus } from '../../src/core/db/ingest.js';
import { migrate } from '../../src/core/db/schema.js';
import { programVersion } from '../../src/core/presentation.js';
import type { SearchHit } from '../../src/core/searchIndex.js';
import { Workspace } from '../../src/core/workspace.js';
import { QUERIES } from './queries.js';
import { latencyOf, ms } from './stats.js';

const LIMIT = 20;
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

const keyOf = (hit: SearchHit): string => `${hit.passage.source}\u0000${hit.passage.start}`;

/** The share of `expected` that `found` also holds (1 when both are empty). */
export function agreement(expected: readonly SearchHit[], found: readonly SearchHit[]): number {
  if (expected.length === 0) return found.length === 0 ? 1 : 0;
  const keys = new Set(found.map(keyOf));
  return expected.filter((hit) => keys.has(keyOf(hit))).length / expected.length;
}

function sameList(a: readonly SearchHit[], b: readonly SearchHit[]): boolean {
  return a.length === b.length && a.every((hit, index) => keyOf(hit) === keyOf(b[index]!) && hit.score === b[index]!.score);
}

function prefixesOf(query: string): string[] {
  const prefixes: string[] = [];
  for (let length = 1; length <= query.length; length++) if (query[length - 1] !== ' ') prefixes.push(query.slice(0, length));
  return prefixes;
}

interface Row {
  query: string;
  agreement: number;
  identical: boolean;
  ms: number;
  hits: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, corpus: { type: 'string' }, index: { type: 'boolean' } } });
  const url = values.db ?? process.env.CROSSCHECK_BENCH_DB;
  if (!url) {
    console.log('bench:db-search needs --db URL or CROSSCHECK_BENCH_DB (eval "$(bash scripts/test-postgres.sh start)" starts a throwaway server)');
    return;
  }
  const corpora = process.env.CROSSCHECK_BENCH_CORPORA ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'corpora');
  const root = values.corpus ?? path.join(corpora, 'reuters21578', 'texts');
  const { workspace } = await Workspace.open(root);
  if (values.index) {
    const connection = await connectDatabase(url);
    await migrate(connection.client);
    await ingestCorpus(connection.client, workspace.corpus, { programVersion: programVersion() });
    await connection.close();
  }
  const index = workspace.passageIndex().now();
  const archive = await Archive.open(url);
  const rows: Row[] = [];
  try {
    for (const query of QUERIES) {
      for (const typed of prefixesOf(query)) {
        const expected = index.search(typed, { limit: LIMIT });
        const started = performance.now();
        const { hits } = await archive.search(typed, { limit: LIMIT });
        rows.push({ query: typed, agreement: agreement(expected, hits), identical: sameList(expected, hits), ms: performance.now() - started, hits: expected.length });
      }
    }
  } finally {
    await archive.close();
  }
  const full = rows.filter((row) => QUERIES.includes(row.query));
  console.log(`corpus ${root}: ${workspace.corpus.documents.length} documents, ${workspace.corpus.passages.length} passages; archive ${archive.shown}`);
  console.log('query                                    agree  same    ms');
  for (const row of full) console.log(`${JSON.stringify(row.query).padEnd(40)} ${row.agreement.toFixed(2).padStart(5)}  ${row.identical ? 'yes ' : 'no  '} ${ms(row.ms).padStart(5)}`);
  const mean = (list: readonly Row[]): number => list.reduce((sum, row) => sum + row.agreement, 0) / list.length;
  const fullLatency = latencyOf(full.map((row) => row.ms));
  const typedLatency = latencyOf(rows.map((row) => row.ms));
  console.log(`top-${LIMIT} agreement, the ${full.length} bench queries: ${mean(full).toFixed(3)} (identical lists: ${full.filter((row) => row.identical).length}/${full.length})`);
  console.log(`top-${LIMIT} agreement, every prefix typed (${rows.length} queries): ${mean(rows).toFixed(3)} (identical lists: ${rows.filter((row) => row.identical).length}/${rows.length})`);
  console.log(`archive latency, bench queries: p50 ${ms(fullLatency.p50)} ms, p95 ${ms(fullLatency.p95)} ms, max ${ms(fullLatency.max)} ms`);
  console.log(`archive latency, every prefix: p50 ${ms(typedLatency.p50)} ms, p95 ${ms(typedLatency.p95)} ms, max ${ms(typedLatency.max)} ms`);
  const worst = rows.filter((row) => row.agreement < 1).sort((a, b) => a.agreement - b.agreement).slice(0, 10);
  for (const row of worst) console.log(`  below 1: ${JSON.stringify(row.query)} ${row.agreement.toFixed(2)}`);
}

await main();
