/**
 * Output formats shared by every command (--format): text for people, json for scripts, jsonl and
 * csv for data tools, markdown for notes, quickfix (`path:line:col: text`) for `vim -q`.
 */
import { citationOf, fileLocationOf } from '../core/citations.js';
import { neutralize, terminalSafeJson } from '../core/sanitize.js';
import type { DocumentInfo } from '../core/searchService.js';
import { UsageError, stringOption, type OptionValues } from './command.js';
import { writeJson, writeLine, type OutputStyle } from './output.js';

export const OUTPUT_FORMATS = ['text', 'json', 'jsonl', 'csv', 'markdown', 'quickfix'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_HELP = `--format F     text (default), json, jsonl (one object a line), csv (a header row),
                 markdown (a table), quickfix (path:line:col: text, for vim -q); --json = --format json`;

/** --format, or --json, or text. */
export function formatOption(values: OptionValues): OutputFormat {
  const format = stringOption(values, 'format');
  if (format === undefined) return values.json ? 'json' : 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}" (one of ${OUTPUT_FORMATS.join(', ')})`);
  }
  if (values.json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; give one`);
  return format as OutputFormat;
}

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** A type alias, not an interface, so that it is a Row. */
export type SourceFields = {
  source: string;
  label: string;
  outlet: string | null;
  title: string | null;
  date: string | null;
  url: string | null;
  /** Relative to the working folder when inside it, else absolute. */
  path: string | null;
  record: number | null;
};

/** What a source is, for every format: its label and where it is. */
export function sourceFields(document: DocumentInfo | undefined, source: string): SourceFields {
  if (!document) return { source, label: source, outlet: null, title: null, date: null, url: null, path: null, record: null };
  return {
    source,
    label: document.label,
    outlet: document.outlet,
    title: document.title,
    date: document.date,
    url: document.url,
    path: citationPath(document),
    record: document.record,
  };
}

function citationPath(document: DocumentInfo): string {
  return fileLocationOf(document, 1).path;
}

/** A path for one line of output: a line break in a file name shows as a marker, not a space. */
function safePath(text: string, style: OutputStyle): string {
  return neutralize(text.replace(/[\r\n\t]/g, (char) => (style.ascii ? `^${String.fromCharCode(char.charCodeAt(0) + 64)}` : String.fromCodePoint(0x2400 + char.charCodeAt(0)))), { ascii: style.ascii });
}

/**
 * `PATH:LINE: ` (or `PATH#RECORD:LINE: `), then `[LABEL] ` when the path does not already say
 * it: what starts a line of plain output.
 */
export function plainPrefix(document: DocumentInfo | undefined, source: string, line: number, style: OutputStyle, lines?: string): string {
  if (!document) return `${neutralize(source, { ascii: style.ascii })}:${lines ?? line}: `;
  const citation = lines === undefined ? citationOf(document, line) : citationOf(document, line).replace(/\d+$/, lines);
  const label = citation.includes(document.label) ? '' : `[${neutralize(document.label, { ascii: style.ascii })}] `;
  return `${safePath(citation, style)}: ${label}`;
}

/** One quickfix line: vim's default errorformat reads `%f:%l:%c: %m`. */
export function quickfixLine(document: DocumentInfo | undefined, line: number, text: string, style: OutputStyle): string | null {
  if (!document) return null;
  const location = fileLocationOf(document, line);
  const label = location.path.includes(document.label) ? '' : `[${document.label}] `;
  const message = `${label}${text}`.replace(/\s+/g, ' ');
  return `${safePath(location.path, style)}:${location.line}:1: ${neutralize(message, { ascii: style.ascii })}`;
}

/**
 * RFC 4180: every text field quoted, quotes doubled, line breaks kept inside the quotes. Control
 * characters become visible markers as in plain output (CSV has no escapes of its own).
 */
function csvCell(value: Cell, style: OutputStyle): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return `"${neutralize(value, { ascii: style.ascii, keepNewlines: true }).replace(/"/g, '""')}"`;
}

function markdownCell(value: Cell, style: OutputStyle): string {
  if (value === null) return '';
  return neutralize(String(value), { ascii: style.ascii }).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

export interface Output {
  /** The --format json document. */
  json: unknown;
  /** One flat row per item, for jsonl, csv and markdown. */
  rows: Row[];
  /** The quickfix lines (already formatted). */
  quickfix: string[];
  /** Plain text for people. */
  text: () => void;
}

export function emit(format: OutputFormat, output: Output, style: OutputStyle): void {
  switch (format) {
    case 'text':
      output.text();
      return;
    case 'json':
      writeJson(output.json);
      return;
    case 'jsonl':
      for (const row of output.rows) writeLine(terminalSafeJson(JSON.stringify(row)));
      return;
    case 'csv': {
      const columns = columnsOf(output.rows);
      writeLine(columns.map((column) => csvCell(column, style)).join(','));
      for (const row of output.rows) writeLine(columns.map((column) => csvCell(row[column] ?? null, style)).join(','));
      return;
    }
    case 'markdown': {
      const columns = columnsOf(output.rows);
      writeLine(`| ${columns.join(' | ')} |`);
      writeLine(`|${columns.map(() => '---').join('|')}|`);
      for (const row of output.rows) writeLine(`| ${columns.map((column) => markdownCell(row[column] ?? null, style)).join(' | ')} |`);
      return;
    }
    case 'quickfix':
      for (const line of output.quickfix) writeLine(line);
      return;
  }
}

function columnsOf(rows: readonly Row[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}
