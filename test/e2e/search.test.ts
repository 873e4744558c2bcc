/** The real program in a real (pseudo) terminal at 80x24: start, search, help, quit, terminal restored. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTerminal } from '../helpers/terminal.js';
import { nonEmpty } from '../helpers/assertions.js';

const ESCAPE = '\u001b';
const CTRL_C = '\u0003';

test('starts full screen on the bundled corpus, finds a misspelled name, quits with q and restores the terminal', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;

  const start = await terminal.waitForText('104 passages');
  assert.ok(terminal.alternateScreen, 'the workbench draws on the alternate screen');
  assert.match(start, /5 sources|5 documents/);

  // The query line has the focus at start: type straight away, as fast as a person can.
  await terminal.type('Hua Chuning', 10);
  const results = await terminal.waitFor(
    (screen) => /Hua Chunying/.test(screen) && /000_067ac5e56125b280|Hua Chuning/.test(screen),
    'results naming Hua Chunying',
  );
  const lines = results.split('\n');
  assert.equal(lines.length, 24);
  assert.ok(nonEmpty(lines).every((line) => line.length <= 80), 'nothing wider than the terminal');

  terminal.write('\r');
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results list focused');
  await terminal.type('?');
  await terminal.waitFor((screen) => /help/i.test(screen) && /quit/i.test(screen), 'the help overlay');
  terminal.write(ESCAPE);
  await terminal.waitFor((screen) => !screen.includes('crosscheck keys') && /Hua Chunying/.test(screen), 'help closed');

  await terminal.type('q');
  await terminal.waitForText('EXIT=0');
  await terminal.exit();
  assert.equal(terminal.alternateScreen, false, 'the main screen is back');
  assert.ok(terminal.cursorVisible, 'the cursor is visible again');
  const modes = terminal.screen();
  assert.match(modes, /(^|\s)icanon(\s|$)/m, 'canonical (cooked) mode is back');
  assert.match(modes, /(^|\s)echo(\s|$)/m, 'echo is back');
});

test('Ctrl-C quits from inside the query line and restores the terminal', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;
  await terminal.waitForText('104 passages');
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');
  terminal.write(CTRL_C);
  await terminal.waitForText('EXIT=');
  await terminal.exit();
  assert.equal(terminal.alternateScreen, false);
  assert.ok(terminal.cursorVisible);
  assert.match(terminal.screen(), /(^|\s)icanon(\s|$)/m);
});

test('a key redraws only the rows it changes: no full-screen erase, the tab bar and rules are not sent again', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.waitForText('104 passages');
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');
  terminal.write('\r');
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results list focused');
  await terminal.quiet();
  const before = terminal.output.length;
  const selectedBefore = terminal.lines().find((line) => line.startsWith('›'));
  assert.ok(selectedBefore, 'a result is selected');
  terminal.write('j');
  await terminal.waitFor((screen) => screen.split('\n').find((line) => line.startsWith('›')) !== selectedBefore, 'the selection moved');
  await terminal.quiet();
  const sent = terminal.output.slice(before);
  assert.ok(sent.length > 0, 'the move was drawn');
  assert.ok(!sent.includes('\u001b[2J'), 'no full-screen erase for a key');
  assert.ok(!sent.includes('2 Quotes'), 'the unchanged tab bar is not rewritten');
  assert.ok(!sent.includes('────'), 'the unchanged rule is not rewritten');
});
