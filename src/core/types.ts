/** The data model shared by every layer: files -> documents -> passages. */

/** Something about a file the user should know: why it was skipped, or how it was repaired. */
export interface LoadWarning {
  /** Path relative to the corpus root (or absolute when outside it). */
  file: string;
  reason: string;
  /** true when the file was left out of the corpus; false when it loaded after a repair. */
  skipped: boolean;
  /** For one bad record of a JSON Lines or CSV file: the 1-based line of the file where it starts. */
  line?: number;
}

/** How a document was read: a whole text file, one record of a JSON Lines or CSV file, or an HTML page. */
export type DocumentFormat = 'text' | 'jsonl' | 'csv' | 'html';

/** One article, decoded and normalised. */
export interface SourceDocument {
  /** Path under the corpus root without its extension, '/'-separated: the citation name; unique. */
  source: string;
  /** The sub-folder holding the file when the corpus is organised by story; null at the top level. */
  story: string | null;
  /** Absolute path of the file on disk (a name byte that is not UTF-8 written as `\xFF`). */
  path: string;
  title: string;
  /** Normalised text: BOM removed, LF line ends, Unicode NFC, ending in a newline. */
  text: string;
  /** Number of lines in the file. */
  lines: number;
  words: number;
  /** What loading changed on the way in ("crlf", "bom", "nfc", "final-newline", ...). */
  normalizations: string[];
  warnings: string[];
  format: DocumentFormat;
  /**
   * For records (JSON Lines, CSV): the 1-based line of the file where the record starts (so
   * `vim +RECORD FILE` opens it); the passages' lines count within the record's text. null otherwise.
   */
  record: number | null;
  /** From the record, front matter or page; null when unknown. */
  outlet: string | null;
  /** The publication date as the source writes it; null when unknown. */
  date: string | null;
  /** `date` as YYYY-MM-DD when it is unambiguous (formats/dates.ts); null otherwise. */
  day: string | null;
  url: string | null;
  /** The story's name when the metadata gives one (BASIL's main-event, story_name...). */
  storyName: string | null;
  /** The short name shown for this source (labels.ts): its outlet, a date or an id part when needed. */
  label: string;
}

/** A sentence (or a quotation kept whole) with the place it came from. */
export interface Passage {
  /** Position in Corpus.passages. */
  id: number;
  source: string;
  story: string | null;
  /** 1-based line of the file where the passage starts: `source:line` cites it. */
  line: number;
  /** 1-based paragraph number within the document. */
  paragraph: number;
  /** 1-based sentence number within the paragraph. */
  sentence: number;
  /** The passage text; line breaks inside it (hard-wrapped files) are joined by a single space. */
  text: string;
  /** Offsets of the passage in its document's normalised text. */
  start: number;
  end: number;
}

export interface Corpus {
  /** The folder (or file) that was loaded. */
  root: string;
  documents: SourceDocument[];
  passages: Passage[];
  warnings: LoadWarning[];
  /** Story names in sorted order; empty when the corpus has no sub-folders. */
  stories: string[];
  /** Files present but not of a loadable kind (.txt, .md, .jsonl, .ndjson, .csv, .tsv, .html, .htm). */
  ignoredFiles: number;
}
