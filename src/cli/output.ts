/** Writing plain and JSON output: safe text, emphasis only on a terminal, quiet on a closed pipe. */
import { colorAllowed, prefersUnicode } from '../core/display.js';
import { neutralize, terminalSafeJson } from '../core/sanitize.js';
import type { Range } from '../core/searchIndex.js';

export interface OutputStyle {
  /** Bold/colour for matches: only on a terminal, and never with NO_COLOR. */
  emphasis: boolean;
  /** ASCII markers for control characters (LANG=C, TERM=dumb). */
  ascii: boolean;
}

export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): OutputStyle {
  return { emphasis: Boolean(stream.isTTY) && colorAllowed(env), ascii: !prefersUnicode(env) };
}

/** Passage text for one line of plain output, with matched ranges emphasised when allowed. */
export function formatText(text: string, ranges: readonly Range[], style: OutputStyle): string {
  if (!style.emphasis || ranges.length === 0) return neutralize(text, { ascii: style.ascii });
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += neutralize(text.slice(at, start), { ascii: style.ascii });
    // Bold magenta: yellow, the usual choice, all but vanishes on a light background.
    out += `\u001b[1;35m${neutralize(text.slice(start, end), { ascii: style.ascii })}\u001b[22;39m`;
    at = end;
  }
  return out + neutralize(text.slice(at), { ascii: style.ascii });
}

/** Writes to stdout; a reader that went away (`| head -1`) ends the program quietly. */
export function installPipeGuard(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export function writeLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** What the program changed about a request (a query cut to bound its work), one line on stderr. */
export function writeNotes(notes: readonly string[]): void {
  if (notes.length > 0) process.stderr.write(`crosscheck: ${notes.join('; ')}\n`);
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${terminalSafeJson(JSON.stringify(value, null, 2))}\n`);
}
