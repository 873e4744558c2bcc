/** From a search hit to its comparison across every source in two keys, in a real terminal at 80x24. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTerminal } from '../helpers/terminal.js';
import { nonEmpty } from '../helpers/assertions.js';

test('search, Enter, c: every source carried or not reported; the claims map; q restores the terminal', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;
  await terminal.waitForText('104 passages');
  await terminal.type("'Tiananmen", 10);
  await terminal.waitFor((screen) => / 2\/104/.test(screen), 'the two Tiananmen passages');
  terminal.write('\r');
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results list focused');
  terminal.write('c');
  const screen = await terminal.waitForText('2 of 5 sources carry it');
  assert.match(screen, /3 Compare/);
  assert.match(screen, /100% +reference/);
  assert.equal(screen.match(/not reported/g)?.length, 3);
  assert.ok(nonEmpty(terminal.lines()).every((line) => line.length <= 80));

  await terminal.type('4');
  const claims = await terminal.waitFor((text) => /\d+ claims/.test(text) && /A 000_067ac5e56125b280/.test(text), 'the claims map');
  assert.match(claims, /^ *1 ([●!] ){5}The move came/m);

  await terminal.type('q');
  await terminal.waitForText('EXIT=0');
  await terminal.exit();
  assert.equal(terminal.alternateScreen, false);
  assert.match(terminal.screen(), /(^|\s)icanon(\s|$)/m);
});
