/**
 * Running the workbench in a real terminal: the alternate screen, and putting the terminal back
 * exactly as it was on every way out (q, Ctrl-C, SIGTERM, SIGHUP, a crash), plus Ctrl-Z / fg.
 */
import { render } from 'ink';
import { App } from './App.js';
import { ThemeContext, themeFor } from './theme.js';

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export interface WorkbenchOptions {
  corpusPath: string;
}

export async function runWorkbench({ corpusPath }: WorkbenchOptions): Promise<number> {
  const { stdin, stdout } = process;
  let screenActive = false;
  const enterScreen = (): void => {
    if (screenActive) return;
    stdout.write(ENTER_ALTERNATE_SCREEN);
    screenActive = true;
  };
  const restoreTerminal = (): void => {
    if (stdin.isTTY) stdin.setRawMode(false);
    if (!screenActive) return;
    stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
    screenActive = false;
  };

  enterScreen();
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.env)}>
      <App corpusPath={corpusPath} />
    </ThemeContext.Provider>,
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );

  const quitOnSignal = (signal: NodeJS.Signals): void => {
    instance.unmount();
    restoreTerminal();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  };
  const onCrash = (error: unknown): void => {
    try {
      instance.unmount();
    } finally {
      restoreTerminal();
      process.stderr.write(`crosscheck: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(70);
    }
  };
  process.on('SIGTERM', quitOnSignal);
  process.on('SIGHUP', quitOnSignal);
  process.on('SIGINT', quitOnSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restoreTerminal);

  try {
    await instance.waitUntilExit();
  } finally {
    restoreTerminal();
  }
  return 0;
}
