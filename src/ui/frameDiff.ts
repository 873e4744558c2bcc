/**
 * Fewer bytes per key: Ink redraws every frame whole ("erase the last frame's rows, write every
 * row", or for a frame as tall as the screen "clear the terminal, write every row"), 4-17 KB a
 * key, which is what an SSH link carries. This stream stands between Ink and the terminal and
 * writes only the rows that changed since the last frame. Ink's own `incrementalRendering` does
 * the like, and left rows of the help overlay behind on full-screen frames.
 *
 * Anything else written (a suspend's clear, console output, a frame of another height) is passed
 * through and makes the next frame a whole one, since the screen may no longer match the last.
 */
import { patchRow } from './rowPatch.js';

const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
const ERASE_ROW = '\u001b[2K';
const ERASE_ROW_AND_UP = `${ERASE_ROW}\u001b[1A`;
const ERASE_ROW_TO_COLUMN_1 = `${ERASE_ROW}\u001b[G`;
const SYNC_START = '\u001b[?2026h';
const SYNC_END = '\u001b[?2026l';
/** Writes that do not change what the screen shows: synchronized-update brackets, cursor visibility. */
const INERT_SEQUENCES = [SYNC_START, SYNC_END, '\u001b[?25h', '\u001b[?25l'];

/** Ink's eraseLines(n) at the start of `chunk` (erase a row and go up, n - 1 times, erase the top row, column 1): n and where it ends. */
function eraseLinesAt(chunk: string): { erased: number; end: number } | null {
  let end = 0;
  let erased = 1;
  while (chunk.startsWith(ERASE_ROW_AND_UP, end)) {
    end += ERASE_ROW_AND_UP.length;
    erased++;
  }
  return chunk.startsWith(ERASE_ROW_TO_COLUMN_1, end) ? { erased, end: end + ERASE_ROW_TO_COLUMN_1.length } : null;
}

/** Whether `chunk` is only inert sequences (at least one). */
function isInert(chunk: string): boolean {
  let at = 0;
  while (at < chunk.length) {
    const next = INERT_SEQUENCES.find((sequence) => chunk.startsWith(sequence, at));
    if (!next) return false;
    at += next.length;
  }
  return at > 0;
}

type FrameKind = 'clear' | 'erase';

interface Frame {
  kind: FrameKind;
  /** The frame split at its newlines; a trailing newline leaves a last empty row (the cursor's). */
  rows: string[];
}

/** Down `rows` rows to column 1: newlines for one or two, else one cursor move (the rows exist: the frame fits the screen). */
function down(rows: number): string {
  return rows <= 2 ? '\n'.repeat(rows) : `\r\u001b[${rows}B`;
}

/**
 * From the frame's first row, column 1: the rows of `next` that differ from `previous` (of the same
 * length), each patched (rowPatch.ts), unchanged ones stepped over. The cursor ends on the last row,
 * where writing `next` whole leaves it.
 */
export function rowChanges(previous: readonly string[], next: readonly string[]): string {
  let out = '';
  let rowsToStep = 0;
  for (let row = 0; row < next.length; row++) {
    if (next[row] !== previous[row]) {
      const patch = patchRow(previous[row], next[row]!);
      if (patch !== '') {
        out += down(rowsToStep) + patch;
        rowsToStep = 0;
      }
    }
    if (row < next.length - 1) rowsToStep++;
  }
  return out + down(rowsToStep);
}

export class FrameDiffer {
  /** The last frame, as the next one is diffed against; null when the screen may not match it. */
  private previous: Frame | null = null;
  /** The last frame written, whether or not the screen still matches it (for redraw()). */
  private last: Frame | null = null;

  constructor(private readonly screenRows: () => number) {}

