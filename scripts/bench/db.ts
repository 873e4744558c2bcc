/**
 * The database tier: Reuters replicated to a large corpus (each copy's ids and some of its words
 * varied), loaded with `crosscheck index --db` into a throwaway PostgreSQL. Measured: the first
 * load's rate (articles/s), an unchanged re-run as a share of it (as a user runs it, and with the
 * cache turned off, which compares every content hash), the client's peak RSS, and then N
 * clients searching the archive at once (dbLoad.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { RACY_WINDOW_MS } from '../../src/core/fingerprint.js';
import { benchDatabase } from './dbServer.js';
import { measureLoad, printLoad, type LoadReport } from './dbLoad.js';
import { table } from './stats.js';

/** The size is 200,000 (--db-articles 200000); this default takes a few minutes on two cores. */
export const DEFAULT_DB_ARTICLES = 50_000;

/** Word swaps for the copies: copy k applies the swaps whose bit is set in k, so no two of the first 64 copies read alike. */
const SWAPS: ReadonlyArray<[RegExp, string]> = [
  [/\bsaid\b/g, 'stated'],
  [/\brose\b/g, 'climbed'],
  [/\bfell\b/g, 'dropped'],
  [/\bcompany\b/g, 'firm'],
  [/\bshares\b/g, 'stock'],
  [/\bmarket\b/g, 'exchange'],
];

/** Copy `copy` of one article: its year moved on by the copy number, some words swapped. */
function varied(text: string, copy: number): string {
  if (copy === 0) return text;
  let result = text.replace(/\b1987\b/g, String(1987 + copy));
  SWAPS.forEach(([pattern, replacement], bit) => {
    if (copy & (1 << bit)) result = result.replace(pattern, replacement);
  });
  return result;
}

/** `articles` files made from Reuters' texts/ in `folder` (flat, like texts/: every copy's file named apart). */
export function replicateReuters(texts: string, folder: string, articles: number): number {
  const names = readdirSync(texts).filter((name) => name.endsWith('.txt')).sort();
  const sources = names.map((name) => readFileSync(path.join(texts, name), 'utf8'));
  mkdirSync(folder, { recursive: true });
  let written = 0;
  for (let copy = 0; written < articles; copy++) {
    for (let index = 0; index < names.length && written < articles; index++, written++) {
      const name = copy === 0 ? names[index]! : `c${copy}-${names[index]!}`;
      writeFileSync(path.join(folder, name), varied(sources[index]!, copy));
    }
  }
  return written;
}

interface IndexRun {
  seconds: number;
  rssMb: number;
  summary: Record<string, number>;
  /** The 1-minute load average when the run started. */
  load: number;
}

/** Prints the process's peak RSS on exit (the child's own figure, whatever the platform's `time`). */
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('bench-maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

function runIndex(projectRoot: string, url: string, corpus: string, env: NodeJS.ProcessEnv): IndexRun {
  const load = os.loadavg()[0]!;
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', REPORT_RSS, path.join(projectRoot, 'bin', 'crosscheck.js'), 'index', '--db', url, '--corpus', corpus, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`crosscheck index failed (${result.status}): ${result.stderr}`);
  const rssKb = Number(/bench-maxrss (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { seconds, rssMb: rssKb / 1024, summary: JSON.parse(result.stdout) as Record<string, number>, load };
}

export interface DatabaseReport {
  articles: number;
  passages: number;
  first: IndexRun;
  rerun: IndexRun;
  rerunCompared: IndexRun;
  /** The concurrent clients' searches, one report per hit limit (the screen's 20, and --db-limits). */
  loads: LoadReport[];
}

export interface DatabaseOptions {
  articles: number;
  clients: number;
  rounds: number;
  /** Hits per search in the load: 20 is the workbench's screen, 500 `search --limit 500`. */
  limits: number[];
}

/** The tier, or a note saying why it was skipped. */
export async function benchDatabaseTier(projectRoot: string, corpora: string, options: DatabaseOptions): Promise<DatabaseReport | { skipped: string }> {
  const texts = path.join(corpora, 'reuters21578', 'texts');
  if (!existsSync(texts)) return { skipped: `${texts} is missing (the corpora live in ../shared/corpora)` };
  const database = await benchDatabase(projectRoot);
  if ('skipped' in database) return database;
  const work = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-db-'));
  try {
    const corpus = path.join(work, 'corpus');
    console.log(`db tier: writing ${options.articles.toLocaleString('en-US')} articles replicated from Reuters ...`);
    const articles = replicateReuters(texts, corpus, options.articles);
    // As any real corpus, its files older than the racy window: a first run keyed within it is not recorded (fingerprint.ts).
    await setTimeout(RACY_WINDOW_MS + 200);
    const env = { XDG_CACHE_HOME: path.join(work, 'cache'), HOME: work };
    console.log('db tier: first load ...');
    const first = runIndex(projectRoot, database.url, corpus, env);
    console.log('db tier: unchanged re-runs ...');
    const rerun = runIndex(projectRoot, database.url, corpus, env);
    const rerunCompared = runIndex(projectRoot, database.url, corpus, { ...env, CROSSCHECK_CACHE_MAX_BYTES: '0' });
    console.log(`db tier: ${options.clients} concurrent clients ...`);
    const loads: LoadReport[] = [];
    for (const limit of options.clients > 0 ? options.limits : []) loads.push(await measureLoad(database.url, options.clients, options.rounds, limit));
    return { articles, passages: first.summary.passages ?? 0, first, rerun, rerunCompared, loads };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await database.close();
  }
}

export function printDatabase(report: DatabaseReport | { skipped: string } | null): void {
  if (report === null) return;
  if ('skipped' in report) {
    console.log(`note: tier DB skipped: ${report.skipped}`);
    return;
  }
  const rate = report.articles / report.first.seconds;
  const share = (run: IndexRun): string => `${((run.seconds / report.first.seconds) * 100).toFixed(1)}%`;
  const load = (run: IndexRun): string => run.load.toFixed(2);
  console.log(`\n== DB: crosscheck index --db, ${report.articles.toLocaleString('en-US')} articles (Reuters replicated), ${report.passages.toLocaleString('en-US')} passages ==`);
  console.log(
    table(
      ['measure', 'value', 'target', 'load (1 min)'],
      [
        ['first load (s, wall clock of the process)', report.first.seconds.toFixed(1), '', load(report.first)],
        ['first load rate (articles/s)', rate.toFixed(0), rate >= 2000 ? '>= 2,000: met' : '>= 2,000: NOT met', ''],
        ['unchanged re-run (s)', `${report.rerun.seconds.toFixed(1)}  (${share(report.rerun)})`, report.rerun.seconds <= report.first.seconds * 0.1 ? '<= 10%: met' : '<= 10%: NOT met', load(report.rerun)],
        ['unchanged re-run, cache off: every hash compared (s)', `${report.rerunCompared.seconds.toFixed(1)}  (${share(report.rerunCompared)})`, '', load(report.rerunCompared)],
        ['client peak RSS: first load / re-run / compared (MB)', `${report.first.rssMb.toFixed(0)} / ${report.rerun.rssMb.toFixed(0)} / ${report.rerunCompared.rssMb.toFixed(0)}`, '', ''],
      ],
    ),
  );
  for (const load of report.loads) printLoad(load);
}
