/**
 * `npm run bench`: how crosscheck scales, tier by tier, against the baselines a user would otherwise
 * use (one plain Fuse.js index over every passage, and `fzf --filter`). Not a test: it prints
 * tables and writes bench-results/bench-<time>.json.
 *
 *   npm run bench                      S, M, L, XL
 *   npm run bench -- --tiers S,M       some tiers
 *   npm run bench -- --runs 3          repeat the search runs (medians reported)
 *   npm run bench -- --no-terminal     skip the pseudo-terminal keystroke measurement
 *   npm run bench -- --slow-keys 40    also print, per run, each keystroke slower than 40 ms and
 *                                      the passages it scored (which prefixes make the tail)
 *   npm run bench -- --tiers FORMATS   only loading JSON Lines against the same texts as files
 *   npm run bench -- --tiers DB        only the PostgreSQL archive (scripts/bench/db.ts): Reuters
 *                                      replicated to --db-articles (default 50,000; the size
 *                                      is 200,000, also CROSSCHECK_BENCH_DB_ARTICLES), --db-clients
 *                                      concurrent searchers (default 20), --db-limits hits per search
 *                                      (default 20, the screen; e.g. 20,500 adds search --limit 500)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIndexedCorpus } from '../src/core/open.js';
import { loadCorpus } from '../src/core/load.js';
import { extractCorpusQuotes } from '../src/core/quotes/extract.js';
import { QuoteIndex } from '../src/core/quotes/index.js';
import { PassageIndex, type SearchHit } from '../src/core/searchIndex.js';
import { DEFAULT_SLICE_MS, runInSlices } from '../src/core/slices.js';
import type { Corpus } from '../src/core/types.js';
import { benchDatabaseTier, DEFAULT_DB_ARTICLES, printDatabase } from './bench/db.js';
import { benchFormats, printFormats } from './bench/formats.js';
import { measureKeystrokesApart, type KeystrokeRun } from './bench/keystrokes.js';
import { QUERIES } from './bench/queries.js';
import { benchScreen, screenTable, SETTLED_QUERIES, type ScreenReport } from './bench/settled.js';
import { FIRST_PAGE, RESULT_LIMIT } from '../src/ui/hooks/useSearch.js';
import { latencyOf, median, megabytes, ms, table, timed, type Latency } from './bench/stats.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/corpora beside the checkout; CROSSCHECK_BENCH_CORPORA names another place (a worktree elsewhere). */
const CORPORA = process.env.CROSSCHECK_BENCH_CORPORA ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'corpora');
/** What the workbench asks for on every keystroke, and once typing pauses (useSearch). */
const KEYSTROKE_LIMIT = FIRST_PAGE;
const FULL_LIMIT = RESULT_LIMIT;
const AGREEMENT_DEPTH = 20;


interface Tier {
  name: string;
  root: string;
  /** Copies of the corpus searched as one (XL: L four times over). */
  copies: number;
  /** Baseline Fuse.js timed on every n-th keystroke (it takes seconds per query on the large tiers). */
  baselineStride: number;
  terminal: boolean;
}

const TIERS: readonly Tier[] = [
  { name: 'S', root: path.join(PROJECT_ROOT, 'corpus'), copies: 1, baselineStride: 1, terminal: false },
  { name: 'M', root: path.join(CORPORA, 'ecbplus', 'texts'), copies: 1, baselineStride: 1, terminal: true },
  { name: 'L', root: path.join(CORPORA, 'reuters21578', 'texts'), copies: 1, baselineStride: 4, terminal: true },
  { name: 'XL', root: path.join(CORPORA, 'reuters21578', 'texts'), copies: 4, baselineStride: 0, terminal: false },
];

/**
 * The real program in a pseudo-terminal: `runs` times on an empty cache (the program loads the
 * files and writes the cache), then `runs` times from that cache. Each run is driven from a
 * process of its own and before this process loads anything: a benchmark process holding a large
 * heap collects its garbage on the same two cores, and made the program's start look half a
 * second slower than a user sees it. Null when node-pty is missing.
 */
