/**
 * What a user sees, from outside the program: crosscheck and fzf in the same run, each in a
 * pseudo-terminal read through a terminal emulator, typed the same keys over the same passages.
 * For each key: the time until the screen stops changing (150 ms without output) and the bytes
 * the program wrote for it (what an SSH link carries).
 *
 *   node --import tsx scripts/bench/settled.ts CORPUS [--sizes 80x24,200x50] [--json FILE] [--keys]
 *
 * --keys also prints each letter's settled time, in typing order, for both programs.
 *
 * Each program runs in a process of its own; this driver loads the corpus only to write the
 * passages one a line for fzf, then lets the heap go before timing anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import xterm from '@xterm/headless';
import type { IPty } from 'node-pty';
import { loadCorpus } from '../../src/core/load.js';
import { latencyOf, median, ms, table, type Latency } from './stats.js';

export type PtyModule = typeof import('node-pty');

/** Typed into both programs a letter at a time, each followed by three Down arrows. */
export const SETTLED_QUERIES: readonly string[] = ['Volcker', 'earthquak', '3.5 pct', 'oil !opec'];
const SILENCE_MS = 150;
const NO_CHANGE_MS = 2_000;
const KEY_TIMEOUT_MS = 30_000;
const ARROW_DOWN = '\u001b[B';
const CTRL_U = '\u0015';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'crosscheck.js');

export interface KeyFigures {
  letterMs: Latency;
  arrowMs: Latency;
  /** Median bytes written for one key. */
  letterBytes: number;
  arrowBytes: number;
  /** Each letter's settled time, in the order typed (SETTLED_QUERIES). */
  eachLetterMs: number[];
}

export interface Session {
  pty: IPty;
  screen: InstanceType<typeof xterm.Terminal>;
  /** Bytes and arrival times since the last `reset`. */
  chunks: { at: number; bytes: number }[];
}

export function open(pty: PtyModule, file: string, args: string[], cols: number, rows: number, env: NodeJS.ProcessEnv, cwd = process.cwd()): Session {
  const screen = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(file, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd,
    env: { ...env, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
  });
  const session: Session = { pty: child, screen, chunks: [] };
  child.onData((data) => {
    session.chunks.push({ at: performance.now(), bytes: Buffer.byteLength(data) });
    screen.write(data);
  });
  return session;
}

export function rows(session: Session): string[] {
  const buffer = session.screen.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < session.screen.rows; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
  return lines;
}

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Waits for the key's first output (a key that changes nothing within NO_CHANGE_MS counts as 0),
 * then for SILENCE_MS without output (and, when given, for `settled` to hold of the screen: an
 * answer still awaited draws nothing meanwhile); returns the time of the last output and the bytes since `sent`.
 */
export async function untilSilent(session: Session, sent: number, settled?: (lines: string[]) => boolean): Promise<{ lastAt: number; bytes: number }> {
  const deadline = sent + KEY_TIMEOUT_MS;
  for (;;) {
    await sleep(5);
    const since = session.chunks.filter((chunk) => chunk.at >= sent);
    const now = performance.now();
    const quietFrom = since.at(-1)?.at ?? sent;
    const quiet = (since.length === 0 ? now - sent >= NO_CHANGE_MS : now - quietFrom >= SILENCE_MS) && (settled?.(rows(session)) ?? true);
    if (quiet || now > deadline) {
      return { lastAt: since.at(-1)?.at ?? sent, bytes: since.reduce((sum, chunk) => sum + chunk.bytes, 0) };
    }
  }
}

export async function untilScreen(session: Session, predicate: (lines: string[]) => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 180_000;
  while (!predicate(rows(session))) {
    if (performance.now() > deadline) throw new Error(`${what} never appeared; the screen was:\n${rows(session).join('\n')}`);
    await sleep(20);
  }
}

