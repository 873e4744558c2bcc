/**
 * One changed row of a frame in fewer bytes (frameDiff.ts decides which rows changed). Three savings,
 * each leaving the terminal's cells exactly as writing the whole row would:
 * - the cells the row starts with that are unchanged (same character, same style) are stepped over
 *   with one cursor move: at 200 columns the list beside a changed preview stays put;
 * - a run of blank, unstyled cells inside the row is a cursor move, and at its end is left out
 *   (the row was erased first): Ink pads every row with spaces up to the next column or the edge;
 * - style sequences next to each other are merged into one.
 * A row holding anything but text and SGR style sequences is written whole, as before.
 */
import { stringWidth } from './text.js';

const ERASE_ROW = '\u001b[2K';
const ERASE_TO_ROW_END = '\u001b[K';
const RESET_STYLE = '\u001b[0m';
/** A cursor move (ESC [ n C, 4-6 bytes) only pays for a run of blanks longer than this. */
const SHORTEST_SKIPPED_RUN = 5;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter();

const Flag = {
  Bold: 1,
  Dim: 2,
  Italic: 4,
  Underline: 8,
  Blink: 16,
  Inverse: 32,
  Hidden: 64,
  Strike: 128,
  Overline: 256,
  DoubleUnderline: 512,
} as const;

/** Attributes that make a blank cell visible (a bar, a line), so a run of them is not skipped. */
const VISIBLE_ON_BLANK = Flag.Underline | Flag.DoubleUnderline | Flag.Inverse | Flag.Strike | Flag.Overline;

const SET_FLAG = new Map<number, number>([
  [1, Flag.Bold],
  [2, Flag.Dim],
  [3, Flag.Italic],
  [4, Flag.Underline],
  [5, Flag.Blink],
  [7, Flag.Inverse],
  [8, Flag.Hidden],
  [9, Flag.Strike],
  [21, Flag.DoubleUnderline],
  [53, Flag.Overline],
]);
const CLEAR_FLAGS = new Map<number, number>([
  [22, Flag.Bold | Flag.Dim],
  [23, Flag.Italic],
  [24, Flag.Underline | Flag.DoubleUnderline],
  [25, Flag.Blink],
  [27, Flag.Inverse],
  [28, Flag.Hidden],
  [29, Flag.Strike],
  [55, Flag.Overline],
]);
const FLAG_CODES = [...SET_FLAG].map(([code, flag]) => ({ code, flag }));

interface Style {
  flags: number;
  /** SGR parameters of the colours in effect ('' for the default). */
  foreground: string;
  background: string;
  underlineColour: string;
}

const DEFAULT_STYLE: Style = { flags: 0, foreground: '', background: '', underlineColour: '' };

/** `style` after one SGR sequence's parameters, or null for a parameter this module does not know. */
function applySgr(style: Style, parameters: string): Style | null {
  const next = { ...style };
  const codes = parameters === '' ? ['0'] : parameters.split(';');
  for (let at = 0; at < codes.length; at++) {
    const code = codes[at]!;
    if (code.includes(':')) {
      // ITU form of an extended colour (38:2::r:g:b) in one parameter.
      const kind = code.slice(0, 2);
      if (kind === '38') next.foreground = code;
      else if (kind === '48') next.background = code;
      else if (kind === '58') next.underlineColour = code;
      else return null;
      continue;
    }
    const value = code === '' ? 0 : Number(code);
    if (value === 38 || value === 48 || value === 58) {
      const length = codes[at + 1] === '5' ? 2 : codes[at + 1] === '2' ? 4 : -1;
      if (length < 0 || at + length >= codes.length) return null;
      const colour = codes.slice(at, at + length + 1).join(';');
      at += length;
      if (value === 38) next.foreground = colour;
      else if (value === 48) next.background = colour;
      else next.underlineColour = colour;
    } else if (value === 0) Object.assign(next, DEFAULT_STYLE);
    else if (SET_FLAG.has(value)) next.flags |= SET_FLAG.get(value)!;
    else if (CLEAR_FLAGS.has(value)) next.flags &= ~CLEAR_FLAGS.get(value)!;
    else if ((value >= 30 && value <= 37) || (value >= 90 && value <= 97)) next.foreground = code;
    else if (value === 39) next.foreground = '';
    else if ((value >= 40 && value <= 47) || (value >= 100 && value <= 107)) next.background = code;
    else if (value === 49) next.background = '';
    else if (value === 59) next.underlineColour = '';
    else return null;
  }
  return next;
}

/** The SGR parameters that set `style` from the default one ('' when it is the default). */
function parametersOf(style: Style): string {
  const codes = FLAG_CODES.filter(({ flag }) => (style.flags & flag) !== 0).map(({ code }) => String(code));
  for (const colour of [style.foreground, style.background, style.underlineColour]) if (colour !== '') codes.push(colour);
  return codes.join(';');
}

