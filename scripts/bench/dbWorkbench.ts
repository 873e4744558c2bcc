/**
 * The workbench on an archive, timed from outside as settled.ts times the in-memory one:
 * `crosscheck --db URL` in a pseudo-terminal read through a terminal emulator, the bench queries
 * typed a letter at a time (each followed by three Down arrows), and for each key the time until
 * the screen stops changing with the archive's answer drawn (no answer awaited on the query line). Also the workbench's peak resident
 * memory (VmHWM of its process), which should not grow with the archive.
 *
 *   npm run bench:db-workbench -- --db URL [--sizes 80x24] [--runs 2] [--queries bench|settled]
 *
 * The first run warms the server's caches; every run is printed. Linux only for the RSS.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { QUERIES } from './queries.js';
import { BIN, close, open, SETTLED_QUERIES, summarise, typeKeys, untilScreen, untilSilent, type KeyFigures, type PtyModule } from './settled.js';
import { ms, table } from './stats.js';

interface WorkbenchRun {
  size: string;
  keys: KeyFigures;
  /** The workbench process's peak resident memory, MB. */
  peakRssMb: number;
  /** The 1-minute load average when the run started and ended. */
  load: [number, number];
}

/** The peak resident set of a process so far (VmHWM), in MB; NaN when /proc does not say. */
function peakRssMb(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * The query line shows an ellipsis before its count while the archive's answer is awaited: a key is
 * settled once that is gone (silence alone would end at the echo, before the answer is drawn).
 */
function answered(lines: string[]): boolean {
  const prompt = lines.find((line) => line.trimStart().startsWith('›'));
  return prompt === undefined || !prompt.includes('…');
}

async function measureArchiveWorkbench(pty: PtyModule, url: string, [cols, rows]: [number, number], queries: readonly string[]): Promise<WorkbenchRun> {
  const loadBefore = os.loadavg()[0]!;
  const session = open(pty, process.execPath, [BIN, '--db', url], cols, rows, { ...process.env });
  try {
    await untilScreen(session, (lines) => lines.some((line) => /›\s+search the archive/.test(line)), 'the search line');
    await untilSilent(session, performance.now());
    const keys = summarise(await typeKeys(session, queries, answered));
    return { size: `${cols}x${rows}`, keys, peakRssMb: peakRssMb(session.pty.pid), load: [loadBefore, os.loadavg()[0]!] };
  } finally {
    await close(session, '\u0003');
  }
}

function runRow(run: WorkbenchRun, index: number): string[] {
  const { letterMs, arrowMs } = run.keys;
  return [
    `${index + 1}`,
    run.size,
    `${ms(letterMs.p50)} / ${ms(letterMs.p95)} / ${ms(letterMs.max)}`,
    `${ms(arrowMs.p50)} / ${ms(arrowMs.p95)} / ${ms(arrowMs.max)}`,
    `${run.peakRssMb.toFixed(0)} MB`,
    `${run.load[0].toFixed(2)} -> ${run.load[1].toFixed(2)}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, sizes: { type: 'string', default: '80x24' }, runs: { type: 'string', default: '2' }, queries: { type: 'string', default: 'bench' } },
  });
  const url = values.db ?? process.env.CROSSCHECK_DB;
  if (!url) throw new Error('usage: dbWorkbench.ts --db URL [--sizes 80x24] [--runs 2] [--queries bench|settled]');
  const pty = createRequire(import.meta.url)('node-pty') as PtyModule;
  const queries = values.queries === 'settled' ? SETTLED_QUERIES : QUERIES;
  const sizes = values.sizes.split(',').map((size) => size.split('x').map(Number) as [number, number]);
  const runs: WorkbenchRun[] = [];
  const keys = queries.reduce((sum, query) => sum + query.length, 0);
  const header = ['run', 'size', 'letter p50 / p95 / max', 'arrow p50 / p95 / max', 'peak RSS', 'load (1 min)'];
  console.log(`crosscheck --db (the workbench on an archive): ${queries.length} queries, ${keys} letters and ${queries.length * 3} arrows a run; key to settled screen`);
  for (let run = 0; run < Number(values.runs); run++) {
    for (const size of sizes) {
      runs.push(await measureArchiveWorkbench(pty, url, size, queries));
      // Each run said as it ends: on a large archive a run takes minutes.
      console.log(table(header, [runRow(runs.at(-1)!, runs.length - 1)]));
    }
  }
  console.log(table(header, runs.map(runRow)));
}

await main();
