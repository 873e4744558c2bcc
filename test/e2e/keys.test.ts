/** Keys and pastes in the real program, in a pseudo-terminal at 80x24, as a newcomer meets them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTerminal } from '../helpers/terminal.js';

const ENTER = '\r';
const ESCAPE = '\u001b';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

function statusLine(screen: string): string {
  return screen.split('\n').filter((line) => line.trim() !== '').at(-1) ?? '';
}

test('the first screen: ? opens the help (the query is empty), any key closes it; the status line shows "? help"', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  const start = await terminal.waitForText('104 passages');
  assert.match(statusLine(start), /\? help/);
  await terminal.type('?');
  const help = await terminal.waitForText('crosscheck keys');
  assert.doesNotMatch(help, /Nothing matches/);
  await terminal.type('x');
  await terminal.waitFor((screen) => !screen.includes('crosscheck keys') && /104\/104/.test(screen), 'help closed, query empty');
  terminal.write('\u0003');
  await terminal.exit();
});

for (const [kind, paste] of [
  ['bracketed', `${PASTE_START}Twitter accounts${ENTER}questions about it${PASTE_END}`],
  ['raw (a terminal without bracketed paste)', `Twitter accounts${ENTER}questions about it`],
] as const) {
  test(`a ${kind} paste with a line break goes into the query as text and quits nothing`, async (t) => {
    const terminal = startTerminal(t, { cols: 80, rows: 24 });
    if (!terminal) return;
    await terminal.waitForText('104 passages');
    assert.ok(terminal.output.includes('\u001b[?2004h'), 'bracketed paste is turned on');
    terminal.write(paste);
    const screen = await terminal.waitFor((text) => text.includes('› Twitter accounts questions about it') && /Search . query/.test(text), 'the paste in the query');
    assert.ok(!terminal.output.includes('\u001b[?1049l'), 'still on the workbench screen: nothing quit');
    assert.match(screen, /Search . query/);
    terminal.write('\u0003');
    await terminal.exit();
    assert.ok(terminal.output.lastIndexOf('\u001b[?2004l') > terminal.output.lastIndexOf('\u001b[?2004h'), 'and off again on the way out');
  });
}

test("Esc after c comes back to Search with the query and the selection ('amplifier, j: 002…:3)", async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.waitForText('104 passages');
  await terminal.type("'amplifier", 10);
  await terminal.waitFor((screen) => / 3\/104/.test(screen), 'three hits');
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results');
  await terminal.type('j');
  await terminal.waitFor((screen) => /^› 002…:3/m.test(screen), '002…:3 selected');
  await terminal.type('c');
  await terminal.waitFor((screen) => /of 5 sources carry it/.test(screen), 'Compare');
  terminal.write(ESCAPE);
  const back = await terminal.waitFor((screen) => /Search . results/.test(screen), 'back in Search');
  assert.match(back, /\/ 'amplifier/);
  assert.match(back, /^› 002…:3/m);
  terminal.write('\u0003');
  await terminal.exit();
});

test('Quotes -> Enter reads the chosen passage in Search even with a query there; Esc goes back to Quotes', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.waitForText('104 passages');
  await terminal.type('Zoom', 10);
  await terminal.waitFor((screen) => / 2\/104/.test(screen), 'a query in Search');
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results');
  await terminal.type('2');
  await terminal.waitFor((screen) => /Quotes . query/.test(screen) && /\d+ quotes?\b/.test(screen), 'the Quotes pane');
  await terminal.type('biggest victim', 10);
  await terminal.waitFor((screen) => /1 quote$/m.test(screen), 'one group');
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Quotes . groups/.test(screen), 'the groups');
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Quotes . sources/.test(screen), 'the sources');
  await terminal.type('j');
  terminal.write(ENTER);
  const reader = await terminal.waitFor((screen) => /Search . reader/.test(screen), 'the reader');
  assert.match(reader, /003_6631a8e0a366c5c7:14 /);
  assert.match(reader, /"This is the biggest/);
  terminal.write(ESCAPE);
  await terminal.waitFor((screen) => /Quotes . sources/.test(screen), 'back in Quotes');
  terminal.write('\u0003');
  await terminal.exit();
});
