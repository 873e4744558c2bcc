/**
 * Loading a corpus into the archive: incremental by a content hash per document, streamed with
 * COPY, one transaction per batch of documents. A run stopped anywhere (killed, server gone)
 * leaves every document either whole in its old version, whole in its new one, or absent, and
 * ingest_state.complete false; the next run compares hashes again and finishes the job.
 */
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { extractCorpusQuotes } from '../quotes/extract.js';
import type { Quote } from '../quotes/types.js';
import type { Corpus, Passage, SourceDocument } from '../types.js';
import { storable, type CopyValue } from './copy.js';
import { writeQuoteGroups } from './groups.js';
import { DROP_TRIGRAM_INDEX, SCHEMA_VERSION, TRIGRAM_INDEX } from './schema.js';
import { storyKey, Work } from './work.js';

export interface IngestProgress {
  phase: 'removing' | 'writing' | 'indexing' | 'grouping';
  documentsDone: number;
  documentsToDo: number;
  passagesWritten: number;
  /** Documents written per second so far in this phase. */
  rate: number;
  /** Estimated from the rate; null until there is one. */
  secondsLeft: number | null;
}

export interface IngestOptions {
  /** Documents per transaction (default 500). */
  batchDocuments?: number;
  /** Part of every content hash: a new version re-writes documents whose analysis may differ. */
  programVersion: string;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Writing at least this many documents, and most of the corpus, drops the trigram index and
   * builds it once at the end: several times faster than updating it row by row (default 5,000).
   */
  bulkDocuments?: number;
  /** Called after each committed batch (tests stop a run here). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface IngestSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Documents and passages the archive holds afterwards. */
  documents: number;
  passages: number;
  passagesWritten: number;
  quotesWritten: number;
  /** Quote groups recomputed (false when nothing changed). */
  grouped: boolean;
  /** Work done, for tests that bound it: statements sent, rows written or deleted. */
  statements: number;
  rowsWritten: number;
}

const BULK_DOCUMENTS = 5000;

const DOCUMENT_COLUMNS = [
  'story', 'source', 'content_hash', 'path', 'title', 'text', 'lines', 'words', 'format', 'record', 'outlet', 'date', 'day', 'url', 'story_name', 'label',
  'normalizations', 'warnings', 'passage_count', 'quote_count',
];
const PASSAGE_COLUMNS = ['story', 'source', 'seq', 'line', 'paragraph', 'sentence', 'start_offset', 'end_offset', 'text'];
const QUOTE_COLUMNS = [
  'story', 'source', 'seq', 'line', 'start_offset', 'end_offset', 'open_mark', 'close_mark', 'paragraphs', 'damage', 'text', 'kind', 'speaker',
  'speaker_pattern', 'speaker_words', 'speaker_written', 'attribution',
];

/** What identifies a document's stored version: everything loading made of it, and the program that made it. */
export function contentHash(document: SourceDocument, programVersion: string): string {
  return createHash('sha256').update(JSON.stringify([SCHEMA_VERSION, programVersion, document])).digest('hex');
}

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

function bySource<T extends { source: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.source);
    if (list) list.push(item);
    else map.set(item.source, [item]);
  }
  return map;
}

interface Plan {
  hashes: Map<string, string>;
  fingerprint: string;
  toWrite: SourceDocument[];
  /** The story each stored document is filed under, by source: its old version is deleted by its key. */
  storedStory: Map<string, string>;
  changed: number;
  /** Stored (story, source) pairs of documents no longer in the corpus. */
  toRemove: Array<[string, string]>;
  finished: boolean;
}

async function plan(work: Work, corpus: Corpus, programVersion: string): Promise<Plan> {
  const hashes = new Map(corpus.documents.map((document) => [document.source, contentHash(document, programVersion)]));
  const fingerprint = createHash('sha256')
    .update([...hashes].map(([source, hash]) => `${source}\t${hash}`).sort().join('\n'))
    .digest('hex');
  work.statements += 2;
  const stored = await work.client.query<{ story: string; source: string; content_hash: string }>('SELECT story, source, content_hash FROM documents');
  const state = await work.client.query<{ fingerprint: string | null; complete: boolean }>('SELECT fingerprint, complete FROM ingest_state');
  const storedBySource = new Map(stored.rows.map((row) => [row.source, row]));
  const toWrite: SourceDocument[] = [];
  let changed = 0;
  for (const document of corpus.documents) {
    const row = storedBySource.get(document.source);
    if (row && row.content_hash === hashes.get(document.source) && row.story === storyKey(document.story)) continue;
    if (row) changed++;
    toWrite.push(document);
  }
  const toRemove: Array<[string, string]> = stored.rows.filter((row) => !hashes.has(row.source)).map((row) => [row.story, row.source]);
  const storedStory = new Map(stored.rows.map((row) => [row.source, row.story]));
  const finished = state.rows[0]?.complete === true && state.rows[0].fingerprint === fingerprint;
  return { hashes, fingerprint, toWrite, storedStory, changed, toRemove, finished };
}

