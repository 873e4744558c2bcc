/**
 * Running the workbench in a real terminal: the alternate screen, and putting the terminal back
 * exactly as it was on every way out (q, Ctrl-C, any fatal signal (see signals.ts), a crash), plus
 * Ctrl-Z / fg.
 */
import { render } from 'ink';
import { bugMessage, writeBugReport } from '../core/bugReport.js';
import { CorpusError, type LoadOptions } from '../core/load.js';
import { prefersUnicode } from '../core/display.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN } from '../core/presentation.js';
import { neutralize } from '../core/sanitize.js';
import type { WorkbenchArchive } from '../core/workbenchArchive.js';
import { App } from './App.js';
import { diffingStdout, redrawOnEveryResize } from './frameDiff.js';
import { endBySignal, guardTerminal } from '../core/signals.js';
import { ThemeContext, themeFor } from './theme.js';

const HIDE_CURSOR = '\u001b[?25l';
const CLEAR_SCREEN = '\u001b[2J\u001b[H';
// Bracketed paste: the terminal wraps a paste in ESC[200~ … ESC[201~, so it is text, not keys.
const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/** EX_SOFTWARE (sysexits.h): an internal error. */
const EXIT_BUG = 70;

export interface WorkbenchOptions {
  corpusPath: string;
  /** --fields: record fields by name when not recognised. */
  fields?: LoadOptions['fields'];
  /** --db: the archive the workbench reads instead of a corpus folder (already opened). */
  archive?: WorkbenchArchive;
}

/** Says an unexpected error as a bug, with where its full report was written (the terminal already restored). */
function sayBug(error: unknown): number {
  const ascii = !prefersUnicode(process.env);
  const lines = bugMessage(error, writeBugReport(error)).trimEnd().split('\n');
  process.stderr.write(lines.map((line) => `${neutralize(line, { ascii })}\n`).join(''));
  return EXIT_BUG;
}

/** The alternate screen and bracketed paste on; put back exactly as they were, once, however we end. */
function terminalScreen(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): { enterScreen: () => void; restoreTerminal: () => void; hasScreen: () => boolean } {
  let screenActive = false;
  const enterScreen = (): void => {
    if (screenActive) return;
    stdout.write(ENTER_ALTERNATE_SCREEN + BRACKETED_PASTE_ON);
    screenActive = true;
  };
  const restoreTerminal = (): void => {
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } finally {
      // Even when the terminal refused the mode change (it may be gone), the screen is put back.
      if (screenActive) {
        screenActive = false;
        stdout.write(BRACKETED_PASTE_OFF + LEAVE_ALTERNATE_SCREEN);
      }
    }
  };
  return { enterScreen, restoreTerminal, hasScreen: () => screenActive };
}

/** Ctrl-Z and `kill -TSTP`: the terminal handed back, the job stopped, and after `fg` the screen redrawn. */
function jobControl({ stdin, stdout }: NodeJS.Process, frames: ReturnType<typeof diffingStdout>, screen: ReturnType<typeof terminalScreen>): { suspend: () => void; onStopSignal: () => void; outside: (run: () => void) => void } {
  /** After `fg`: the workbench's screen and keys back, redrawn at the terminal's current size. */
  const resume = (): void => {
    screen.enterScreen();
    stdout.write(CLEAR_SCREEN + HIDE_CURSOR);
    frames.differ.invalidate();
    if (stdin.isTTY) stdin.setRawMode(true);
    // A resize while we were stopped signalled the shell, not us; Node re-reads the size (and emits
    // 'resize' if it changed) on SIGWINCH, so send ourselves one.
    process.kill(process.pid, 'SIGWINCH');
  };
  // Our own SIGTSTP to the job (below) reaches our handler too, once we run again: it is not a new stop.
  let ownStopSignal = false;
  /** Ctrl-Z: raw mode turns it into a key, so we stop the job as the terminal would. */
  const suspend = (): void => {
    screen.restoreTerminal();
    ownStopSignal = true;
    // The whole job (npm, a wrapper shell) as the terminal's own Ctrl-Z would, then us: SIGSTOP
    // takes effect before kill() returns, so resume() runs after `fg`.
    process.kill(0, 'SIGTSTP');
    process.kill(process.pid, 'SIGSTOP');
    resume();
  };
  /** A stop sent from outside (`kill -TSTP`): the terminal is restored first, as for Ctrl-Z. */
  const onStopSignal = (): void => {
    if (ownStopSignal) {
      ownStopSignal = false;
      return;
    }
    screen.restoreTerminal();
    process.kill(process.pid, 'SIGSTOP');
    resume();
  };
  /** `e`: the editor gets the terminal as the shell would give it, and the workbench comes back redrawn. */
  const outside = (run: () => void): void => {
    screen.restoreTerminal();
    try {
      run();
    } finally {
      screen.enterScreen();
      stdout.write(CLEAR_SCREEN + HIDE_CURSOR);
      frames.differ.invalidate();
      if (stdin.isTTY) stdin.setRawMode(true);
    }
  };
  return { suspend, onStopSignal, outside };
}

export async function runWorkbench({ corpusPath, fields, archive }: WorkbenchOptions): Promise<number> {
  const { stdin, stdout } = process;
  const frames = diffingStdout(stdout);
  const screen = terminalScreen(stdin, stdout);
  const { restoreTerminal } = screen;
  // Set once Ink renders; the guard below may run before that.
  const ink: { instance?: ReturnType<typeof render> } = {};
  // Takes over from the first frame's guard (cli/main.ts) before anything else is drawn.
  guardTerminal(() => {
    try {
      ink.instance?.unmount();
    } finally {
      restoreTerminal();
    }
  });
  const { suspend, onStopSignal, outside } = jobControl(process, frames, screen);

  screen.enterScreen();
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.env)}>
      <App corpusPath={corpusPath} {...(fields ? { fields } : {})} {...(archive ? { archive } : {})} suspend={suspend} runOutside={outside} writeToTerminal={(bytes) => stdout.write(bytes)} exitOnFailure />
    </ThemeContext.Provider>,
    { stdout: frames.stream, exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );
  ink.instance = instance;

  const onCrash = (error: unknown): void => {
    // A write to a terminal that hung up: not a bug to report, and there is nobody to report it to.
    // Ending as a hangup does by default also spares Node's own exit, which aborts with a core dump
    // when it cannot reset a terminal that no longer exists.
    if (error instanceof Error && 'code' in error && error.code === 'EIO') endBySignal('SIGHUP');
    try {
      instance.unmount();
    } finally {
      restoreTerminal();
      process.exit(sayBug(error));
    }
  };
  const stopRedrawing = redrawOnEveryResize(process, stdout, frames.differ, screen.hasScreen);
  process.on('SIGTSTP', onStopSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restoreTerminal);

  try {
    await instance.waitUntilExit();
  } catch (error) {
    restoreTerminal();
    // A bug thrown while drawing or from a pane's work (ui/hooks/useSlicedJob.ts) ends the workbench here.
    if (!(error instanceof CorpusError)) return sayBug(error);
    process.stderr.write(`crosscheck: ${neutralize(error.message, { ascii: !prefersUnicode(process.env) })}\n`);
    return 2;
  } finally {
    stopRedrawing();
    restoreTerminal();
  }
  return 0;
}
