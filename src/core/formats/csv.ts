/**
 * CSV and TSV with a header row: one article a row, columns named as in JSON Lines. Parsed by
 * csv-parse (quoted fields, embedded newlines, doubled quotes, a byte-order mark), fed in chunks
 * so a large export is never held whole; a row with the wrong number of fields is reported and
 * skipped.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import type { Steps } from '../slices.js';
import type { SourceDocument } from '../types.js';
import { CHUNK_BYTES } from './jsonl.js';
import { MAX_RECORD_BYTES, recordDocument, recordWarning, type RecordContext } from './records.js';

interface ParsedRow {
  record: Record<string, string>;
  raw: string;
  info: { bytes: number };
}

/** Where each line starts, to turn the parser's byte offsets into the line a row starts on. */
class LineCounter {
  private readonly newlines: number[] = [];

  add(chunk: Buffer, offset: number): void {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.newlines.push(offset + at);
  }

  /** 1-based line of the byte at `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }
}

const LEADING_LINE_ENDS = /^[\r\n]*/;

export function* csvDocuments(context: RecordContext, delimiter: ',' | '\t', options: { chunkBytes?: number } = {}): Steps<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  const lines = new LineCounter();
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((name) => name.trim()),
    delimiter,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const reason =
        error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? `row has ${String((error as CsvError & { record?: unknown[] }).record?.length ?? 'a different number of')} fields, the header ${String((error as CsvError & { columns?: unknown[] }).columns?.length ?? 'another number')}`
          : error.message;
      recordWarning(context, Number(error.lines) || 1, reason);
    },
  });
  const take = (): void => {
    for (let row = parser.read() as ParsedRow | null; row !== null; row = parser.read() as ParsedRow | null) {
      // The row's raw text ends where the parser stands; it may start with the previous row's line end.
      const rawBytes = Buffer.byteLength(row.raw);
      const leading = Buffer.byteLength(LEADING_LINE_ENDS.exec(row.raw)![0]);
      const line = lines.lineAt(row.info.bytes - rawBytes + leading);
      const document = recordDocument(row.record, line, context);
      if (document) documents.push(document);
    }
  };
  const descriptor = openSync(context.file.open, constants.O_RDONLY | constants.O_NONBLOCK | (context.file.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    if (!fstatSync(descriptor).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const chunk = Buffer.alloc(options.chunkBytes ?? CHUNK_BYTES);
    let offset = 0;
    for (;;) {
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const piece = Buffer.from(chunk.subarray(0, read));
      lines.add(piece, offset);
      offset += read;
      parser.write(piece);
      take();
      yield;
    }
    parser.end();
    take();
  } catch (error) {
    // csv-parse throws on what it cannot skip (a header it cannot read); the rows read so far stay.
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_'))) throw error;
    recordWarning(context, 1, error.message);
  } finally {
    closeSync(descriptor);
  }
  return documents;
}
