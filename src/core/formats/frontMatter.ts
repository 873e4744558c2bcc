/** A Markdown or text file's leading `---` block of YAML metadata (title, outlet, date, url, story). */
import { parse } from 'yaml';

export type FrontMatter =
  | { found: false }
  | { found: true; ok: true; data: Record<string, unknown>; lines: number }
  | { found: true; ok: false; reason: string };

/** Front matter longer than this is not front matter but a document that starts with a rule. */
const MAX_FRONT_MATTER_LINES = 200;

/**
 * Finds the block that opens on the first line with `---` and closes with `---` or `...`;
 * `lines` counts its lines, fences included. The YAML is parsed as data only (the `yaml`
 * package's core schema: no tags that build objects, alias expansion bounded).
 */
export function readFrontMatter(text: string): FrontMatter {
  if (!/^---[ \t]*\n/.test(text)) return { found: false };
  const lines = text.split('\n', MAX_FRONT_MATTER_LINES + 1);
  const close = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (close < 0) return { found: false };
  let data: unknown;
  try {
    data = parse(lines.slice(1, close).join('\n'), { schema: 'core', maxAliasCount: 50 });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { found: true, ok: false, reason: `front matter is not valid YAML (${why}); read as text` };
  }
  if (data === null || data === undefined) return { found: true, ok: true, data: {}, lines: close + 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { found: true, ok: false, reason: 'front matter is not a list of "key: value" lines; read as text' };
  }
  return { found: true, ok: true, data: data as Record<string, unknown>, lines: close + 1 };
}

/** The text with the front matter's lines left empty, so every later line keeps its number. */
export function blankFrontMatter(text: string, lines: number): string {
  let at = 0;
  for (let line = 0; line < lines; line++) at = text.indexOf('\n', at) + 1;
  return '\n'.repeat(lines) + text.slice(at);
}
