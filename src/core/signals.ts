/**
 * Ending on a signal with the terminal put back. Plain TS (no React), so the first frame in
 * cli/main.ts uses it before Ink has loaded, and the workbench then takes it over without a gap.
 *
 * Covered: every signal whose default action ends the process and that a JavaScript handler can
 * safely catch. Not covered, on purpose: SIGKILL and SIGSTOP (cannot be caught); SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGSYS, SIGTRAP and SIGABRT (crashes or debugger traps, which Node handles and no
 * JavaScript can run after); SIGUSR1 (Node starts its inspector, it does not end); SIGPIPE (Node
 * ignores it); SIGPROF (V8's sampling profiler, `node --cpu-prof`, ticks with it: a handler
 * here replaced V8's and the first tick killed the program). SIGTSTP stops rather than ends: the
 * workbench handles it itself (run.tsx).
 */
import { constants } from 'node:os';

const CANDIDATES: readonly NodeJS.Signals[] = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGTERM',
  'SIGUSR2',
  'SIGALRM',
  'SIGVTALRM',
  'SIGIO',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGPWR',
  'SIGSTKFLT',
];

/** The fatal, catchable signals this platform has (SIGPWR and SIGSTKFLT are Linux's). */
export const FATAL_SIGNALS: readonly NodeJS.Signals[] = CANDIDATES.filter((signal) => signal in constants.signals);

export function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal];
}

/**
 * Ends the process as the signal itself would have, so a parent shell sees "killed by SIGxxx"
 * (status 128 + its number): our handlers off, the signal sent again. Exiting with that status is
 * the fallback should the signal not end us at once.
 */
export function endBySignal(signal: NodeJS.Signals): never {
  for (const fatal of FATAL_SIGNALS) process.removeAllListeners(fatal);
  process.kill(process.pid, signal);
  process.exit(128 + signalNumber(signal));
}

let restore: (() => void) | null = null;

function onFatalSignal(signal: NodeJS.Signals): void {
  try {
    restore?.();
  } finally {
    endBySignal(signal);
  }
}

/**
 * Until released, any fatal signal runs `restoreTerminal` and then ends the program by that
 * signal. A later call replaces the restorer (the first frame hands over to the workbench) with
 * the handlers staying installed throughout, so no signal finds the terminal unguarded.
 */
export function guardTerminal(restoreTerminal: () => void): () => void {
  if (restore === null) for (const signal of FATAL_SIGNALS) process.on(signal, onFatalSignal);
  restore = restoreTerminal;
  return () => {
    if (restore !== restoreTerminal) return;
    restore = null;
    for (const signal of FATAL_SIGNALS) process.off(signal, onFatalSignal);
  };
}
