/**
 * End-to-end harness: runs the real program in a pseudo-terminal (node-pty) and reads the screen
 * through a real terminal emulator (@xterm/headless), as a user's terminal would show it.
 *
 * node-pty is an optional dependency (it compiles natively). Without it the end-to-end tests skip
 * on a developer's machine, but fail under CI, where a skipped suite would hide a broken build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import type { TestContext } from 'node:test';
import type { IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { BIN, PROJECT_ROOT } from './corpus.js';

type PtyModule = typeof import('node-pty');

const require = createRequire(import.meta.url);

function loadPty(): PtyModule | Error {
  try {
    return require('node-pty') as PtyModule;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const ptyModule = loadPty();

/**
 * The node-pty module, or: under CI a thrown error (the test fails), elsewhere a skipped test.
 * Returns null when the test was skipped.
 */
export function requirePty(t: TestContext): PtyModule | null {
  if (!(ptyModule instanceof Error)) return ptyModule;
  const reason = `node-pty is not available (${ptyModule.message.split('\n')[0]}); run npm install with a C++ toolchain`;
  if (process.env.CI) throw new Error(reason);
  t.skip(reason);
  return null;
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  /** Arguments after bin/crosscheck.js. */
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Run through `sh -c` so that `stty` can report the terminal modes after the program exits. */
  reportModesAfterExit?: boolean;
  /**
   * Start an interactive shell with job control (prompt `$ `) instead of the program, for Ctrl-Z
   * and `fg`; type `terminal.command` into it to start the program.
   */
  interactiveShell?: boolean;
}

export interface ExitReport {
  exitCode: number;
  signal: number | undefined;
}

const CURSOR_HIDE = '\u001b[?25l';
const CURSOR_SHOW = '\u001b[?25h';

export class Terminal {
  readonly emulator: InstanceType<typeof xterm.Terminal>;
  readonly process: IPty;
  /** Everything the program wrote, raw, for assertions on escape sequences. */
  output = '';
  private pendingWrites = 0;
  readonly exited: Promise<ExitReport>;
  /** The program's command line, quoted for a shell. */
  readonly command: string;
  /** Every window title the program set (OSC 0/2); corpus text must never set one. */
  readonly titles: string[] = [];