export async function typeKeys(session: Session, queries: readonly string[] = SETTLED_QUERIES, settled?: (lines: string[]) => boolean): Promise<{ letters: number[]; letterBytes: number[]; arrows: number[]; arrowBytes: number[] }> {
  const figures = { letters: [] as number[], letterBytes: [] as number[], arrows: [] as number[], arrowBytes: [] as number[] };
  const press = async (key: string): Promise<{ ms: number; bytes: number }> => {
    const sent = performance.now();
    session.pty.write(key);
    const { lastAt, bytes } = await untilSilent(session, sent, settled);
    return { ms: Math.max(0, lastAt - sent), bytes };
  };
  for (const query of queries) {
    for (const letter of query) {
      const { ms: took, bytes } = await press(letter);
      figures.letters.push(took);
      figures.letterBytes.push(bytes);
    }
    for (let arrow = 0; arrow < 3; arrow++) {
      const { ms: took, bytes } = await press(ARROW_DOWN);
      figures.arrows.push(took);
      figures.arrowBytes.push(bytes);
    }
    await press(CTRL_U);
  }
  return figures;
}

export function summarise(run: Awaited<ReturnType<typeof typeKeys>>): KeyFigures {
  return {
    letterMs: latencyOf(run.letters),
    arrowMs: latencyOf(run.arrows),
    letterBytes: median(run.letterBytes),
    arrowBytes: median(run.arrowBytes),
    eachLetterMs: run.letters,
  };
}

export async function close(session: Session, quitKeys: string): Promise<void> {
  session.pty.write(quitKeys);
  await sleep(300);
  try {
    session.pty.kill('SIGKILL');
  } catch {
    // already gone
  }
  session.screen.dispose();
}

export async function measureCrosscheck(pty: PtyModule, corpus: string, cols: number, rows_: number, env: NodeJS.ProcessEnv): Promise<KeyFigures> {
  const session = open(pty, process.execPath, [BIN, '--corpus', corpus], cols, rows_, env);
  // Ready as fzf is once its count shows every line: the counter without its ellipsis (search built and warmed).
  await untilScreen(session, (lines) => lines.some((line) => /›\s+search passages.*\s(\d+)\/\1$/.test(line.trimEnd())), 'the search line, ready');
  await untilSilent(session, performance.now());
  const figures = summarise(await typeKeys(session));
  await close(session, '\u0003');
  return figures;
}

export async function measureFzf(pty: PtyModule, passagesFile: string, total: number, cols: number, rows_: number, env: NodeJS.ProcessEnv): Promise<KeyFigures> {
  // fzf as a reader would run it over the same passages: with a preview of the selected line, and
  // the prompt on top as in crosscheck. In fzf's default layout the first item is at the bottom,
  // so the Down key pressed on it moves nothing: the arrow would be measured as a no-op.
  const command = `fzf --layout=reverse --preview 'printf "%s\\n" {}' --preview-window 'down:40%:wrap' < "$0"`;
  const session = open(pty, '/bin/sh', ['-c', command, passagesFile], cols, rows_, env);
  await untilScreen(session, (lines) => lines.some((line) => line.includes(`${total}/${total}`)), `fzf's count ${total}/${total}`);
  await untilSilent(session, performance.now());
  const figures = summarise(await typeKeys(session));
  await close(session, '\u0003');
  return figures;
}

