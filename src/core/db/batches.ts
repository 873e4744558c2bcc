/**
 * Writing documents in batches, one transaction each, as they are read: the next batch is read,
 * compared with the archive by content hash, and its new and changed documents analysed (passages,
 * quotes) and encoded in slices while the server takes the batch before it. The client holds two
 * batches of documents at most, whatever the corpus's size.
 */
import { createHash } from 'node:crypto';
import { passagesOf } from '../passages.js';
import { extractCorpusQuoteSteps } from '../quotes/extract.js';
import type { Quote } from '../quotes/types.js';
import { runAtOnce, runInSlices, type Steps } from '../slices.js';
import type { Passage, SourceDocument } from '../types.js';
import { CopyText, storable, type CopyValue } from './copy.js';
import type { IngestOptions, IngestProgress } from './ingest.js';
import type { IngestInput } from './input.js';
import { SCHEMA_VERSION } from './schema.js';
import { storyKey, type Work } from './work.js';

const DOCUMENT_COLUMNS = [
  'story', 'source', 'content_hash', 'path', 'title', 'text', 'lines', 'words', 'format', 'record', 'outlet', 'date', 'day', 'url', 'story_name', 'label',
  'normalizations', 'warnings', 'passage_count', 'quote_count',
];
const PASSAGE_COLUMNS = ['story', 'source', 'seq', 'line', 'paragraph', 'sentence', 'start_offset', 'end_offset', 'text'];
const QUOTE_COLUMNS = [
  'story', 'source', 'seq', 'line', 'start_offset', 'end_offset', 'open_mark', 'close_mark', 'paragraphs', 'damage', 'text', 'kind', 'speaker',
  'speaker_pattern', 'speaker_words', 'speaker_written', 'attribution',
];

/** Documents per transaction unless told otherwise. */
export const BATCH_DOCUMENTS = 500;

function documentRow(document: SourceDocument, hash: string, passages: number, quotes: number): CopyValue[] {
  const warnings = document.text.includes('\0') ? [...document.warnings, 'NUL characters stored as \u2400 (PostgreSQL text cannot hold NUL)'] : document.warnings;
  return [
    storyKey(document.story), document.source, hash, document.path, document.title, document.text, document.lines, document.words, document.format,
    document.record, document.outlet, document.date, document.day, document.url, document.storyName, document.label,
    storable(JSON.stringify(document.normalizations)), storable(JSON.stringify(warnings)), passages, quotes,
  ];
}

function passageRow(passage: Passage, seq: number): CopyValue[] {
  return [storyKey(passage.story), passage.source, seq, passage.line, passage.paragraph, passage.sentence, passage.start, passage.end, passage.text];
}

function quoteRow(quote: Quote, seq: number): CopyValue[] {
  const evidence = quote.speakerEvidence;
  return [
    storyKey(quote.story), quote.source, seq, quote.line, quote.span.start, quote.span.end, quote.span.openMark, quote.span.closeMark,
    quote.span.paragraphs, JSON.stringify(quote.span.damage), quote.text, quote.kind, quote.speaker, evidence?.pattern ?? null,
    evidence?.text ?? null, evidence?.written ?? null, quote.attribution,
  ];
}

/** What identifies a document's stored version: everything loading made of it, and the program that made it. */
export function contentHash(document: SourceDocument, programVersion: string): string {
  return createHash('sha256').update(JSON.stringify([SCHEMA_VERSION, programVersion, document])).digest('hex');
}

/** A document as the archive held it before the run. */
export interface StoredDocument {
  story: string;
  hash: string;
  passages: number;
  quotes: number;
}

/** What a run counts as the documents go past, in corpus order. */
export class Tally {
  added = 0;
  changed = 0;
  unchanged = 0;
  /** Passages the archive holds afterwards. */
  passages = 0;
  passagesWritten = 0;
  quotesWritten = 0;
  documentsWritten = 0;
  documentsSeen = 0;
  /** `source\thash` of every document: the run's fingerprint. */
  readonly hashes: string[] = [];
  /** (story as stored, source) of the documents this run writes: their words go into the vocabulary. */
  readonly written: Array<[string, string]> = [];
  /** Stories (as stored) whose quotes this run changed: their groups are computed again. */
  readonly touched = new Set<string>();
  /** Quotes per story (as stored) after the run, to read them back in chunks for grouping. */
  readonly storyQuotes = new Map<string, number>();
  /** Quotes of each top-level document (story ''), in corpus order: they are grouped in slices. */
  readonly topLevelQuotes: Array<[string, number]> = [];
  countQuotes(story: string, source: string, quotes: number): void {
    this.storyQuotes.set(story, (this.storyQuotes.get(story) ?? 0) + quotes);
    if (story === '' && quotes > 0) this.topLevelQuotes.push([source, quotes]);
  }
  fingerprint(): string {
    return createHash('sha256').update(this.hashes.sort().join('\n')).digest('hex');
  }
}

/** What preparing a batch needs: the archive as it was, the program version, the tally. */
export interface BatchContext {
  stored: ReadonlyMap<string, StoredDocument>;
  programVersion: string;
  tally: Tally;
}

interface PreparedBatch {
  /** Documents read (all released once the batch is written). */
  read: number;
  /** Documents to write (new or changed). */
  documents: number;
  /** Stored keys of the batch's changed documents: their old versions go. */
  old: Array<[string, string]>;
  rows: { documents: CopyText; passages: CopyText; quotes: CopyText };
}