  constructor(pty: PtyModule, options: TerminalOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.emulator = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env })) {
      if (value !== undefined) env[key] = value;
    }
    // The program under test must not believe it runs under CI because the test runner does.
    delete env.CI;
    const command = [process.execPath, BIN, ...(options.args ?? [])];
    this.command = command.map(shellQuote).join(' ');
    const shell = existsSync('/bin/bash') ? ['/bin/bash', ['--norc', '--noprofile', '-i']] as const : ['/bin/sh', ['-i']] as const;
    if (options.interactiveShell) env.PS1 = '$ ';
    const [file, args] = options.interactiveShell
      ? [shell[0], [...shell[1]]]
      : options.reportModesAfterExit
        ? ['/bin/sh', ['-c', `${this.command}; echo "EXIT=$?"; stty -a`]]
        : [command[0]!, command.slice(1)];
    // node-pty sets TERM to `name`, so a test's own TERM (dumb) goes there.
    this.process = pty.spawn(file, args, { name: env.TERM ?? 'xterm-256color', cols, rows, cwd: PROJECT_ROOT, env });
    this.emulator.onTitleChange((title) => this.titles.push(title));
    this.process.onData((data) => {
      this.output += data;
      this.pendingWrites++;
      this.emulator.write(data, () => this.pendingWrites--);
    });
    this.exited = new Promise((resolve) => {
      this.process.onExit(({ exitCode, signal }) => resolve({ exitCode, signal }));
    });
  }

  /**
   * The visible screen, one string per row, right-trimmed. Trailing spaces written in the default
   * background look exactly like cells never written (the workbench leaves them out of a redrawn
   * row), so both are trimmed.
   */
  lines(): string[] {
    const buffer = this.emulator.buffer.active;
    const rows: string[] = [];
    for (let row = 0; row < this.emulator.rows; row++) {
      rows.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
    }
    return rows;
  }

  /**
   * Rows that continue the row above because something was written past the right edge: a frame
   * wider than the terminal. A correct full-screen frame never wraps.
   */
  wrappedRows(): number[] {
    const buffer = this.emulator.buffer.active;
    const rows: number[] = [];
    for (let row = 0; row < this.emulator.rows; row++) {
      if (buffer.getLine(buffer.viewportY + row)?.isWrapped) rows.push(row);
    }
    return rows;
  }

  screen(): string {
    return this.lines().join('\n');
  }

  get alternateScreen(): boolean {
    return this.emulator.buffer.active.type === 'alternate';
  }

  /** Whether the last cursor visibility sequence written showed the cursor (it starts shown). */
  get cursorVisible(): boolean {
    return this.output.lastIndexOf(CURSOR_SHOW) >= this.output.lastIndexOf(CURSOR_HIDE);
  }

  /**
   * The program's process id: the pty's own process, or under `reportModesAfterExit` the child of
   * its `sh` (read from Linux's /proc), so that signals reach the program and not the shell.
   */
  programPid(): number {
    const shellPid = this.process.pid;
    const childrenFile = `/proc/${shellPid}/task/${shellPid}/children`;
    if (!existsSync(childrenFile)) return shellPid;
    const children = readFileSync(childrenFile, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children[0] ?? shellPid;
  }

  /** Sends a signal to the program itself (see programPid). */
  signal(signal: NodeJS.Signals): void {
    process.kill(this.programPid(), signal);
  }

  /**
   * Closes the terminal under the program, as an SSH drop does: node-pty closes its side of the
   * pseudo-terminal and sends SIGHUP (its destroy(), missing from its type definitions).
   */
  hangUp(): void {
    const pty = this.process;
    const closable = pty as Partial<{ destroy: () => void }>;
    if (typeof closable.destroy === 'function') closable.destroy();
    else throw new Error('this node-pty cannot close the terminal');
  }

  write(keys: string): void {
    this.process.write(keys);
  }

  /** Types keys one at a time, as a person does. */
  async type(text: string, pauseMs = 20): Promise<void> {
    for (const key of text) {
      this.write(key);
      await delay(pauseMs);
    }
  }

  resize(cols: number, rows: number): void {
    this.process.resize(cols, rows);
    this.emulator.resize(cols, rows);
  }

  /** Waits until the screen satisfies `predicate`; fails with the screen as it last was. */
  async waitFor(predicate: (screen: string) => boolean, description: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      const screen = this.screen();
      if (predicate(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}; the screen was:\n${screen}`);
      await delay(15);
    }
  }

  waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((screen) => screen.includes(text), JSON.stringify(text), timeoutMs);
  }

  /** Resolves once the emulator has parsed everything received so far. */
  async settled(): Promise<void> {
    while (this.pendingWrites > 0) await delay(2);
  }

  /** Waits until the program has written nothing for `quietMs`, and the emulator has read it all. */
  async quiet(quietMs = 400): Promise<string> {
    for (let length = -1; length !== this.output.length; ) {
      length = this.output.length;
      await delay(quietMs);
    }
    await this.settled();
    return this.screen();
  }

  /** Waits for the process to end (killing it after `timeoutMs`). */
  async exit(timeoutMs = 10_000): Promise<ExitReport> {
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    try {
      const report = await this.exited;
      await delay(20);
      await this.settled();
      return report;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the process if a failed test left it running. */
  dispose(): void {
    try {
      this.process.kill('SIGKILL');
    } catch {
      // already gone
    }
    this.emulator.dispose();
  }
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Starts the program in a fresh terminal; returns null when the test was skipped (no node-pty). */
export function startTerminal(t: TestContext, options?: TerminalOptions): Terminal | null {
  const pty = requirePty(t);
  if (!pty) return null;
  const terminal = new Terminal(pty, options);
  t.after(() => terminal.dispose());
  return terminal;
}