export function fzfInstalled(): boolean {
  return spawnSync('fzf', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * `npm start` with an up-to-date build, from the command to the first thing drawn: what a user
 * waits for every time (the build is skipped when dist/ is newer than src/).
 */
export async function measureNpmStart(pty: PtyModule, corpus: string, env: NodeJS.ProcessEnv, runs = 3): Promise<number[]> {
  const project = path.resolve(path.dirname(BIN), '..');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const session = open(pty, 'npm', ['start', '--silent', '--', '--corpus', corpus], 80, 24, { ...env, npm_config_loglevel: 'silent' }, project);
    await untilScreen(session, (lines) => lines.some((line) => line.trim() !== ''), 'the first frame');
    times.push(performance.now() - started);
    await close(session, '\u0003');
  }
  return times;
}

export interface PaneReadiness {
  /** From the program's start to the search line ready for keys. */
  searchReadyMs: number;
  /** From the pane's key to its first group of quotes on screen. */
  quotesMs: number;
  /** From the pane's key to its first row of claims on screen. */
  claimsFirstMs: number;
  /** From the pane's key until nothing on screen says it is still finding claims. */
  claimsWholeMs: number;
}

/** Opening Quotes, then Claims, on a corpus whose cache is warm: how long until each is of use. */
export async function measurePanes(pty: PtyModule, corpus: string, env: NodeJS.ProcessEnv): Promise<PaneReadiness> {
  const started = performance.now();
  const session = open(pty, process.execPath, [BIN, '--corpus', corpus], 80, 24, env);
  try {
    await untilScreen(session, (lines) => lines.some((line) => /›\s+search passages/.test(line)), 'the search line');
    const searchReadyMs = performance.now() - started;
    await untilSilent(session, performance.now());
    let pressed = performance.now();
    session.pty.write('\u001b2');
    await untilScreen(session, (lines) => lines.some((line) => /^[›\s]\s*\d+ src\s/.test(line)), 'a group of quotes');
    const quotesMs = performance.now() - pressed;
    pressed = performance.now();
    session.pty.write('\u001b4');
    await untilScreen(session, (lines) => lines.some((line) => /^\s*\d+ [●!·*.]/.test(line)), 'a row of claims');
    const claimsFirstMs = performance.now() - pressed;
    await untilScreen(session, (lines) => !lines.some((line) => /[Ff]inding/.test(line)), 'the whole claims map');
    return { searchReadyMs, quotesMs, claimsFirstMs, claimsWholeMs: performance.now() - pressed };
  } finally {
    await close(session, '\u0003');
  }
}

export interface SizeReport {
  size: string;
  crosscheck: KeyFigures;
  fzf: KeyFigures | null;
}

export interface ScreenReport {
  sizes: SizeReport[];
  /** `npm start` to the first frame, up-to-date build, median of three. */
  npmStartFirstFrameMs: number;
  panes: PaneReadiness;
}

export async function benchScreen(corpus: string, sizes: readonly [number, number][], cacheHome: string): Promise<ScreenReport | null> {
  let pty: PtyModule;
  try {
    pty = createRequire(import.meta.url)('node-pty') as PtyModule;
  } catch {
    return null;
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-screen-'));
  const passagesFile = path.join(folder, 'passages.txt');
  // Written by a process of its own, so this one never holds the corpus while it times keys.
  const written = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--write-passages', corpus, passagesFile], { encoding: 'utf8' });
  if (written.status !== 0) throw new Error(`could not write the passages: ${written.stderr}`);
  const total = Number(written.stdout.trim());
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
  const reports: SizeReport[] = [];
  let npmStart: number[];
  let panes: PaneReadiness;
  try {
    // A first run writes the index cache so that every measured run starts as a user's second does.
    await measureCrosscheck(pty, corpus, 80, 24, env);
    const withFzf = fzfInstalled();
    for (const [cols, rows_] of sizes) {
      const crosscheck = await measureCrosscheck(pty, corpus, cols, rows_, env);
      const fzf = withFzf ? await measureFzf(pty, passagesFile, total, cols, rows_, env) : null;
      reports.push({ size: `${cols}x${rows_}`, crosscheck, fzf });
    }
    npmStart = await measureNpmStart(pty, corpus, env);
    panes = await measurePanes(pty, corpus, env);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { sizes: reports, npmStartFirstFrameMs: median(npmStart), panes };
}

export function screenTable(report: ScreenReport): string {
  const rowsOut: string[][] = [];
  for (const size of report.sizes) {
    const pair = (pick: (figures: KeyFigures) => string): string[] => [pick(size.crosscheck), size.fzf ? pick(size.fzf) : 'no fzf'];
    rowsOut.push([size.size, 'letter: settled p50 / p95 / max', ...pair((f) => `${ms(f.letterMs.p50)} / ${ms(f.letterMs.p95)} / ${ms(f.letterMs.max)}`)]);
    rowsOut.push([size.size, 'arrow: settled p50 / p95 / max', ...pair((f) => `${ms(f.arrowMs.p50)} / ${ms(f.arrowMs.p95)} / ${ms(f.arrowMs.max)}`)]);
    rowsOut.push([size.size, 'bytes per letter (median)', ...pair((f) => String(f.letterBytes))]);
    rowsOut.push([size.size, 'bytes per arrow (median)', ...pair((f) => String(f.arrowBytes))]);
  }
  rowsOut.push(['', 'npm start to first frame (built)', ms(report.npmStartFirstFrameMs), '']);
  rowsOut.push(['80x24', 'Quotes: key to the first group', ms(report.panes.quotesMs), '']);
  rowsOut.push(['80x24', 'Claims: key to the first claims / the whole map', `${ms(report.panes.claimsFirstMs)} / ${ms(report.panes.claimsWholeMs)}`, '']);
  return table(['size', 'figure', 'crosscheck', 'fzf'], rowsOut);
}

/** Each letter typed and its settled time in either program, one line per size and program. */
export function letterLines(report: ScreenReport): string {
  const typed = SETTLED_QUERIES.flatMap((query) => [...query].map((_, length) => query.slice(0, length + 1)));
  const line = (label: string, figures: KeyFigures): string => `${label}: ${figures.eachLetterMs.map((took, at) => `${typed[at]}=${Math.round(took)}`).join(' ')}`;
  return report.sizes.flatMap((size) => [line(`${size.size} crosscheck`, size.crosscheck), ...(size.fzf ? [line(`${size.size} fzf`, size.fzf)] : [])]).join('\n');
}

/**
 * Only the panes' readiness (--panes): a first start without a cache, then `runs` starts from the
 * cache (written by `crosscheck search` first, as a user's first command would), one line each.
 */
async function benchPanesOnly(corpus: string, runs: number): Promise<void> {
  const pty = createRequire(import.meta.url)('node-pty') as PtyModule;
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-cache-'));
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
  const line = (label: string, panes: PaneReadiness): string =>
    `${label}: search ready ${ms(panes.searchReadyMs)}, Quotes first group ${ms(panes.quotesMs)}, Claims first ${ms(panes.claimsFirstMs)} / whole ${ms(panes.claimsWholeMs)}\n`;
  try {
    process.stdout.write(line('no cache', await measurePanes(pty, corpus, env)));
    spawnSync(process.execPath, [BIN, 'search', 'oil', '--corpus', corpus], { env, stdio: 'ignore' });
    for (let run = 1; run <= runs; run++) process.stdout.write(line(`cached, run ${run}`, await measurePanes(pty, corpus, env)));
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}

/** The corpus's passages one a line, as fzf reads them; prints their number. */
async function writePassages(corpus: string, file: string): Promise<void> {
  const loaded = await loadCorpus(corpus);
  writeFileSync(file, loaded.passages.map((passage) => passage.text.replace(/\s+/g, ' ')).join('\n') + '\n');
  process.stdout.write(`${loaded.passages.length}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      sizes: { type: 'string', default: '80x24,200x50' },
      json: { type: 'string' },
      'write-passages': { type: 'boolean' },
      panes: { type: 'boolean' },
      runs: { type: 'string', default: '3' },
      keys: { type: 'boolean' },
    },
  });
  const corpus = positionals[0];
  if (!corpus) {
    process.stderr.write('usage: settled.ts CORPUS [--sizes 80x24,200x50] [--json FILE] | CORPUS --panes [--runs N]\n');
    process.exit(2);
  }
  if (values['write-passages']) {
    await writePassages(corpus, positionals[1] ?? path.join(os.tmpdir(), 'passages.txt'));
    process.exit(0);
  }
  if (values.panes) {
    await benchPanesOnly(corpus, Number(values.runs));
    process.exit(0);
  }
  const sizes = values.sizes.split(',').map((size) => size.split('x').map(Number) as [number, number]);
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-cache-'));
  try {
    const reports = await benchScreen(corpus, sizes, cacheHome);
    if (!reports) {
      process.stderr.write('node-pty is missing: npm install\n');
      process.exit(2);
    }
    if (!fzfInstalled()) process.stderr.write('fzf is not installed (apt-get install fzf): its column is empty\n');
    process.stdout.write(`${screenTable(reports)}\n`);
    if (values.keys) process.stdout.write(`${letterLines(reports)}\n`);
    if (values.json) writeFileSync(values.json, JSON.stringify(reports, null, 2));
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}