interface Cell {
  kind: 'cell';
  text: string;
  width: number;
  /** The SGR parameters it is drawn in ('' for the default style). */
  style: string;
  /** A space that shows only the default background. */
  blank: boolean;
}
type Piece = { kind: 'style'; parameters: string } | Cell;

const isCell = (piece: Piece | undefined): piece is Cell => piece?.kind === 'cell';
const isBlank = (piece: Piece | undefined): boolean => isCell(piece) && piece.blank;

/** The parameters of the style sequence (ESC [ … m) at `at`, and where it ends; null for any other sequence. */
function styleSequenceAt(row: string, at: number): { parameters: string; end: number } | null {
  if (row[at + 1] !== '[') return null;
  let end = at + 2;
  while (end < row.length && /[0-9;:]/.test(row[end]!)) end++;
  return row[end] === 'm' ? { parameters: row.slice(at + 2, end), end: end + 1 } : null;
}

/** The row as style sequences and cells (a cell knows the style it is drawn in), or null when it holds other sequences. */
function piecesOf(row: string): Piece[] | null {
  const pieces: Piece[] = [];
  let style = DEFAULT_STYLE;
  let styleKey = '';
  const addText = (text: string): void => {
    const blank = (style.flags & VISIBLE_ON_BLANK) === 0 && style.background === '';
    if (PRINTABLE_ASCII.test(text)) {
      for (const character of text) pieces.push({ kind: 'cell', text: character, width: 1, style: styleKey, blank: blank && character === ' ' });
      return;
    }
    for (const { segment } of graphemes.segment(text)) pieces.push({ kind: 'cell', text: segment, width: stringWidth(segment), style: styleKey, blank: blank && segment === ' ' });
  };
  let at = 0;
  while (at < row.length) {
    const escape = row.indexOf('\u001b', at);
    if (escape < 0) {
      addText(row.slice(at));
      break;
    }
    if (escape > at) addText(row.slice(at, escape));
    const sequence = styleSequenceAt(row, escape);
    const next = sequence && applySgr(style, sequence.parameters);
    if (!sequence || !next) return null;
    style = next;
    styleKey = parametersOf(style);
    pieces.push({ kind: 'style', parameters: sequence.parameters === '' ? '0' : sequence.parameters });
    at = sequence.end;
  }
  return pieces;
}

/** The index of the row's last cell that is not blank (-1 when there is none). */
function lastInkedCell(pieces: readonly Piece[]): number {
  for (let at = pieces.length - 1; at >= 0; at--) if (isCell(pieces[at]) && !isBlank(pieces[at])) return at;
  return -1;
}

/**
 * Pieces from `from` on, the cursor already where the first one goes and the terminal in the
 * default style (`startStyle` is the style in effect there). Ends in the default style.
 */
function write(pieces: readonly Piece[], from: number, startStyle: string): string {
  let out = startStyle === '' ? '' : `\u001b[${startStyle}m`;
  let drawnStyle = startStyle;
  let pendingStyles: string[] = [];
  const lastInked = lastInkedCell(pieces);
  const draw = (text: string, style: string): void => {
    if (pendingStyles.length > 0) {
      out += `\u001b[${pendingStyles.join(';')}m`;
      pendingStyles = [];
    }
    out += text;
    drawnStyle = style;
  };
  for (let at = from; at < pieces.length && at <= lastInked; ) {
    const piece = pieces[at]!;
    if (piece.kind === 'style') {
      pendingStyles.push(piece.parameters);
      at++;
    } else if (piece.blank) {
      // A run of blanks (one style: a style sequence ends it) is a cursor move when that is shorter.
      let run = at;
      while (isBlank(pieces[run])) run++;
      if (run - at >= SHORTEST_SKIPPED_RUN) out += `\u001b[${run - at}C`;
      else draw(' '.repeat(run - at), piece.style);
      at = run;
    } else {
      draw(piece.text, piece.style);
      at++;
    }
  }
  return drawnStyle === '' ? out : out + RESET_STYLE;
}

/**
 * What turns `previous` into `next` on the screen, from the row's first column with the terminal
 * in the default style; the terminal is left in the default style.
 */
export function patchRow(previous: string | undefined, next: string): string {
  const after = piecesOf(next);
  if (!after) return ERASE_ROW + next;
  const before = previous === undefined ? null : piecesOf(previous);
  const beforeCells = before ? before.filter(isCell) : [];
  let column = 0;
  let matched = 0;
  let from = 0;
  for (; from < after.length; from++) {
    const piece = after[from]!;
    if (piece.kind !== 'cell') continue;
    const old = beforeCells[matched];
    if (!old || old.text !== piece.text || old.style !== piece.style) break;
    column += piece.width;
    matched++;
  }
  if (matched === 0) return ERASE_ROW + write(after, 0, '');
  const moveAndErase = `\u001b[${column + 1}G${ERASE_TO_ROW_END}`;
  // The loop stops at the first cell that differs, or at the row's end.
  const resume = after[from];
  if (!isCell(resume)) return matched === beforeCells.length ? '' : moveAndErase;
  return moveAndErase + write(after, from, resume.style);
}
