/**
 * Many people searching one archive at once: N clients (default 20), each with its own
 * connection (a unix socket or loopback), run the bench queries through the archive's own search
 * (`Archive.search`: candidates from PostgreSQL, scored by Fuse.js), and the latency of each query
 * is reported (p50 / p95 / max) with any error.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.test.json node --import tsx scripts/bench/dbLoad.ts --db URL [--clients 20] [--rounds 3] [--limits 20,500]
 *
 * Besides latency it reports CPU per search, which the machine's other load disturbs less: this
 * process's (every client's Fuse.js scoring) and the server backends' (from /proc, on Linux).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Archive } from '../../src/core/db/archive.js';
import { redact } from '../../src/core/db/url.js';
import { QUERIES } from './queries.js';
import { latencyOf, ms, table, type Latency } from './stats.js';

/** Hits per query by default: one screenful, as a key in the workbench asks for. */
export const SCREEN_LIMIT = 20;

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
  limit: number;
  queries: QueryLoad[];
  errors: string[];
  /** Every query's latency together. */
  overall: Latency;
  wallSeconds: number;
  /** CPU time per search, less sensitive to the machine's load than latency: this process (all clients' Fuse.js) and the server backends. */
  clientCpuMs: number;
  serverCpuMs: number | null;
  /** One-minute load average before and after. */
  loadBefore: number;
  loadAfter: number;
}

/** User and system CPU of a server backend, in ms (Linux /proc; null elsewhere or when it is not readable). */
export function backendCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function serverCpuMs(archives: readonly Archive[]): number | null {
  const each = archives.map((archive) => backendCpuMs(archive.backendPid));
  return each.every((value): value is number => value !== null) ? each.reduce((sum, value) => sum + value, 0) : null;
}

/** `clients` connections, each running every query `rounds` times (each client starting at another query), `limit` hits each. */
export async function measureLoad(url: string, clients = 20, rounds = 3, limit = SCREEN_LIMIT): Promise<LoadReport> {
  const archives = await Promise.all(Array.from({ length: clients }, () => Archive.open(url, { statementTimeoutMs: 60_000 })));
  const times = new Map<string, number[]>(QUERIES.map((query) => [query, []]));
  const found = new Map<string, number>();
  const errors: string[] = [];
  const loadBefore = os.loadavg()[0]!;
  const serverBefore = serverCpuMs(archives);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const measured = { wallSeconds: 0, clientCpu: 0, server: null as number | null };
  try {
    await Promise.all(
      archives.map(async (archive, index) => {
        for (let step = 0; step < rounds * QUERIES.length; step++) {
          const query = QUERIES[(index + step) % QUERIES.length]!;
          const began = performance.now();
          try {
            found.set(query, (await archive.search(query, { limit })).hits.length);
            times.get(query)!.push(performance.now() - began);
          } catch (error) {
            errors.push(`${JSON.stringify(query)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
  } finally {
    measured.wallSeconds = (performance.now() - started) / 1000;
    const client = process.cpuUsage(clientBefore);
    measured.clientCpu = (client.user + client.system) / 1000;
    const serverAfter = serverCpuMs(archives);
    measured.server = serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null;
    await Promise.all(archives.map((archive) => archive.close().catch(() => undefined)));
  }
  const searches = Math.max(1, clients * rounds * QUERIES.length);
  const queries = QUERIES.map((query) => ({
    query,
    latency: latencyOf(times.get(query)!),
    hits: found.get(query) ?? 0,
    errors: errors.filter((error) => error.startsWith(`${JSON.stringify(query)}:`)).length,
  }));
  return {
    clients,
    rounds,
    limit,
    queries,
    errors,
    overall: latencyOf([...times.values()].flat()),
    wallSeconds: measured.wallSeconds,
    clientCpuMs: measured.clientCpu / searches,
    serverCpuMs: measured.server === null ? null : measured.server / searches,
    loadBefore,
    loadAfter: os.loadavg()[0]!,
  };
}

export function printLoad(report: LoadReport): void {
  console.log(`\n${report.clients} concurrent clients, each running every query ${report.rounds} times (the archive's search, top ${report.limit})`);
  console.log(
    table(
      ['query', 'hits', 'p50 ms', 'p95 ms', 'max ms', 'runs', 'errors'],
      [
        ...report.queries.map((query) => [JSON.stringify(query.query), String(query.hits), ms(query.latency.p50), ms(query.latency.p95), ms(query.latency.max), String(query.latency.samples), String(query.errors)]),
        ['all queries', '', ms(report.overall.p50), ms(report.overall.p95), ms(report.overall.max), String(report.overall.samples), String(report.errors.length)],
      ],
    ),
  );
  const server = report.serverCpuMs === null ? 'not readable' : `${ms(report.serverCpuMs)} ms`;
  console.log(
    `${report.wallSeconds.toFixed(1)} s in all; CPU per search: client ${ms(report.clientCpuMs)} ms (one Node.js process, every client's Fuse.js), server ${server}; load average ${report.loadBefore.toFixed(2)} before, ${report.loadAfter.toFixed(2)} after (${os.cpus().length} cores)`,
  );
  for (const error of report.errors.slice(0, 5)) console.log(`error: ${error}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, clients: { type: 'string' }, rounds: { type: 'string' }, limits: { type: 'string' } } });
  const url = values.db ?? process.env.CROSSCHECK_DB;
  if (!url) {
    console.error('dbLoad: --db URL (or CROSSCHECK_DB) names the archive to search');
    process.exit(2);
  }
  console.log(`load on ${redact(url)}`);
  for (const limit of (values.limits ?? String(SCREEN_LIMIT)).split(',').map(Number)) printLoad(await measureLoad(url, Number(values.clients ?? 20), Number(values.rounds ?? 3), limit));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
