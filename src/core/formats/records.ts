/** One record of a JSON Lines or CSV file as a document: shared by both loaders. */
import { normalizeText } from '../decode.js';
import type { LoadWarning, SourceDocument } from '../types.js';
import { documentOf, metadataOf } from './document.js';
import { readFields, type FieldMap, type FieldUse } from './fields.js';

/** A record longer than this is skipped (a news article is kilobytes; megabytes are a dump or a broken line). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export interface RecordFile {
  absolute: string;
  /** What opens the file: its path as bytes (a name need not be valid UTF-8). */
  open: Buffer | string;
  /** Opened without following a link (a walked file, already resolved). */
  noFollow: boolean;
  /** '/'-separated path under the corpus root. */
  relative: string;
  /** The relative path without its extension: records without an id are cited as `BASE#LINE`. */
  base: string;
  folderStory: string | null;
}

export interface RecordContext {
  file: RecordFile;
  format: 'jsonl' | 'csv';
  fields: FieldMap;
  use: FieldUse;
  warnings: LoadWarning[];
}

export function recordWarning(context: RecordContext, line: number, reason: string, skipped = true): void {
  context.warnings.push({ file: context.file.relative, line, reason, skipped });
}

/** The document of one record that starts on `line` of its file, or null (reported) when it has no text. */
export function recordDocument(record: Record<string, unknown>, line: number, context: RecordContext): SourceDocument | null {
  context.use.note(record);
  const fields = readFields(record, context.fields);
  if (fields.text === null || fields.text.trim() === '') {
    const tried = context.fields.text.join(', ');
    recordWarning(context, line, `no article text (empty or missing field: ${tried})`);
    return null;
  }
  const { text, normalizations } = normalizeText(fields.text);
  return documentOf({
    source: fields.id ?? `${context.file.base}#${line}`,
    folderStory: context.file.folderStory,
    path: context.file.absolute,
    format: context.format,
    record: line,
    text,
    metadata: metadataOf(fields),
    normalizations,
    warnings: [],
  });
}