/** Loads `corpus` into the archive (tables from migrate()), writing only what changed since the last run. */
export async function ingestCorpus(client: ClientBase, corpus: Corpus, options: IngestOptions): Promise<IngestSummary> {
  const work = new Work(client);
  const planned = await plan(work, corpus, options.programVersion);
  const { fingerprint, toWrite, changed, toRemove, finished } = planned;
  const summary: IngestSummary = {
    added: toWrite.length - changed,
    changed,
    removed: toRemove.length,
    unchanged: corpus.documents.length - toWrite.length,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    passagesWritten: 0,
    quotesWritten: 0,
    grouped: false,
    statements: 0,
    rowsWritten: 0,
  };
  if (toWrite.length > 0 || toRemove.length > 0 || !finished) {
    await work.query(
      `INSERT INTO ingest_state (corpus_root, complete, started_at) VALUES ($1, false, now())
       ON CONFLICT (singleton) DO UPDATE SET corpus_root = EXCLUDED.corpus_root, complete = false, started_at = now(), finished_at = NULL`,
      [corpus.root],
    );
    const bulk = toWrite.length >= (options.bulkDocuments ?? BULK_DOCUMENTS) && toWrite.length * 2 > corpus.documents.length;
    // Until the index is built again, search falls back to scanning; ingest_state says the archive is unfinished.
    if (bulk) await work.query(DROP_TRIGRAM_INDEX);
    await removeDocuments(work, toRemove, options);
    const quotes = bySource(extractCorpusQuotes(corpus));
    const written = await writeDocuments(work, corpus, planned, quotes, options);
    summary.passagesWritten = written.passages;
    summary.quotesWritten = written.quotes;
    // A run stopped after dropping the index builds it here (IF NOT EXISTS: nothing to do otherwise).
    if (bulk) options.onProgress?.({ phase: 'indexing', documentsDone: toWrite.length, documentsToDo: toWrite.length, passagesWritten: written.passages, rate: 0, secondsLeft: null });
    await work.query("SET maintenance_work_mem = '256MB'");
    await work.query(TRIGRAM_INDEX);
    options.onProgress?.({ phase: 'grouping', documentsDone: toWrite.length, documentsToDo: toWrite.length, passagesWritten: written.passages, rate: 0, secondsLeft: null });
    await work.transaction(async () => {
      await writeQuoteGroups(work, quotes);
      await work.query('UPDATE ingest_state SET fingerprint = $1, complete = true, finished_at = now(), documents = $2, passages = $3', [
        fingerprint,
        corpus.documents.length,
        corpus.passages.length,
      ]);
    });
    summary.grouped = true;
  }
  summary.statements = work.statements;
  summary.rowsWritten = work.rowsWritten;
  return summary;
}

function progressOf(phase: IngestProgress['phase'], done: number, toDo: number, passagesWritten: number, startedMs: number): IngestProgress {
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  return { phase, documentsDone: done, documentsToDo: toDo, passagesWritten, rate, secondsLeft: rate > 0 ? (toDo - done) / rate : null };
}

/** Deletes documents by key; their passages and quotes go with them (ON DELETE CASCADE). */
async function deleteDocuments(work: Work, keys: ReadonlyArray<readonly [string, string]>): Promise<void> {
  work.rowsWritten += await work.query('DELETE FROM documents WHERE (story, source) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
    keys.map(([story]) => story),
    keys.map(([, source]) => source),
  ]);
}

async function removeDocuments(work: Work, toRemove: ReadonlyArray<[string, string]>, options: IngestOptions): Promise<void> {
  const size = options.batchDocuments ?? 500;
  const started = performance.now();
  for (let start = 0; start < toRemove.length; start += size) {
    const batch = toRemove.slice(start, start + size);
    // One statement, so one transaction.
    await deleteDocuments(work, batch);
    options.onProgress?.(progressOf('removing', start + batch.length, toRemove.length, 0, started));
  }
}

async function writeDocuments(
  work: Work,
  corpus: Corpus,
  { toWrite, hashes, storedStory }: Plan,
  quotes: ReadonlyMap<string, Quote[]>,
  options: IngestOptions,
): Promise<{ passages: number; quotes: number }> {
  const size = options.batchDocuments ?? 500;
  const passages = bySource(corpus.passages);
  const started = performance.now();
  const written = { passages: 0, quotes: 0 };
  for (let start = 0, batchNumber = 1; start < toWrite.length; start += size, batchNumber++) {
    const batch = toWrite.slice(start, start + size);
    await work.transaction(async () => {
      // A changed document's old version (and its passages and quotes) goes in the same transaction as the new one comes.
      const old = batch.filter((document) => storedStory.has(document.source));
      if (old.length > 0) await deleteDocuments(work, old.map((document) => [storedStory.get(document.source)!, document.source]));
      await work.copy(
        'documents',
        DOCUMENT_COLUMNS,
        batch.map((document) =>
          documentRow(document, hashes.get(document.source)!, passages.get(document.source)?.length ?? 0, quotes.get(document.source)?.length ?? 0),
        ),
      );
      written.passages += await work.copy('passages', PASSAGE_COLUMNS, batch.flatMap((document) => (passages.get(document.source) ?? []).map(passageRow)));
      written.quotes += await work.copy('quotes', QUOTE_COLUMNS, batch.flatMap((document) => (quotes.get(document.source) ?? []).map(quoteRow)));
    });
    options.onProgress?.(progressOf('writing', start + batch.length, toWrite.length, written.passages, started));
    await options.afterBatch?.(batchNumber);
  }
  return written;
}