  /** What to send to the terminal for one write of Ink's. */
  transform(chunk: string): string {
    const frame = this.parse(chunk);
    if (!frame) {
      if (chunk !== '' && !isInert(chunk)) this.previous = null;
      return chunk;
    }
    const { kind, rows, erased } = frame;
    const previous = this.previous;
    this.last = { kind, rows };
    // A frame taller than the screen scrolls it: its rows no longer line up with what was drawn.
    this.previous = rows.length <= this.screenRows() ? { kind, rows } : null;
    if (!previous || !this.previous || previous.kind !== kind || previous.rows.length !== rows.length) return chunk;
    // The erase must reach exactly back to the last frame's first row for the rows to line up.
    if (kind === 'erase' && erased !== previous.rows.length) return chunk;
    // The same frame again (Ink writes a full-screen frame on every render, changed or not): the
    // screen shows it and the cursor is where the last one left it, so nothing is sent.
    if (rows.every((row, at) => row === previous.rows[at])) return '';
    const toFirstRow = kind === 'clear' ? '\u001b[H' : `${rows.length > 1 ? `\u001b[${rows.length - 1}A` : ''}\r`;
    return toFirstRow + rowChanges(previous.rows, rows);
  }

  /** The screen was changed behind Ink's back (cleared, resized): the next frame is drawn whole. */
  invalidate(): void {
    this.previous = null;
  }

  /**
   * The last frame again, whole, for a screen changed behind our back that Ink will not redraw
   * (see redrawOnEveryResize); '' before the first frame. The screen then matches it again.
   */
  redraw(): string {
    const last = this.last;
    if (!last) return '';
    this.previous = last.rows.length <= this.screenRows() ? last : null;
    return SYNC_START + CLEAR_TERMINAL + last.rows.join('\n') + SYNC_END;
  }

  private parse(chunk: string): (Frame & { erased: number }) | null {
    if (chunk.startsWith(CLEAR_TERMINAL)) return { kind: 'clear', rows: chunk.slice(CLEAR_TERMINAL.length).split('\n'), erased: 0 };
    const erase = eraseLinesAt(chunk);
    if (!erase) return null;
    return { kind: 'erase', rows: chunk.slice(erase.end).split('\n'), erased: erase.erased };
  }
}

/**
 * `stdout` as Ink sees it, with frames reduced to their changed rows. Everything else (size,
 * `isTTY`, resize events) is the real stream's; a resize invalidates the last frame.
 */
export function diffingStdout(stdout: NodeJS.WriteStream): { stream: NodeJS.WriteStream; differ: FrameDiffer } {
  const differ = new FrameDiffer(() => stdout.rows ?? Number.POSITIVE_INFINITY);
  stdout.on('resize', () => differ.invalidate());
  const send = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => (stdout.write as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
  // Ink brackets each frame in synchronized-update marks, written apart from it: they are held
  // until the frame is known, and dropped with a frame that sends nothing.
  let heldSyncStarts = 0;
  let syncEndsToDrop = 0;
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    if (typeof chunk !== 'string') return send(chunk, ...rest);
    if (chunk === SYNC_START) {
      heldSyncStarts++;
      return true;
    }
    if (chunk === SYNC_END && syncEndsToDrop > 0) {
      syncEndsToDrop--;
      return true;
    }
    // Only the marks written right after a dropped frame are its own.
    syncEndsToDrop = 0;
    const text = differ.transform(chunk);
    const held = heldSyncStarts;
    heldSyncStarts = 0;
    if (text === '' && chunk !== '') {
      syncEndsToDrop = held;
      return true;
    }
    return send(SYNC_START.repeat(held) + text, ...rest);
  };
  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream, differ };
}

/**
 * Node emits 'resize' only when the size it reads differs from the last one it read. A resize and
 * back between two reads (a window dragged and let go at its old size, tmux's zoom in and out)
 * gives no 'resize', yet the terminal cut and shifted its screen meanwhile, and Ink, seeing no
 * change, draws nothing. So every SIGWINCH that brings no 'resize' writes the last frame again
 * whole; one that does is left to Ink's own redraw. `active` says whether the workbench has the
 * screen (not while an editor or the shell has it).
 */
export function redrawOnEveryResize(signals: NodeJS.Process, stdout: NodeJS.WriteStream, differ: FrameDiffer, active: () => boolean): () => void {
  let resized = false;
  const onResize = (): void => {
    resized = true;
  };
  // After the signal's other listeners (Node's own reads the size and emits 'resize').
  const onSignal = (): void => {
    setImmediate(() => {
      if (!resized && active()) stdout.write(differ.redraw());
      resized = false;
    });
  };
  stdout.on('resize', onResize);
  signals.on('SIGWINCH', onSignal);
  return () => {
    stdout.off('resize', onResize);
    signals.off('SIGWINCH', onSignal);
  };
}
