/** The archive's rows read back as the in-memory model (types.ts). */
import type { DocumentInfo } from '../searchService.js';
import type { Passage, SourceDocument } from '../types.js';

/** Every document column but its text (lists and search results do not need it). */
export const DOCUMENT_INFO_COLUMNS =
  'd.story, d.source, d.path, d.title, d.lines, d.words, d.format, d.record, d.outlet, d.date, d.day, d.url, d.story_name, d.label, d.normalizations, d.warnings, d.passage_count';

/** A documents row: the document's own fields, the story as stored, and its passage count. */
export type DocumentRow = Omit<SourceDocument, 'story' | 'storyName' | 'text'> & {
  story: string;
  story_name: string | null;
  text?: string;
  passage_count: number;
};

/** The story column holds '' for top-level documents (a distribution column holds no NULL). */
export const storyOf = (story: string): string | null => (story === '' ? null : story);

export function documentInfoOf(row: DocumentRow): DocumentInfo {
  const { story, story_name: storyName, passage_count: _passages, text: _text, ...fields } = row;
  return { ...fields, story: storyOf(story), storyName };
}

/** A whole document, text included, as loading made it (field order as the loader builds it, for equal JSON). */
export function documentOf(row: DocumentRow & { text: string }): SourceDocument {
  const info = documentInfoOf(row);
  return { ...info, text: row.text };
}

export interface PassageRow {
  story: string;
  source: string;
  line: number;
  paragraph: number;
  sentence: number;
  start_offset: number;
  end_offset: number;
  text: string;
}

export function passageOf(row: PassageRow, id: number): Passage {
  return {
    id,
    source: row.source,
    story: storyOf(row.story),
    line: row.line,
    paragraph: row.paragraph,
    sentence: row.sentence,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
  };
}
