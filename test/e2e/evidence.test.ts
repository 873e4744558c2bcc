/** Evidence out of the real program in a terminal: the OSC 52 bytes of y, and e handing the terminal to the editor and back. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { startTerminal, type Terminal, type TerminalOptions } from '../helpers/terminal.js';

const READY = /5 sources|104 pass/;
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';

async function onAmplifierResults(t: TestContext, options: TerminalOptions): Promise<Terminal | null> {
  const terminal = startTerminal(t, { cols: 80, rows: 24, ...options });
  if (!terminal) return null;
  await terminal.waitFor((screen) => READY.test(screen), 'the corpus loaded');
  await terminal.type("'amplifier");
  await terminal.waitForText(' 3/104');
  terminal.write('\r');
  await terminal.waitFor((screen) => /Search │ results/.test(screen.split('\n').at(-1) ?? ''), 'the results area');
  return terminal;
}

test('y writes the selected passage and its citation to the clipboard as OSC 52, and says so', async (t) => {
  const terminal = await onAmplifierResults(t, {});
  if (!terminal) return;
  terminal.write('y');
  await terminal.waitForText('copied: 004_b0ee60363008b165:13');
  const payload = /\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007/.exec(terminal.output)?.[1];
  assert.ok(payload, 'an OSC 52 sequence was written');
  const copied = Buffer.from(payload, 'base64').toString('utf8');
  assert.match(copied, /^The company suspended a core network of 23,750 highly active accounts/);
  assert.match(copied, /\n— 004_b0ee60363008b165, “China demands Twitter deletes anti-China accounts” \(corpus\/004_b0ee60363008b165\.txt:13\)$/);
  terminal.write('q');
  await terminal.exit();
});

test('e runs $EDITOR on the main screen with +LINE PATH, then the workbench comes back whole', async (t) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-e2e-editor-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const log = path.join(folder, 'arguments');
  const editor = path.join(folder, 'editor');
  writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nprintf 'EDITOR-WAS-HERE\\n'\nsleep 0.3\n`);
  chmodSync(editor, 0o755);
  const terminal = await onAmplifierResults(t, { env: { EDITOR: editor } });
  if (!terminal) return;
  terminal.write('e');
  await terminal.waitFor((screen) => /back from \$EDITOR/.test(screen) && /1 Search/.test(screen), 'the workbench back');
  const [line, file, ...rest] = readFileSync(log, 'utf8').trim().split('\n');
  assert.equal(line, '+13');
  assert.ok(file && path.isAbsolute(file) && file.endsWith(path.join('corpus', '004_b0ee60363008b165.txt')), file);
  assert.deepEqual(rest, []);
  const ranAt = terminal.output.indexOf('EDITOR-WAS-HERE');
  assert.ok(ranAt > 0, 'the editor wrote to the terminal');
  assert.ok(terminal.output.lastIndexOf(LEAVE_ALTERNATE_SCREEN, ranAt) > 0, 'the workbench left the alternate screen first');
  assert.ok(terminal.output.indexOf(ENTER_ALTERNATE_SCREEN, ranAt) > ranAt, 'and took it back after');
  assert.equal(terminal.alternateScreen, true);
  const lines = terminal.lines();
  assert.match(lines[0] ?? '', /1 Search/, 'the tab bar redrawn');
  assert.match(lines[2] ?? '', /004…:13/, 'the results redrawn, selection kept');
  assert.doesNotMatch(terminal.screen(), /EDITOR-WAS-HERE/, 'nothing of the editor left on the workbench');
  terminal.write('q');
  await terminal.exit();
});
