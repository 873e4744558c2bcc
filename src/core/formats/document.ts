/** What every loader hands back: one article with its metadata, ready to be split into passages. */
import { countWords, titleOf } from '../passages.js';
import type { DocumentFormat, SourceDocument } from '../types.js';
import { dayOf } from './dates.js';
import type { RecordFields } from './fields.js';

/** Metadata a loader found; any of it may be missing. */
export type Metadata = Partial<Omit<RecordFields, 'text' | 'id'>>;

/** The metadata of a record's fields, without its text and id and without the keys it lacks. */
export function metadataOf(fields: RecordFields): Metadata {
  const metadata: Metadata = {};
  for (const key of ['title', 'outlet', 'date', 'url', 'story', 'storyName'] as const) {
    const value = fields[key];
    if (value !== null) metadata[key] = value;
  }
  return metadata;
}

export interface DocumentParts {
  source: string;
  /** The story given by the folder, used when the metadata names none. */
  folderStory: string | null;
  path: string;
  format: DocumentFormat;
  record: number | null;
  /** Normalised text (LF, NFC, final newline). */
  text: string;
  metadata: Metadata;
  normalizations: string[];
  warnings: string[];
}

export function documentOf(parts: DocumentParts): SourceDocument {
  const { metadata, text } = parts;
  const date = metadata.date ?? null;
  return {
    source: parts.source,
    story: metadata.story ?? parts.folderStory,
    path: parts.path,
    title: metadata.title ?? titleOf(text),
    text,
    lines: text.split('\n').length - 1,
    words: countWords(text),
    normalizations: parts.normalizations,
    warnings: parts.warnings,
    format: parts.format,
    record: parts.record,
    outlet: metadata.outlet ?? null,
    date,
    day: dayOf(date),
    url: metadata.url ?? null,
    storyName: metadata.storyName ?? null,
    label: parts.source,
  };
}
