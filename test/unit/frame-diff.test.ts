import { test } from 'node:test';
import assert from 'node:assert/strict';
import xterm from '@xterm/headless';
import { EventEmitter } from 'node:events';
import { diffingStdout, FrameDiffer } from '../../src/ui/frameDiff.js';

const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
/** Ink's ansiEscapes.eraseLines(count). */
function eraseLines(count: number): string {
  let out = '';
  for (let row = 0; row < count; row++) out += '\u001b[2K' + (row < count - 1 ? '\u001b[1A' : '');
  return count > 0 ? out + '\u001b[G' : out;
}

function screenAfter(cols: number, rows: number, writes: readonly string[]): Promise<string[]> {
  // convertEol: a pty turns the program's \n into \r\n on its way to the terminal.
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0, convertEol: true });
  return new Promise((resolve) => {
    terminal.write(writes.join(''), () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let row = 0; row < rows; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
      terminal.dispose();
      resolve(lines);
    });
  });
}

const FIRST = ['tabs', 'query: a', '› one', '  two', 'status'];
const SECOND = ['tabs', 'query: a', '  one', '› two', 'status'];
const THIRD = ['tabs', 'query: ab', '› two', '  three', 'status'];

for (const kind of ['clear', 'erase'] as const) {
  // Ink's two ways of writing a frame: cleared terminal (as tall as the screen), or erase and rewrite.
  const write = (rows: readonly string[], previous: readonly string[] | null): string =>
    kind === 'clear' ? CLEAR_TERMINAL + rows.join('\n') : eraseLines(previous ? previous.length + 1 : 0) + rows.join('\n') + '\n';
  const screenRows = kind === 'clear' ? 5 : 6;

  test(`${kind} frames: only the rows that changed are written, and the screen is what a whole redraw shows`, async () => {
    const differ = new FrameDiffer(() => screenRows);
    const whole = [write(FIRST, null), write(SECOND, FIRST), write(THIRD, SECOND), write(SECOND, THIRD)];
    const sent = whole.map((chunk) => differ.transform(chunk));
    assert.equal(sent[0], whole[0], 'the first frame is written whole');
    // Ink's first frame has no erase before it, so a diff can start from its second at the latest.
    for (const changes of sent.slice(2)) {
      assert.ok(!changes.includes('\u001b[2J'), 'no full-screen erase');
      assert.ok(!changes.includes('tabs') && !changes.includes('status'), 'unchanged rows are not rewritten');
    }
    assert.ok(sent[2]!.length < whole[2]!.length);
    assert.deepEqual(await screenAfter(20, screenRows, sent), await screenAfter(20, screenRows, whole));
  });
}

test('a row that fills the whole width keeps its last cell', async () => {
  const before = ['x'.repeat(10), 'b'];
  const after = ['y'.repeat(10), 'b'];
  const differ = new FrameDiffer(() => 2);
  const sent = [differ.transform(CLEAR_TERMINAL + before.join('\n')), differ.transform(CLEAR_TERMINAL + after.join('\n'))];
  assert.deepEqual(await screenAfter(10, 2, sent), after);
});

test('anything written between frames, or a resize, makes the next frame a whole one', () => {
  const frame = CLEAR_TERMINAL + ['a', 'b'].join('\n');
  const differ = new FrameDiffer(() => 2);
  differ.transform(frame);
  assert.equal(differ.transform('\u001b[?2026h'), '\u001b[?2026h', 'synchronized-update brackets pass');
  assert.equal(differ.transform(frame), '', 'same frame after an inert write: nothing sent');
  differ.transform('console output\n');
  assert.equal(differ.transform(frame), frame, 'after foreign output: drawn whole');
  differ.invalidate();
  assert.equal(differ.transform(frame), frame, 'after a resize or a clear: drawn whole');
});

test('a frame taller than the screen, or of another height, is passed through whole', () => {
  const differ = new FrameDiffer(() => 2);
  const tall = CLEAR_TERMINAL + ['a', 'b', 'c'].join('\n');
  assert.equal(differ.transform(tall), tall);
  const fits = CLEAR_TERMINAL + ['a', 'b'].join('\n');
  assert.equal(differ.transform(fits), fits);
  const shorter = CLEAR_TERMINAL + 'a';
  assert.equal(differ.transform(shorter), shorter);
});

test('an erase that does not reach back to the last frame\'s first row is passed through whole', () => {
  const differ = new FrameDiffer(() => 10);
  differ.transform(eraseLines(0) + 'a\nb\n');
  differ.transform(eraseLines(3) + 'a\nb\n');
  const second = eraseLines(3) + 'a\nc\n';
  assert.notEqual(differ.transform(second), second, 'a matching erase is diffed');
  const mismatched = eraseLines(2) + 'a\nd\n';
  assert.equal(differ.transform(mismatched), mismatched);
});

test('redraw: the last frame again, whole, and the next frame is diffed against it', async () => {
  const differ = new FrameDiffer(() => 5);
  assert.equal(differ.redraw(), '', 'nothing before the first frame');
  const first = CLEAR_TERMINAL + FIRST.join('\n');
  const second = CLEAR_TERMINAL + SECOND.join('\n');
  differ.transform(first);
  const sentSecond = differ.transform(second);
  // The screen was cut behind our back (a resize and back); the redraw puts the last frame back whole.
  const redraw = differ.redraw();
  assert.ok(redraw.includes(CLEAR_TERMINAL) && redraw.includes('tabs') && redraw.includes('› two'));
  const third = differ.transform(CLEAR_TERMINAL + THIRD.join('\n'));
  assert.ok(!third.includes('tabs'), 'after the redraw, unchanged rows are not sent again');
  assert.deepEqual(await screenAfter(20, 5, [first, sentSecond, 'garbage\n\n\nmore', redraw, third]), THIRD);
});

test('the same frame again sends nothing, its synchronized-update marks included; a changed one is sent within them', async () => {
  const SYNC_START = '\u001b[?2026h';
  const SYNC_END = '\u001b[?2026l';
  const sent: string[] = [];
  const terminal = Object.assign(new EventEmitter(), {
    rows: 5,
    columns: 20,
    isTTY: true,
    write(chunk: string): boolean {
      sent.push(chunk);
      return true;
    },
  });
  const { stream } = diffingStdout(terminal as unknown as NodeJS.WriteStream);
  const frame = (rows: readonly string[]): void => {
    stream.write(SYNC_START);
    stream.write(CLEAR_TERMINAL + rows.join('\n'));
    stream.write(SYNC_END);
  };
  frame(FIRST);
  const first = sent.join('');
  frame(FIRST);
  assert.equal(sent.join(''), first, 'a render that changed nothing writes nothing, not even its marks');
  frame(SECOND);
  const second = sent.join('').slice(first.length);
  assert.ok(second.startsWith(SYNC_START) && second.endsWith(SYNC_END), JSON.stringify(second));
  assert.ok(!second.includes('tabs'), 'unchanged rows are not sent');
  // An unchanged frame whose end mark never comes, then a marked change: that one's end mark is kept.
  stream.write(SYNC_START);
  stream.write(CLEAR_TERMINAL + SECOND.join('\n'));
  const before = sent.join('').length;
  frame(THIRD);
  assert.ok(sent.join('').slice(before).endsWith(SYNC_END), 'the next frame is closed');
  assert.deepEqual(await screenAfter(20, 5, sent), THIRD);
});