/** One document's rows when it is new or changed; tallied either way. */
function prepareDocument(document: SourceDocument, { stored, programVersion, tally }: BatchContext, batch: PreparedBatch): void {
  const hash = contentHash(document, programVersion);
  const story = storyKey(document.story);
  tally.hashes.push(`${document.source}\t${hash}`);
  tally.documentsSeen++;
  const before = stored.get(document.source);
  if (before && before.hash === hash && before.story === story) {
    tally.unchanged++;
    tally.passages += before.passages;
    tally.countQuotes(story, document.source, before.quotes);
    return;
  }
  if (before) {
    tally.changed++;
    batch.old.push([before.story, document.source]);
    tally.touched.add(before.story);
  } else tally.added++;
  tally.touched.add(story);
  tally.written.push([story, document.source]);
  const passages = passagesOf(document.text, document.source, document.story, 0);
  const quotes = runAtOnce(extractCorpusQuoteSteps({ root: '', documents: [document], passages, warnings: [], stories: [], ignoredFiles: 0 }));
  tally.passages += passages.length;
  tally.countQuotes(story, document.source, quotes.length);
  batch.documents++;
  batch.rows.documents.add(documentRow(document, hash, passages.length, quotes.length));
  passages.forEach((passage, seq) => batch.rows.passages.add(passageRow(passage, seq)));
  quotes.forEach((quote, seq) => batch.rows.quotes.add(quoteRow(quote, seq)));
}

/** Reads the input's next batch and prepares the rows of its new and changed documents; null at the corpus's end. */
function* prepareBatch(input: IngestInput, size: number, context: BatchContext): Steps<PreparedBatch | null> {
  const documents = yield* input.nextBatch(size);
  if (documents.length === 0) return null;
  const batch: PreparedBatch = { read: documents.length, documents: 0, old: [], rows: { documents: new CopyText(), passages: new CopyText(), quotes: new CopyText() } };
  for (const document of documents) {
    prepareDocument(document, context, batch);
    yield;
  }
  return batch;
}

export function progressOf(phase: IngestProgress['phase'], done: number, toDo: number, passagesWritten: number, startedMs: number): IngestProgress {
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  return { phase, documentsDone: done, documentsToDo: toDo, passagesWritten, rate, secondsLeft: rate > 0 ? (toDo - done) / rate : null };
}

/** Deletes documents by key; their passages and quotes go with them (ON DELETE CASCADE). */
export async function deleteDocuments(work: Work, keys: ReadonlyArray<readonly [string, string]>): Promise<void> {
  work.rowsWritten += await work.query('DELETE FROM documents WHERE (story, source) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
    keys.map(([story]) => story),
    keys.map(([, source]) => source),
  ]);
}

/** One batch in one transaction: a changed document's old version goes as its new one comes. */
async function writeBatch(work: Work, batch: PreparedBatch): Promise<{ passages: number; quotes: number }> {
  return work.transaction(async () => {
    if (batch.old.length > 0) await deleteDocuments(work, batch.old);
    await work.copyEncoded('documents', DOCUMENT_COLUMNS, batch.rows.documents);
    const passages = await work.copyEncoded('passages', PASSAGE_COLUMNS, batch.rows.passages);
    const quotes = await work.copyEncoded('quotes', QUOTE_COLUMNS, batch.rows.quotes);
    return { passages, quotes };
  });
}

/** Each batch prepared (in slices) while the one before it is written, until `prepare` finds no more. */
async function pipelined<T>(prepare: () => Steps<T | null>, write: (prepared: T) => Promise<void>): Promise<void> {
  let next = runInSlices(prepare());
  for (;;) {
    const prepared = await next;
    if (prepared === null) return;
    next = runInSlices(prepare());
    // Both are settled before either's failure is thrown: a preparation that fails (a file gone) must
    // not return while the write's transaction is still open on the connection.
    const [written, read] = await Promise.allSettled([write(prepared), next]);
    if (written.status === 'rejected') throw written.reason;
    if (read.status === 'rejected') throw read.reason;
  }
}

/** What the run does before its first write (marks the archive unfinished, drops what a bulk load rebuilds) and after each batch. */
export interface BatchHooks {
  beforeWrite(): Promise<void>;
  afterWrite(): Promise<void>;
}

/**
 * Reads the whole input in batches, compares each document with its stored version and writes the
 * new and changed ones, each batch in one transaction, prepared while the one before it is written.
 */
export async function writeDocuments(work: Work, input: IngestInput, context: BatchContext, options: IngestOptions, hooks: BatchHooks): Promise<void> {
  const size = options.batchDocuments ?? BATCH_DOCUMENTS;
  const started = performance.now();
  const { tally } = context;
  const toDo = input.sources.length;
  let written = 0;
  await pipelined(
    () => prepareBatch(input, size, context),
    async (batch) => {
      if (batch.documents > 0) {
        await hooks.beforeWrite();
        const counts = await writeBatch(work, batch);
        tally.passagesWritten += counts.passages;
        tally.quotesWritten += counts.quotes;
        tally.documentsWritten += batch.documents;
        await options.afterBatch?.(++written);
        await hooks.afterWrite();
      }
      input.held.release(batch.read);
      options.onProgress?.(progressOf('writing', tally.documentsSeen, toDo, tally.passagesWritten, started));
    },
  );
}
