/**
 * JSON Lines (.jsonl, .ndjson): one article a line. The file is read in chunks, never whole, so a
 * gigabyte of JSON Lines costs one chunk and one record of memory beyond the documents it holds;
 * a line over the per-record cap is skipped without being kept.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Steps } from '../slices.js';
import type { SourceDocument } from '../types.js';
import { MAX_RECORD_BYTES, recordDocument, recordWarning, type RecordContext } from './records.js';

export const CHUNK_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

export interface JsonlOptions {
  maxRecordBytes?: number;
  chunkBytes?: number;
  /** Told the size of every read (tests check that no read is larger than a chunk). */
  onRead?: (bytes: number) => void;
}

/** Every document of a JSON Lines file, pausing after each chunk; throws only when the file cannot be opened. */
export function* jsonlDocuments(context: RecordContext, options: JsonlOptions = {}): Steps<SourceDocument[]> {
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const chunk = Buffer.alloc(options.chunkBytes ?? CHUNK_BYTES);
  const documents: SourceDocument[] = [];
  // Non-blocking: a file swapped for a named pipe after listing must not hang the open.
  const descriptor = openSync(context.file.open, constants.O_RDONLY | constants.O_NONBLOCK | (context.file.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let tooLong = false;
    let line = 1;
    const finishLine = (whole?: Buffer): void => {
      const lineNumber = line++;
      if (tooLong) {
        recordWarning(context, lineNumber, `record too large (over ${maxRecordBytes / 1024 / 1024} MiB); skipped`);
      } else if (whole !== undefined || pendingBytes > 0) {
        const bytes = whole ?? (pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
        const document = parseLine(bytes, lineNumber, context);
        if (document) documents.push(document);
      }
      pending = [];
      pendingBytes = 0;
      tooLong = false;
    };
    for (;;) {
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      options.onRead?.(read);
      if (read === 0) break;
      let at = 0;
      while (at < read) {
        const newline = chunk.indexOf(0x0a, at);
        const end = newline < 0 || newline >= read ? read : newline;
        if (end < read && pendingBytes === 0 && !tooLong && end - at <= maxRecordBytes) {
          // The usual case, a whole line inside this chunk: parsed in place, no copy.
          finishLine(chunk.subarray(at, end));
          at = end + 1;
          continue;
        }
        if (!tooLong) {
          if (pendingBytes + (end - at) > maxRecordBytes) {
            tooLong = true;
            pending = [];
            pendingBytes = 0;
          } else if (end > at) {
            // Copied: the chunk buffer is reused by the next read.
            pending.push(Buffer.from(chunk.subarray(at, end)));
            pendingBytes += end - at;
          }
        }
        if (end === read) break;
        finishLine();
        at = end + 1;
      }
      yield;
    }
    if (pendingBytes > 0 || tooLong) finishLine();
  } finally {
    closeSync(descriptor);
  }
  return documents;
}

function parseLine(bytes: Buffer, line: number, context: RecordContext): SourceDocument | null {
  // A byte-order mark on the first line, and CR of CRLF line ends, are not part of the record.
  let start = line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let end = bytes.length;
  if (bytes[end - 1] === 0x0d) end--;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
  if (start >= end) return null;
  const body = bytes.subarray(start, end);
  let json: string;
  let repaired = false;
  try {
    json = utf8.decode(body);
  } catch {
    json = windows1252.decode(body);
    repaired = true;
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Unexpected/, 'unexpected') : 'invalid';
    recordWarning(context, line, `invalid JSON (${why.slice(0, 120)})`);
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    recordWarning(context, line, 'not a JSON object (one article a line is expected)');
    return null;
  }
  const document = recordDocument(value as Record<string, unknown>, line, context);
  if (document && repaired) {
    document.warnings.push('not valid UTF-8; read as Windows-1252');
    recordWarning(context, line, 'not valid UTF-8; read as Windows-1252', false);
  }
  return document;
}