async function benchTerminal(tier: Tier, runs: number, cacheHome: string): Promise<TierReport['terminal']> {
  const coldReady: number[] = [];
  let env: NodeJS.ProcessEnv = process.env;
  for (let run = 0; run < runs; run++) {
    env = { ...process.env, XDG_CACHE_HOME: path.join(cacheHome, `terminal-${tier.name}-${run}`) };
    const cold = await measureKeystrokesApart(tier.root, env);
    if (!cold) return null;
    coldReady.push(cold.readyMs);
  }
  const measured: KeystrokeRun[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await measureKeystrokesApart(tier.root, env);
    if (!result) return null;
    measured.push(result);
  }
  return {
    coldReadyMs: median(coldReady),
    firstFrameMs: median(measured.map((run) => run.firstFrameMs)),
    readyMs: median(measured.map((run) => run.readyMs)),
    // Median over runs of each keystroke, as for the engine.
    keystroke: latencyOf(measured[0]!.keystrokes.map((_, at) => median(measured.map((run) => run.keystrokes[at]!)))),
  };
}

/** The corpus repeated `copies` times, each copy under its own source prefix (bench-only growth). */
function repeated(corpus: Corpus, copies: number): Corpus {
  if (copies === 1) return corpus;
  const documents = [];
  const passages = [];
  for (let copy = 0; copy < copies; copy++) {
    const prefix = copy === 0 ? '' : `copy${copy}/`;
    for (const document of corpus.documents) documents.push({ ...document, source: prefix + document.source });
    for (const passage of corpus.passages) passages.push({ ...passage, id: passages.length, source: prefix + passage.source });
  }
  return { ...corpus, documents, passages };
}

function agreement(fast: readonly SearchHit[], exhaustive: readonly SearchHit[]): number {
  const expected = new Set(exhaustive.slice(0, AGREEMENT_DEPTH).map((hit) => hit.passage.id));
  if (expected.size === 0) return fast.length === 0 ? 1 : 0;
  return fast.slice(0, AGREEMENT_DEPTH).filter((hit) => expected.has(hit.passage.id)).length / expected.size;
}

