/**
 * Corpus text is untrusted: an article can carry terminal escape sequences (colours, cursor moves,
 * OSC 52 clipboard writes, title changes), C1 controls, bidirectional overrides and zero-width
 * characters. Before any of it is displayed or printed as plain text, each such character is
 * replaced by a visible marker, so the sequence shows up as inert text instead of acting.
 * JSON output keeps the exact text (JSON escapes control characters itself).
 */

/**
 * Invisible characters that change how surrounding text is shown or hide text: bidi controls,
 * zero-width characters, interlinear annotations, Hangul fillers, and the Unicode tag characters
 * (U+E0000-E007F, as surrogate pairs) that can smuggle a whole hidden sentence into an article.
 */
const INVISIBLE_FORMAT =
  /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\uFFF9-\uFFFB\u115F\u1160\u3164\uFFA0]|\uDB40[\uDC00-\uDC7F]/;
/** C0 and C1 controls and DEL (line breaks and tabs are handled by the caller's mode). */
// eslint-disable-next-line no-control-regex -- finding control characters is what this module is for
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const UNSAFE = new RegExp(`${CONTROL.source}|${INVISIBLE_FORMAT.source}|[\\u2028\\u2029]`, 'g');

export interface NeutralizeOptions {
  /** Plain ASCII markers (^[ and ?) for terminals without Unicode. */
  ascii?: boolean;
  /** Keep line breaks (multi-line previews); otherwise they become spaces. */
  keepNewlines?: boolean;
}

function marker(char: string, ascii: boolean): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x2028 || code === 0x2029) return ' ';
  if (code < 0x20) return ascii ? `^${String.fromCharCode(code + 64)}` : String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return ascii ? '^?' : '␡';
  return ascii ? '?' : '⍰';
}

/** Text safe to write to a terminal: every control or invisible formatting character made visible. */
export function neutralize(text: string, options: NeutralizeOptions = {}): string {
  const ascii = options.ascii ?? false;
  let safe = text.replace(/\t/g, ' ');
  safe = options.keepNewlines ? safe.replace(/\r/g, '') : safe.replace(/\r?\n/g, ' ');
  return safe.replace(UNSAFE, (char) => marker(char, ascii));
}

/**
 * JSON text safe to print: JSON.stringify escapes only C0 controls, so C1 controls, bidi, tag and
 * zero-width characters would reach the terminal raw. Escaping them as \uXXXX keeps the parsed
 * text exact (they can only occur inside strings, where the escape means the same character).
 */
export function terminalSafeJson(json: string): string {
  const escape = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;
  // A tag character matches as a surrogate pair: both halves are escaped.
  return json.replace(UNSAFE, (char) => Array.from({ length: char.length }, (_, index) => escape(char.charCodeAt(index))).join(''));
}
