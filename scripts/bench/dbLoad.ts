/**
 * Many people searching one archive at once: N clients (default 20), each on its own connection
 * (a unix socket or loopback), run the bench queries as trigram candidate queries against the
 * passages table, as the archive's search would ask PostgreSQL for candidates, and the latency of
 * each query is reported (p50 / p95 / max) with any error.
 *
 * The SQL here is self-contained (bound parameters, the GIN gin_trgm_ops index): `candidates` can
 * be swapped for the archive search's own function once it exists.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.test.json node --import tsx scripts/bench/dbLoad.ts --db URL [--clients 20] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseDatabaseUrl, redact } from '../../src/core/db/url.js';
import { QUERIES } from './queries.js';
import { latencyOf, ms, table, type Latency } from './stats.js';

/** Candidates per query, as the workbench's full result list asks for. */
const CANDIDATES = 200;

/** Asks the archive for one query's candidates; returns how many came back. */
export type Candidates = (client: pg.Client, query: string) => Promise<number>;

/** A LIKE pattern matching `text` literally (its %, _ and \ escaped). */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** One alternative of a term as a condition: a LIKE pattern, or a fuzzy word (with its score). */
function alternativeSql(token: string, bind: (value: string) => string): { condition: string; score: string | null } {
  const inverse = token.startsWith('!');
  const body = inverse ? token.slice(1) : token;
  const like = (pattern: string): { condition: string; score: null } => ({ condition: `text ${inverse ? 'NOT ILIKE' : 'ILIKE'} ${bind(pattern)}`, score: null });
  if (body.startsWith("'")) return like(`%${literal(body.slice(1))}%`);
  if (body.startsWith('^')) return like(`${literal(body.slice(1))}%`);
  if (body.endsWith('$')) return like(`%${literal(body.slice(0, -1))}`);
  if (inverse) return like(`%${literal(body)}%`);
  const word = bind(body);
  return { condition: `text %> ${word}`, score: `word_similarity(${word}, text)` };
}

/**
 * The bench query syntax as SQL with fzf's meaning (query.ts): space-separated terms must all
 * match, `a | b` is one term matching either; a fuzzy word matches by word_similarity (`%>`, the
 * GIN index), 'exact, ^prefix, suffix$ and !not by ILIKE; every value a bound parameter. Ordered
 * by the summed similarity of the fuzzy terms.
 */
export function candidateSql(query: string): { text: string; values: string[] } {
  const values: string[] = [];
  const bind = (value: string): string => `$${values.push(value)}`;
  const terms: string[][] = [];
  const tokens = query.split(/\s+/).filter(Boolean);
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index] === '|' && terms.length > 0 && index + 1 < tokens.length) terms[terms.length - 1]!.push(tokens[++index]!);
    else terms.push([tokens[index]!]);
  }
  const scores: string[] = [];
  const conditions = terms.map((term) => {
    const alternatives = term.map((token) => alternativeSql(token, bind));
    const termScores = alternatives.flatMap((alternative) => (alternative.score ? [alternative.score] : []));
    if (termScores.length > 0) scores.push(termScores.length === 1 ? termScores[0]! : `greatest(${termScores.join(', ')})`);
    return `(${alternatives.map((alternative) => alternative.condition).join(' OR ')})`;
  });
  const order = scores.length === 0 ? '' : ` ORDER BY ${scores.join(' + ')} DESC`;
  return { text: `SELECT story, source, seq FROM passages WHERE ${conditions.join(' AND ') || 'true'}${order} LIMIT ${CANDIDATES}`, values };
}

export const sqlCandidates: Candidates = async (client, query) => {
  const { text, values } = candidateSql(query);
  return (await client.query(text, values)).rowCount ?? 0;
};

export interface QueryLoad {
  query: string;
  latency: Latency;
  candidates: number;
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
export async function measureLoad(url: string, clients = 20, rounds = 3, candidates: Candidates = sqlCandidates): Promise<LoadReport> {
  const config = parseDatabaseUrl(url);
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ ...config, application_name: 'crosscheck-bench-load', statement_timeout: 60_000 });
      await client.connect();
      return client;
    }),
  );
  const times = new Map<string, number[]>(QUERIES.map((query) => [query, []]));
  const found = new Map<string, number>();
  const errors: string[] = [];
  try {
    await Promise.all(
      connections.map(async (client, index) => {
        for (let step = 0; step < rounds * QUERIES.length; step++) {
          const query = QUERIES[(index + step) % QUERIES.length]!;
          const started = performance.now();
          try {
            found.set(query, await candidates(client, query));
            times.get(query)!.push(performance.now() - started);
          } catch (error) {
            errors.push(`${JSON.stringify(query)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((client) => client.end().catch(() => undefined)));
  }
  const queries = QUERIES.map((query) => ({
    query,
    latency: latencyOf(times.get(query)!),
    candidates: found.get(query) ?? 0,
    errors: errors.filter((error) => error.startsWith(`${JSON.stringify(query)}:`)).length,
  }));
  return { clients, rounds, queries, errors, overall: latencyOf([...times.values()].flat()) };
}

export function printLoad(report: LoadReport): void {
  console.log(`\n${report.clients} concurrent clients, each running every query ${report.rounds} times (trigram candidate SQL, top ${CANDIDATES})`);
  console.log(
    table(
      ['query', 'candidates', 'p50 ms', 'p95 ms', 'max ms', 'runs', 'errors'],
      [
        ...report.queries.map((query) => [JSON.stringify(query.query), String(query.candidates), ms(query.latency.p50), ms(query.latency.p95), ms(query.latency.max), String(query.latency.samples), String(query.errors)]),
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