function fzfAvailable(): boolean {
  return spawnSync('fzf', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Wall time of `fzf --filter QUERY` over the passages written one a line (process start included). */
function fzfTimes(corpus: Corpus, queries: readonly string[]): Map<string, { ms: number; lines: number }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-'));
  const file = path.join(folder, 'passages.txt');
  try {
    writeFileSync(file, corpus.passages.map((passage) => passage.text.replace(/\s+/g, ' ')).join('\n') + '\n');
    const times = new Map<string, { ms: number; lines: number }>();
    for (const query of queries) {
      const runs: number[] = [];
      let lines = 0;
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        const result = spawnSync('sh', ['-c', 'fzf --filter "$0" < "$1"', query, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
        runs.push(performance.now() - start);
        lines = result.stdout.split('\n').filter(Boolean).length;
      }
      times.set(query, { ms: median(runs), lines });
    }
    return times;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface QueryReport {
  query: string;
  /** crosscheck, the whole query at once: the first page (what a keystroke computes), and the full list. */
  crosscheckMs: number;
  fullListMs: number;
  baselineMs: number | null;
  fzfMs: number | null;
  fzfLines: number | null;
  results: number;
  agreementTop20: number;
}

interface TierReport {
  tier: string;
  documents: number;
  passages: number;
  loadMs: number;
  indexMs: number;
  cache: { writeMs: number; warmMs: number; outcome: string } | null;
  quotesMs: number;
  quoteGroups: number;
  heapMb: number;
  rssMb: number;
  keystroke: Latency;
  /** Per keystroke, the longest stretch the sliced search held the event loop: the longest a key can wait. */
  keyWait: Latency;
  baselineKeystroke: Latency | null;
  p95Speedup: number | null;
  meanAgreementTop20: number;
  queries: QueryReport[];
  /** The program in a pseudo-terminal: readyMs and firstFrameMs from the warm cache; coldReadyMs with no cache (medians of the runs). */
  terminal: (Omit<KeystrokeRun, 'keystrokes'> & { coldReadyMs: number; keystroke: Latency }) | null;
  notes: string[];
}

/** `slowKeysMs`: print, per run, each keystroke slower than this (null: none). */
async function benchTier(tier: Tier, runs: number, terminal: TierReport['terminal'], useFzf: boolean, slowKeysMs: number | null): Promise<TierReport> {
  const notes: string[] = [];
  if (tier.terminal && !terminal) notes.push('no pseudo-terminal measurement (--no-terminal, or node-pty missing)');
  const loaded = await timed(() => loadCorpus(tier.root));
  const corpus = repeated(loaded.value, tier.copies);
  const built = await timed(() => new PassageIndex(corpus));
  const index = built.value;
  const memory = process.memoryUsage();

  // The on-disk cache, in a private cache folder (see main).
  let cache: TierReport['cache'] = null;
  if (tier.copies === 1) {
    const written = await timed(() => loadIndexedCorpus(tier.root, {}));
    const warm = await timed(() => loadIndexedCorpus(tier.root, {}));
    cache = { writeMs: written.ms, warmMs: warm.ms, outcome: `${written.value.cache}, then ${warm.value.cache}` };
  } else notes.push('no cache for the synthetic tier (it is not a folder on disk)');


  // Quotes, built by the Quotes pane over the whole corpus.
  const quotes = await timed(() => new QuoteIndex(extractCorpusQuotes(corpus)));

  // Per keystroke: every prefix of every query, on a fresh index per run (no warm word cache).
  const perRun: number[][] = [];
  for (let run = 0; run < runs; run++) {
    const fresh = run === 0 ? index : new PassageIndex(corpus, index.parts());
    const times: number[] = [];
    const slow: string[] = [];
    for (const query of QUERIES) {
      for (let length = 1; length <= query.length; length++) {
        const prefix = query.slice(0, length);
        const scoredBefore = fresh.work.scored;
        const { ms } = await timed(() => fresh.search(prefix, { limit: KEYSTROKE_LIMIT }));
        times.push(ms);
        if (slowKeysMs !== null && ms > slowKeysMs) slow.push(`${JSON.stringify(prefix)} ${ms.toFixed(0)} ms (${fresh.work.scored - scoredBefore} scored)`);
      }
    }
    if (slowKeysMs !== null) console.log(`${tier.name} run ${run + 1}: keys over ${slowKeysMs} ms: ${slow.join(', ') || 'none'}`);
    perRun.push(times);
  }
  // Median over runs of each keystroke, then percentiles over keystrokes.
  const keystrokeTimes = perRun[0]!.map((_, at) => median(perRun.map((times) => times[at]!)));

  // How long a key can wait: the search of each keystroke run as the workbench runs it, in slices
  // (fresh index: cold word cache), keeping the longest slice of each.
  const sliced = new PassageIndex(corpus, index.parts());
  const longestSlices: number[] = [];
  for (const query of QUERIES) {
    for (let length = 1; length <= query.length; length++) {
      let longest = 0;
      await runInSlices(sliced.searchSteps(query.slice(0, length), { limit: KEYSTROKE_LIMIT }), { onSlice: (ms) => (longest = Math.max(longest, ms)) });
      longestSlices.push(longest);
    }
  }

  const baselineTimes: number[] = [];
  if (tier.baselineStride > 0) {
    let at = 0;
    for (const query of QUERIES) {
      for (let length = 1; length <= query.length; length++, at++) {
        if (at % tier.baselineStride !== 0) continue;
        baselineTimes.push((await timed(() => index.search(query.slice(0, length), { limit: KEYSTROKE_LIMIT, exhaustive: true }))).ms);
      }
    }
  } else notes.push('plain Fuse.js baseline timed on whole queries only (seconds per keystroke at this size)');

  const fzf = useFzf ? fzfTimes(corpus, QUERIES) : null;
  const queries: QueryReport[] = [];
  for (const query of QUERIES) {
    const fast = await timed(() => index.search(query, { limit: KEYSTROKE_LIMIT }));
    const full = await timed(() => index.search(query, { limit: FULL_LIMIT }));
    const exhaustive = await timed(() => index.search(query, { limit: FULL_LIMIT, exhaustive: true }));
    queries.push({
      query,
      crosscheckMs: fast.ms,
      fullListMs: full.ms,
      baselineMs: exhaustive.ms,
      fzfMs: fzf?.get(query)?.ms ?? null,
      fzfLines: fzf?.get(query)?.lines ?? null,
      results: full.value.length,
      agreementTop20: agreement(fast.value, exhaustive.value),
    });
  }
  const keystroke = latencyOf(keystrokeTimes);
  const baselineKeystroke = baselineTimes.length > 0 ? latencyOf(baselineTimes) : null;

  return {
    tier: tier.name,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    loadMs: loaded.ms,
    indexMs: built.ms,
    cache,
    quotesMs: quotes.ms,
    quoteGroups: quotes.value.groups.length,
    heapMb: Number(megabytes(memory.heapUsed)),
    rssMb: Number(megabytes(memory.rss)),
    keystroke,
    keyWait: latencyOf(longestSlices),
    baselineKeystroke,
    p95Speedup: baselineKeystroke ? baselineKeystroke.p95 / keystroke.p95 : null,
    meanAgreementTop20: queries.reduce((sum, query) => sum + query.agreementTop20, 0) / queries.length,
    queries,
    terminal,
    notes,
  };
}

function printTier(report: TierReport): void {
  console.log(`\n== ${report.tier}: ${report.documents} documents, ${report.passages} passages ==`);
  console.log(
    table(
      ['measure', 'value'],
      [
        ['load (cold, ms)', ms(report.loadMs)],
        ['index (ms)', ms(report.indexMs)],
        ['searchable (load + index, ms)', ms(report.loadMs + report.indexMs)],
        ['cold load, index, cache write (ms)', report.cache ? ms(report.cache.writeMs) : '-'],
        ['warm: searchable from the cache (ms)', report.cache ? `${ms(report.cache.warmMs)}  (${report.cache.outcome})` : '-'],
        ['quotes: extract + group (ms)', `${ms(report.quotesMs)}  (${report.quoteGroups} groups)`],
        ['heap / RSS (MB)', `${report.heapMb} / ${report.rssMb}`],
        [`keystroke (top ${KEYSTROKE_LIMIT}) p50 / p95 / max (ms)`, `${ms(report.keystroke.p50)} / ${ms(report.keystroke.p95)} / ${ms(report.keystroke.max)}  (${report.keystroke.samples} keys)`],
        ['longest wait for a key p50 / p95 / max (ms)', `${ms(report.keyWait.p50)} / ${ms(report.keyWait.p95)} / ${ms(report.keyWait.max)}  (search in ${DEFAULT_SLICE_MS} ms slices)`],
        [
          'plain Fuse.js p50 / p95 / max (ms)',
          report.baselineKeystroke
            ? `${ms(report.baselineKeystroke.p50)} / ${ms(report.baselineKeystroke.p95)} / ${ms(report.baselineKeystroke.max)}  (${report.baselineKeystroke.samples} keys)`
            : '-',
        ],
        ['p95 speed-up over plain Fuse.js', report.p95Speedup === null ? '-' : `${report.p95Speedup.toFixed(1)}x`],
        ['top-20 agreement with plain Fuse.js', report.meanAgreementTop20.toFixed(3)],
        ...(report.terminal
          ? [
              ['terminal: first frame (ms)', ms(report.terminal.firstFrameMs)],
              ['terminal: searchable, no cache (ms)', ms(report.terminal.coldReadyMs)],
              ['terminal: searchable from the cache (ms)', ms(report.terminal.readyMs)],
              ['terminal: key to screen p50 / p95 / max (ms)', `${ms(report.terminal.keystroke.p50)} / ${ms(report.terminal.keystroke.p95)} / ${ms(report.terminal.keystroke.max)}`],
            ]
          : []),
      ],
    ),
  );
  console.log();
  console.log(
    table(
      ['query', 'results', 'page ms', 'list ms', 'Fuse.js ms', 'fzf ms', 'fzf lines', 'vs fzf', 'top-20 agree'],
      report.queries.map((query) => [
        JSON.stringify(query.query),
        String(query.results),
        ms(query.crosscheckMs),
        ms(query.fullListMs),
        ms(query.baselineMs),
        ms(query.fzfMs),
        query.fzfLines === null ? '-' : String(query.fzfLines),
        query.fzfMs === null ? '-' : `${(query.fzfMs / query.crosscheckMs).toFixed(1)}x`,
        query.agreementTop20.toFixed(2),
      ]),
    ),
  );
  for (const note of report.notes) console.log(`note: ${note}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tiers: { type: 'string' }, runs: { type: 'string' }, 'no-terminal': { type: 'boolean' }, 'slow-keys': { type: 'string' }, 'db-articles': { type: 'string' }, 'db-clients': { type: 'string' }, 'db-limits': { type: 'string' } },
  });
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-cache-'));
  const wanted = new Set((values.tiers ?? [...TIERS.map((tier) => tier.name), 'FORMATS', 'DB'].join(',')).split(',').map((name) => name.trim().toUpperCase()));
  const runs = Math.max(1, Number(values.runs ?? 3));
  const useFzf = fzfAvailable();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
  console.log(`crosscheck bench: ${machine.cpus} x ${machine.cpu}, node ${machine.node}, ${machine.memoryGb} GB; ${runs} run(s)`);
  if (!useFzf) console.log('note: fzf not found on PATH; the fzf baseline is skipped (install fzf to compare)');
  const missing = TIERS.filter((tier) => wanted.has(tier.name) && !existsSync(tier.root));
  for (const tier of missing) console.log(`note: tier ${tier.name} skipped: ${tier.root} is missing (the corpora live in ../shared/corpora)`);
  const tiers = TIERS.filter((tier) => wanted.has(tier.name) && !missing.includes(tier));
  const terminals = new Map<string, TierReport['terminal']>();
  // The terminal runs get cache folders of their own, so the in-process cold measurement below stays cold.
  for (const tier of tiers) {
    if (tier.terminal && !values['no-terminal']) terminals.set(tier.name, await benchTerminal(tier, runs, cacheHome));
  }
  // What a user sees, key by key, beside fzf over the same passages (the largest real tier only).
  const screenTier = tiers.find((tier) => tier.name === 'L');
  let screen: ScreenReport | null = null;
  if (screenTier && !values['no-terminal']) {
    screen = await benchScreen(screenTier.root, [[80, 24], [200, 50]], path.join(cacheHome, 'screen'));
  }
  process.env.XDG_CACHE_HOME = path.join(cacheHome, 'engine');
  const reports: TierReport[] = [];
  for (const tier of tiers) {
    const report = await benchTier(tier, runs, terminals.get(tier.name) ?? null, useFzf, values['slow-keys'] === undefined ? null : Number(values['slow-keys']));
    printTier(report);
    reports.push(report);
  }
  if (screen && screenTier) {
    console.log(`\n== ${screenTier.name}: key to settled screen (${SETTLED_QUERIES.map((query) => JSON.stringify(query)).join(', ')}, each letter, then 3 x Down) ==`);
    console.log(screenTable(screen));
  }
  const formats = wanted.has('FORMATS') ? await benchFormats(CORPORA, runs) : [];
  printFormats(formats);
  const database = wanted.has('DB')
    ? await benchDatabaseTier(PROJECT_ROOT, CORPORA, {
        articles: Number(values['db-articles'] ?? process.env.CROSSCHECK_BENCH_DB_ARTICLES ?? DEFAULT_DB_ARTICLES),
        clients: Number(values['db-clients'] ?? 20),
        rounds: runs,
        limits: (values['db-limits'] ?? '20').split(',').map(Number),
      })
    : null;
  printDatabase(database);
  rmSync(cacheHome, { recursive: true, force: true });
  const folder = path.join(PROJECT_ROOT, 'bench-results');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ machine, runs, queries: QUERIES, keystrokeLimit: KEYSTROKE_LIMIT, fullLimit: FULL_LIMIT, tiers: reports, screen, formats, database }, null, 2)}\n`);
  console.log(`\nJSON: ${path.relative(PROJECT_ROOT, file)}`);
}

await main();
