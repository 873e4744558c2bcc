/** The Quotes pane in the real program in a pseudo-terminal at 80x24. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTerminal } from '../helpers/terminal.js';
import { nonEmpty } from '../helpers/assertions.js';

const TAB = '\t';
const ENTER = '\r';
const ESCAPE = '\u001b';

test('Tab to the results, 2 to Quotes: the "biggest victim" group with its sources, opened, then quit', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.waitForText('104 passages');

  // The query line has the focus at start: Tab leaves it, so 2 switches pane instead of typing.
  terminal.write(TAB);
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results list focused');
  await terminal.type('2');
  const list = await terminal.waitFor((screen) => /Quotes . query/.test(screen) && /\d+ quotes?\b/.test(screen), 'the Quotes pane');
  assert.match(list, /› 3 src +Hua Chunying/, 'the most widely carried quotation first');

  await terminal.type('biggest victim', 10);
  const filtered = await terminal.waitFor((screen) => /^› 2 src/m.test(screen) && /1 quote$/m.test(screen), 'the "biggest victim" group');
  assert.match(filtered, /Hua Chunying +“This is the biggest victim of false information\.”/);
  assert.match(filtered, /000_067ac5e56125b280:7/);
  assert.match(filtered, /003_6631a8e0a366c5c7:14/);

  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Quotes . groups/.test(screen), 'the group list focused');
  terminal.write(ENTER);
  const opened = await terminal.waitFor((screen) => /Quotes . sources/.test(screen), 'the group opened');
  assert.match(opened, /Hua Chuning \(spelled differently/);
  assert.ok(nonEmpty(opened.split('\n')).every((line) => line.length <= 80), 'nothing wider than the terminal');

  terminal.write(ESCAPE);
  await terminal.waitFor((screen) => /Quotes . groups/.test(screen), 'back to the groups');
  await terminal.type('q');
  const report = await terminal.exit();
  assert.equal(report.exitCode, 0);
  assert.equal(terminal.alternateScreen, false, 'the main screen is back');
});
