/**
 * Keystroke to updated screen, end to end: the real program (dist/) in a pseudo-terminal at 80x24,
 * read through a terminal emulator. For each key: the time from writing it to the screen showing
 * the new query with its results answered (no pending mark before the counter).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Terminal } from '../../test/helpers/terminal.js';

type PtyModule = typeof import('node-pty');

function loadPty(): PtyModule | null {
  try {
    return createRequire(import.meta.url)('node-pty') as PtyModule;
  } catch {
    return null;
  }
}

/** Resolves with the time at which the screen first satisfies `predicate`, checked after every write from the program. */
function whenScreen(terminal: Terminal, predicate: (lines: string[]) => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      subscription.dispose();
      reject(new Error(`screen never matched; it was:\n${terminal.screen()}`));
    }, timeoutMs);
    const check = async (): Promise<void> => {
      await terminal.settled();
      if (done || !predicate(terminal.lines())) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(performance.now());
    };
    const subscription = terminal.process.onData(() => void check());
    void check();
  });
}

/** The query row shows `query` and its answered count ("12/104", not "…12/104"). */
function answered(query: string): (lines: string[]) => boolean {
  return (lines) =>
    lines.some((line) => {
      const at = line.indexOf(`› ${query}`);
      if (at < 0) return false;
      const counter = /(\S+)\s*$/.exec(line.slice(at + 2 + query.length))?.[1] ?? '';
      return /^(\d+\+?\/\d+|query error)$/.test(counter);
    });
}

export interface KeystrokeRun {
  /** Milliseconds from program start to the first frame (anything drawn). */
  firstFrameMs: number;
  /** Milliseconds from program start to the search line being ready for keys. */
  readyMs: number;
  keystrokes: number[];
}

/** Null when node-pty is missing. */
export async function measureKeystrokes(corpus: string, queries: readonly string[]): Promise<KeystrokeRun | null> {
  const pty = loadPty();
  if (!pty) return null;
  const start = performance.now();
  const terminal = new Terminal(pty, { cols: 80, rows: 24, args: ['--corpus', corpus] });
  try {
    const firstFrame = await whenScreen(terminal, (lines) => lines.some((line) => line.trim() !== ''), 60_000);
    const ready = await whenScreen(terminal, (lines) => lines.some((line) => /›\s+search passages/.test(line)), 120_000);
    const keystrokes: number[] = [];
    for (const query of queries) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        const shown = whenScreen(terminal, answered(typed), 60_000);
        const sent = performance.now();
        terminal.write(query[length - 1]!);
        keystrokes.push((await shown) - sent);
      }
      // Ctrl-U clears the line before the next query.
      const cleared = whenScreen(terminal, (lines) => lines.some((line) => /›\s+search passages/.test(line)), 60_000);
      terminal.write('\u0015');
      await cleared;
    }
    terminal.write('\u0003');
    await terminal.exit();
    return { firstFrameMs: firstFrame - start, readyMs: ready - start, keystrokes };
  } finally {
    terminal.dispose();
  }
}

/** measureKeystrokes in a fresh process (see terminal-child.ts); null when node-pty is missing. */
export function measureKeystrokesApart(corpus: string, env: NodeJS.ProcessEnv = process.env): Promise<KeystrokeRun | null> {
  const child = fileURLToPath(new URL('./terminal-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', child, corpus], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`terminal run failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as KeystrokeRun | null);
    });
  });
}
