/** Rows streamed into a table with COPY FROM STDIN (text format), with the pipe's backpressure. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null;

/**
 * PostgreSQL text cannot hold U+0000: it is stored as U+2400 (␀, the symbol crosscheck shows for
 * it anyway). Every other character is stored exactly.
 */
export const NUL_STAND_IN = '\u2400';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': NUL_STAND_IN };

const NEEDS_ESCAPE = /[\\\n\r\t\0]/;

/** One field of COPY's text format: backslash, tab and line breaks escaped, null as \N. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  // Most fields need no escape: tested first, so they are not copied by replace().
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\n\r\t\0]/g, (char) => ESCAPES[char]!) : value;
}

/** A text (or JSON) value as it is stored: NUL replaced as in copyField. */
export function storable(text: string): string {
  return text.replaceAll('\0', NUL_STAND_IN);
}

/** Rows joined into chunks of about this many characters before they are written. */
const CHUNK_CHARS = 64 * 1024;

/** Rows encoded in COPY's text format ahead of sending (a batch is encoded while the one before it is written). */
export class CopyText {
  readonly chunks: string[] = [];
  rows = 0;
  private chunk = '';
  add(row: readonly CopyValue[]): void {
    let line = row.length > 0 ? copyField(row[0]!) : '';
    for (let column = 1; column < row.length; column++) line += `\t${copyField(row[column]!)}`;
    this.chunk += `${line}\n`;
    this.rows++;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }
  /** The encoded text, in chunks. */
  finish(): string[] {
    this.flush();
    return this.chunks;
  }
  private flush(): void {
    if (this.chunk !== '') this.chunks.push(this.chunk);
    this.chunk = '';
  }
}

function* lines(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  const text = new CopyText();
  for (const row of rows) {
    text.add(row);
    // Handed on as soon as a chunk is full, so a large table is never held encoded whole.
    if (text.chunks.length > 0) yield* text.chunks.splice(0);
  }
  yield* text.finish();
}

/** Streams text in COPY's format into `table (columns)`; returns the rows PostgreSQL took. */
export async function copyText(client: ClientBase, table: string, columns: readonly string[], chunks: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

/** Streams `rows` into `table (columns)`; returns the rows PostgreSQL took. */
export function copyRows(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  return copyText(client, table, columns, lines(rows));
}
