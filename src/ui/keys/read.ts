/**
 * Raw terminal input to named keys and pastes. Ink splits stdin at escape sequences and hands a
 * run of plain characters over as one string; its Key flags cannot tell Ctrl-J from Enter or name
 * F1, so the workbench reads the raw strings itself.
 *
 * A paste is never a command: between ESC[200~ and ESC[201~ (bracketed paste) everything is text.
 * A terminal without bracketed paste sends a paste as one burst; a burst of six characters or more
 * holding a line break followed by more text is taken as a paste too (nobody types that fast).
 */

export type KeyEvent = { kind: 'key'; name: string } | { kind: 'paste'; text: string };

export const PASTE_START = '\u001b[200~';
export const PASTE_END = '\u001b[201~';
/** Characters from which a burst with a line break inside is taken for a paste. */
export const PASTE_BURST = 6;

const SEQUENCES: Record<string, string> = {
  '\u001b[A': 'up',
  '\u001b[B': 'down',
  '\u001b[C': 'right',
  '\u001b[D': 'left',
  '\u001bOA': 'up',
  '\u001bOB': 'down',
  '\u001bOC': 'right',
  '\u001bOD': 'left',
  '\u001b[5~': 'pgup',
  '\u001b[6~': 'pgdn',
  '\u001b[H': 'home',
  '\u001b[F': 'end',
  '\u001bOH': 'home',
  '\u001bOF': 'end',
  '\u001b[1~': 'home',
  '\u001b[4~': 'end',
  '\u001b[7~': 'home',
  '\u001b[8~': 'end',
  '\u001b[3~': 'delete',
  '\u001b[Z': 'shift-tab',
  '\u001bOP': 'f1',
  '\u001bOQ': 'f2',
  '\u001bOR': 'f3',
  '\u001bOS': 'f4',
  '\u001b[11~': 'f1',
  '\u001b[12~': 'f2',
  '\u001b[13~': 'f3',
  '\u001b[14~': 'f4',
  '\u001b[15~': 'f5',
  // The Linux console.
  '\u001b[[A': 'f1',
  '\u001b[[B': 'f2',
  '\u001b[[C': 'f3',
  '\u001b[[D': 'f4',
  '\u001b[[E': 'f5',
};

/** The name of one control character, or null for a printable one. */
function controlName(char: string): string | null {
  const code = char.codePointAt(0)!;
  if (char === '\r') return 'enter';
  if (char === '\t') return 'tab';
  if (char === '\u007f' || char === '\b') return 'backspace';
  if (char === '\u001b') return 'esc';
  // Ctrl-A..Ctrl-Z arrive as 0x01..0x1a (Ctrl-J as the line feed 0x0a).
  if (code >= 1 && code <= 26) return `ctrl-${String.fromCharCode(code + 96)}`;
  return null;
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 32 || code === 0x7f;
}

/** An escape sequence (one event from Ink) to a key name; unknown sequences name themselves. */
function sequenceName(sequence: string): string {
  const known = SEQUENCES[sequence];
  if (known) return known;
  // Arrows and Home/End with modifiers (ESC[1;5A): the key without them.
  const modified = sequence.startsWith('\u001b[1;') ? /^\d+([ABCDHF])$/.exec(sequence.slice(4)) : null;
  if (modified) return SEQUENCES[`\u001b[${modified[1]}`]!;
  // Alt (Meta) and a character: ESC then the character.
  const chars = Array.from(sequence);
  if (chars.length === 2 && !isControl(chars[1]!)) return `alt-${chars[1]}`;
  return sequence;
}

/** Reads Ink's input events, one at a time, keeping the state of a bracketed paste across them. */
export class KeyReader {
  private pasting: string | null = null;

  read(event: string): KeyEvent[] {
    if (this.pasting !== null) {
      const end = event.indexOf(PASTE_END);
      if (end === -1) {
        this.pasting += event;
        return [];
      }
      const text = this.pasting + event.slice(0, end);
      this.pasting = null;
      return [{ kind: 'paste', text }, ...this.read(event.slice(end + PASTE_END.length))];
    }
    if (event === '') return [];
    const start = event.indexOf(PASTE_START);
    if (start !== -1) {
      this.pasting = '';
      return [...this.read(event.slice(0, start)), ...this.read(event.slice(start + PASTE_START.length))];
    }
    if (event.startsWith('\u001b') && event.length > 1) return [{ kind: 'key', name: sequenceName(event) }];
    // A line break with more text after it, in one burst of some length: a paste without bracketed
    // paste mode. A short burst ("\r?", "x\rq") is a fast typist's keys arriving together over SSH.
    if (Array.from(event).length >= PASTE_BURST && /[\r\n][^\r\n]/.test(event)) return [{ kind: 'paste', text: event }];
    const keys: KeyEvent[] = [];
    for (const char of event) {
      const name = isControl(char) ? controlName(char) : char;
      if (name !== null) keys.push({ kind: 'key', name });
    }
    return keys;
  }
}

/** Pasted text as one line: line breaks and tabs become spaces, other control characters go. */
export function pastedLine(text: string): string {
  return Array.from(text.replace(/\r\n|[\r\n\t]/g, ' '))
    .filter((char) => !isControl(char))
    .join('');
}

/** A key name that types its own character into a text field. */
export function isPrintable(name: string): boolean {
  return Array.from(name).length === 1 && !isControl(name);
}
