/**
 * A bug in the workbench, end to end (issue 14, item 6): the terminal restored, the error said,
 * and a full report written where the message says (under $TMPDIR, never the corpus).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { startTerminal, type Terminal } from '../helpers/terminal.js';

const READY = /5 sources|104 pass/;

function assertRestored(terminal: Terminal): void {
  assert.equal(terminal.alternateScreen, false, 'the main screen is back');
  assert.ok(terminal.cursorVisible, 'the cursor is visible again');
  assert.match(terminal.screen(), /(^|\s)icanon(\s|$)/m, 'canonical (cooked) mode is back');
}

/** The report the program named, checked to be in `tmp`, with the error in it. */
function assertReport(terminal: Terminal, tmp: string, error: RegExp): void {
  const screen = terminal.lines().join('\n');
  const named = /this is a bug in crosscheck; the full report is in (\S+)/.exec(screen);
  assert.ok(named, `the report is named:\n${screen}`);
  const report = named[1]!;
  assert.equal(path.dirname(path.dirname(report)), tmp);
  assert.ok(existsSync(report));
  assert.match(readFileSync(report, 'utf8'), error);
}

async function startWith(t: TestContext, injection: string): Promise<{ terminal: Terminal; tmp: string } | null> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bug-e2e-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const terminal = startTerminal(t, { cols: 200, rows: 40, reportModesAfterExit: true, env: { NODE_OPTIONS: injection, TMPDIR: tmp } });
  if (!terminal) return null;
  await terminal.waitFor((screen) => READY.test(screen), 'the corpus loaded');
  return { terminal, tmp };
}

test('an exception in a pane\'s work ends the workbench as a bug: terminal restored, message, report', async (t) => {
  // A module preloaded into the program makes the query parser throw on one word: a bug in a search.
  const injection =
    "--import=data:text/javascript,globalThis.n0=String.prototype.normalize;String.prototype.normalize=function(f){if(String(this).includes('zqxbug'))throw(TypeError('injected_bug'));return(globalThis.n0.call(this,f))}";
  const started = await startWith(t, injection);
  if (!started) return;
  const { terminal, tmp } = started;
  terminal.write('zqxbug');
  await terminal.waitForText('EXIT=70');
  await terminal.exit();
  assertRestored(terminal);
  assert.match(terminal.screen(), /crosscheck: unexpected error: TypeError: injected_bug/);
  assert.doesNotMatch(terminal.screen(), /Query not understood/);
  assertReport(terminal, tmp, /TypeError: injected_bug\n\s+at /);
  assert.equal(readdirSync(tmp).length, 1, 'one report folder, nothing else');
});

test('an uncaught error also names its report', async (t) => {
  const started = await startWith(t, "--import=data:text/javascript,process.on('SIGUSR2',()=>{throw(Error(`injected_failure`))})");
  if (!started) return;
  const { terminal, tmp } = started;
  terminal.signal('SIGUSR2');
  await terminal.waitForText('EXIT=70');
  await terminal.exit();
  assertRestored(terminal);
  assertReport(terminal, tmp, /Error: injected_failure/);
});
