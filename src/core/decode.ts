/** Turning a file's bytes into normalised text, or a reason why not. */
import iconv from 'iconv-lite';

export type DecodeResult =
  | { ok: true; text: string; normalizations: string[]; warnings: string[] }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * The five bytes Windows-1252 leaves undefined. Node's own TextDecoder('windows-1252') is Latin-1
 * in disguise for 0x80-0x9F (curly quotes become C1 controls), so iconv-lite's real table is used;
 * it turns these five into U+FFFD, which we keep: an honest "unknown character", counted in a warning.
 */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Real Windows-1252 (0x80 -> €, 0x93 -> “ ...); the undefined bytes become U+FFFD. */
export function decodeWindows1252(bytes: Uint8Array): { text: string; undefinedBytes: number } {
  let undefinedBytes = 0;
  for (const byte of bytes) if (UNDEFINED_IN_WINDOWS_1252.has(byte)) undefinedBytes++;
  return { text: iconv.decode(bytes, 'windows-1252'), undefinedBytes };
}

function hasBom(bytes: Uint8Array, ...marks: number[]): boolean {
  return marks.every((mark, index) => bytes[index] === mark);
}

/**
 * Decodes a file's bytes. UTF-8 is expected; UTF-16 with a byte-order mark is decoded with a
 * warning; NUL bytes mean binary (skipped); other invalid UTF-8 is read as Windows-1252, the usual
 * origin of such bytes in scraped news, so no character is lost.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const normalizations: string[] = [];
  const warnings: string[] = [];
  let text: string;

  if (hasBom(bytes, 0xff, 0xfe) || hasBom(bytes, 0xfe, 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      return { ok: false, reason: `not valid ${encoding.toUpperCase()} despite its byte-order mark` };
    }
    warnings.push(`decoded from ${encoding.toUpperCase()} (byte-order mark)`);
  } else {
    if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    const start = hasBom(bytes, 0xef, 0xbb, 0xbf) ? 3 : 0;
    if (start === 3) normalizations.push('bom');
    const body = bytes.subarray(start);
    try {
      text = utf8.decode(body);
    } catch {
      const decoded = decodeWindows1252(body);
      text = decoded.text;
      const undefinedNote = decoded.undefinedBytes > 0 ? ` (${decoded.undefinedBytes} byte(s) it leaves undefined shown as U+FFFD)` : '';
      warnings.push(`not valid UTF-8; read as Windows-1252${undefinedNote}`);
    }
  }

  if (text.includes('\0')) return { ok: false, reason: 'binary file (contains NUL characters)' };
  return { ok: true, ...normalizeText(text, normalizations), warnings };
}

/** Line ends to LF, Unicode to NFC, exactly one final newline. Records each change made. */
export function normalizeText(
  input: string,
  normalizations: string[] = [],
): { text: string; normalizations: string[] } {
  let text = input;
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    normalizations.push('crlf');
  }
  const composed = text.normalize('NFC');
  if (composed !== text) {
    text = composed;
    normalizations.push('nfc');
  }
  if (text.length > 0 && !text.endsWith('\n')) {
    text += '\n';
    normalizations.push('final-newline');
  }
  return { text, normalizations };
}
