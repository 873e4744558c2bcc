/**
 * One first load and one unchanged re-run of `crosscheck index --db` into a fresh database, with
 * the CPU each side spent: the client's own (process.cpuUsage, printed by the child on exit) and
 * the server's (the postmaster's and its children's CPU ticks from /proc, before and after), and
 * the load average. CPU seconds per article transfer between machines; wall-clock on a shared
 * machine does not.
 *
 *   npm run bench:db-ingest -- [--corpus PATH] [--runs N] [--cpu-prof FOLDER] [--program bin/crosscheck.js]
 *
 * --program runs another build (an older checkout's bin/crosscheck.js) for a before/after in the same conditions.
 *
 * The server: CROSSCHECK_TEST_DB, or a throwaway one (scripts/test-postgres.sh). Linux only for
 * the server's CPU (reported as n/a elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase } from './dbServer.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const TICKS_PER_SECOND = 100;

/** Prints the child's CPU seconds and peak RSS on exit. */
const REPORT = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('bench-cpu '+((c.user+c.system)/1e6)+' '+process.resourceUsage().maxRSS+'\\n')})`;

function ticksOf(pid: number, withChildren: boolean): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // utime, stime, cutime, cstime: fields 14 to 17 of stat, 12 to 15 after the command name.
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}

/** The CPU seconds spent so far by the server whose data folder holds postmaster.pid: exited backends are counted in the postmaster's children's time once reaped. */
function serverSeconds(dataFolder: string | undefined): number | null {
  if (!dataFolder || process.platform !== 'linux') return null;
  const postmaster = Number(readFileSync(path.join(dataFolder, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = ticksOf(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      if (parent === postmaster) ticks += ticksOf(Number(entry), false);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}

interface Run {
  seconds: number;
  clientCpu: number;
  serverCpu: number | null;
  rssMb: number;
  load: number[];
  summary: Record<string, number>;
}

interface Setting {
  program: string;
  corpus: string;
  dataFolder: string | undefined;
}

function runIndex({ program, corpus, dataFolder }: Setting, url: string, env: NodeJS.ProcessEnv, profile: string | undefined): Run {
  const load = os.loadavg();
  const serverBefore = serverSeconds(dataFolder);
  const started = performance.now();
  const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const result = spawnSync(process.execPath, [...flags, '--import', REPORT, program, 'index', '--db', url, '--corpus', corpus, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const seconds = (performance.now() - started) / 1000;
  // The last backend is reaped a moment after the client leaves.
  spawnSync('sleep', ['0.3']);
  const serverAfter = serverSeconds(dataFolder);
  if (result.status !== 0) throw new Error(`crosscheck index failed (${result.status}): ${result.stderr}`);
  const [, cpu, rss] = /bench-cpu (\S+) (\d+)/.exec(result.stderr) ?? [];
  return {
    seconds,
    clientCpu: Number(cpu),
    serverCpu: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    rssMb: Number(rss) / 1024,
    load,
    summary: JSON.parse(result.stdout) as Record<string, number>,
  };
}

function line(name: string, run: Run, articles: number): string {
  const server = run.serverCpu === null ? 'n/a' : `${run.serverCpu.toFixed(1)} s`;
  const perArticle = run.serverCpu === null ? 'n/a' : `${(((run.clientCpu + run.serverCpu) / articles) * 1000).toFixed(2)} ms`;
  return `${name}: ${run.seconds.toFixed(1)} s wall, ${(articles / run.seconds).toFixed(0)} articles/s; CPU client ${run.clientCpu.toFixed(1)} s, server ${server}, per article ${perArticle}; peak RSS ${run.rssMb.toFixed(0)} MB; load ${run.load.map((value) => value.toFixed(2)).join(' ')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string', default: path.join(process.env.CROSSCHECK_BENCH_CORPORA ?? path.join(projectRoot, '..', 'shared', 'corpora'), 'reuters21578', 'texts') }, runs: { type: 'string', default: '1' }, 'cpu-prof': { type: 'string' }, program: { type: 'string', default: path.join(projectRoot, 'bin', 'crosscheck.js') } },
  });
  for (let run = 1; run <= Number(values.runs); run++) {
    const database = await benchDatabase(projectRoot);
    if ('skipped' in database) throw new Error(database.skipped);
    const work = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-ingest-'));
    try {
      const env = { XDG_CACHE_HOME: path.join(work, 'cache'), HOME: work };
      const setting = { program: path.resolve(values.program), corpus: values.corpus, dataFolder: process.env.CROSSCHECK_PG_DIR ? path.join(process.env.CROSSCHECK_PG_DIR, 'data') : undefined };
      const first = runIndex(setting, database.url, env, values['cpu-prof']);
      const articles = first.summary.documents ?? 0;
      console.log(line(`run ${run}, first load of ${articles} articles (${first.summary.passages} passages)`, first, articles));
      const again = runIndex(setting, database.url, env, undefined);
      console.log(`${line(`run ${run}, unchanged re-run`, again, articles)}; ${((again.seconds / first.seconds) * 100).toFixed(1)}% of the first`);
    } finally {
      rmSync(work, { recursive: true, force: true });
      await database.close();
    }
  }
}

await main();
