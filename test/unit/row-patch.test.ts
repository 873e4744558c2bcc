import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import xterm from '@xterm/headless';
import { FrameDiffer } from '../../src/ui/frameDiff.js';
import { patchRow } from '../../src/ui/rowPatch.js';
import { stringWidth } from '../../src/ui/text.js';

const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
const COLS = 60;
const ROWS = 5;

/**
 * Every cell of the screen as it looks: its text and every attribute a terminal draws it with. A
 * blank cell shows only its background and the lines drawn across it (underline, inverse, strike,
 * overline), so its foreground, weight and slant are not part of how it looks.
 */
function cellsAfter(writes: readonly string[]): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0, convertEol: true });
  return new Promise((resolve) => {
    terminal.write(writes.join(''), () => {
      const buffer = terminal.buffer.active;
      const cells: string[] = [];
      const cell = buffer.getNullCell();
      for (let row = 0; row < ROWS; row++) {
        const line = buffer.getLine(row);
        for (let column = 0; column < COLS; column++) {
          line?.getCell(column, cell);
          const blank = (cell.getChars() || ' ') === ' ';
          const lines = [cell.isUnderline(), cell.isInverse(), cell.isStrikethrough(), cell.isOverline()];
          if (blank && cell.isBgDefault() && lines.every((drawn) => drawn === 0)) {
            cells.push(`${row}:${column} blank`);
            continue;
          }
          cells.push(
            [
              `${row}:${column}`,
              cell.getChars() || ' ',
              cell.getWidth(),
              cell.getFgColorMode(),
              cell.getFgColor(),
              cell.getBgColorMode(),
              cell.getBgColor(),
              cell.isBold(),
              cell.isDim(),
              cell.isItalic(),
              cell.isUnderline(),
              cell.isInverse(),
              cell.isStrikethrough(),
              cell.isOverline(),
            ].join(' '),
          );
        }
      }
      terminal.dispose();
      resolve(cells);
    });
  });
}

const STYLES: readonly (readonly [string, string])[] = [
  ['', ''],
  ['1', '22'],
  ['2', '22'],
  ['4', '24'],
  ['7', '27'],
  ['9', '29'],
  ['32', '39'],
  ['1;35', '39;22'],
  ['38;5;208', '39'],
  ['48;5;22', '49'],
  ['42', '49'],
  ['38;2;10;20;30', '39'],
];
const TEXTS = ['a', 'word', ' ', '  ', '       ', '            ', '中文', '…', '›', '│', 'é', 'Volcker', '48+/149808'];

const segment = fc.record({ style: fc.constantFrom(...STYLES), text: fc.constantFrom(...TEXTS) });
const rowOf = (segments: readonly { style: readonly [string, string]; text: string }[]): string =>
  segments.map(({ style: [open, close], text }) => (open === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`)).join('');
const widthOf = (row: string): number => stringWidth(row.replace(/\u001b\[[0-9;]*m/g, ''));
const segments = fc.array(segment, { maxLength: 7 }).filter((row) => widthOf(rowOf(row)) <= COLS);

/** A next frame's row: the same row, or one that keeps some of its start and changes the rest. */
const rowChange = fc.tuple(fc.constantFrom('same', 'keep-start', 'new'), fc.nat(7), fc.array(segment, { maxLength: 4 }));

test('patched rows leave every cell (text, width, colours, attributes) as writing the whole frame does', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(segments, { minLength: ROWS, maxLength: ROWS }), fc.array(rowChange, { minLength: ROWS, maxLength: ROWS }), async (first, changes) => {
      const second = first.map((row, index) => {
        const [kind, keep, added] = changes[index]!;
        if (kind === 'same') return row;
        const next = kind === 'new' ? added : [...row.slice(0, keep), ...added];
        return widthOf(rowOf(next)) <= COLS ? next : row;
      });
      const whole = [first, second].map((frame) => CLEAR_TERMINAL + frame.map(rowOf).join('\n'));
      const differ = new FrameDiffer(() => ROWS);
      const sent = whole.map((frame) => differ.transform(frame));
      assert.deepEqual(await cellsAfter(sent), await cellsAfter(whole));
    }),
    { numRuns: 300 },
  );
});

test('a row whose start is unchanged is written from the first changed cell', () => {
  const list = '  \u001b[32mreuters-18049:44\u001b[39m Paul A \u001b[1m\u001b[35mVolc\u001b[39m\u001b[22mker';
  const patch = patchRow(`${list}  \u001b[34m│\u001b[39mfirst preview`, `${list}  \u001b[34m│\u001b[39msecond preview`);
  assert.ok(!patch.includes('reuters'), 'the unchanged list is not rewritten');
  assert.ok(patch.startsWith('\u001b[37G\u001b[K'), `moved to the first changed column: ${JSON.stringify(patch)}`);
  assert.ok(patch.includes('second preview'));
});

test('blank padding is a cursor move inside a row and left out at its end; neighbouring styles are merged', () => {
  const row = `\u001b[1m\u001b[35mVOLC\u001b[39m\u001b[22mKER${' '.repeat(40)}\u001b[34m│\u001b[39m${' '.repeat(30)}`;
  const patch = patchRow(undefined, row);
  assert.equal(patch, '\u001b[2K\u001b[1;35mVOLC\u001b[39;22mKER\u001b[40C\u001b[34m│\u001b[0m');
});

test('inverse or underlined blanks are drawn, not skipped', () => {
  const row = `\u001b[7m› selected${' '.repeat(20)}\u001b[27m`;
  assert.ok(patchRow(undefined, row).includes(' '.repeat(20)));
});

test('a row holding other sequences than styles (a hyperlink) is written whole', () => {
  const row = '\u001b]8;;https://example.org\u0007link\u001b]8;;\u0007   ';
  assert.equal(patchRow('old', row), `\u001b[2K${row}`);
});

test('a whole search screen: a moved selection with a new preview beside the list costs a fraction of the rows', () => {
  const listRow = (index: number, selected: boolean): string =>
    `${selected ? '\u001b[7m› ' : '  '}\u001b[32mreuters-${String(index).padStart(5, '0')}:1\u001b[39m VOLCKER HEADLINE ${index}${selected ? '\u001b[27m' : ''}${' '.repeat(12)}\u001b[34m│\u001b[39m`;
  const frame = (selected: number): string[] => Array.from({ length: ROWS }, (_, row) => `${listRow(row, row === selected)}preview of ${selected} line ${row}`);
  const differ = new FrameDiffer(() => ROWS);
  const whole = [frame(0), frame(1)].map((rows) => CLEAR_TERMINAL + rows.join('\n'));
  differ.transform(whole[0]!);
  const sent = differ.transform(whole[1]!);
  assert.ok(sent.length <= whole[1]!.length / 2, `${sent.length} bytes against ${whole[1]!.length}`);
});
