/**
 * Writing documents in batches, one transaction each. The next batch's quotes are extracted and
 * its rows encoded in slices while the server takes the batch before it, so the client's work and
 * the server's overlap instead of taking turns.
 */
import { extractCorpusQuoteSteps } from '../quotes/extract.js';
import type { Quote } from '../quotes/types.js';
import { runAtOnce, runInSlices, type Steps } from '../slices.js';
import type { Corpus, Passage, SourceDocument } from '../types.js';
import { CopyText, storable, type CopyValue } from './copy.js';
import type { IngestOptions, IngestProgress } from './ingest.js';
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

export function bySource<T extends { source: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.source);
    if (list) list.push(item);
    else map.set(item.source, [item]);
  }
  return map;
}

/** Each document's passages and quotes, the quotes extracted once, when first needed. */
export class CorpusParts {
  readonly passages: Map<string, Passage[]>;
  private readonly quotes = new Map<string, Quote[]>();
  constructor(private readonly corpus: Corpus) {
    this.passages = bySource(corpus.passages);
  }
  passagesOf(document: SourceDocument): Passage[] {
    return this.passages.get(document.source) ?? [];
  }
  quotesOf(document: SourceDocument): Quote[] {
    let quotes = this.quotes.get(document.source);
    if (!quotes) {
      quotes = runAtOnce(extractCorpusQuoteSteps({ ...this.corpus, documents: [document], passages: this.passagesOf(document) }));
      this.quotes.set(document.source, quotes);
    }
    return quotes;
  }
  /** Every quote by source in corpus order, numbered through the corpus as extractCorpusQuotes numbers them. */
  allQuotes(): Map<string, Quote[]> {
    const all = new Map<string, Quote[]>();
    let id = 0;
    for (const document of this.corpus.documents) {
      const quotes = this.quotesOf(document);
      for (const quote of quotes) quote.id = id++;
      if (quotes.length > 0) all.set(document.source, quotes);
    }
    return all;
  }
}

export interface WritePlan {
  toWrite: SourceDocument[];
  hashes: Map<string, string>;
  /** The story each stored document is filed under, by source: its old version is deleted by its key. */
  storedStory: Map<string, string>;
}

interface PreparedBatch {
  documents: SourceDocument[];
  /** Stored keys of the batch's documents that have an old version. */
  old: Array<[string, string]>;
  rows: { documents: CopyText; passages: CopyText; quotes: CopyText };
}

/** `withPassages` false: the batch's passages are in the archive already (a first load writes them first). */
function* prepareBatch(batch: SourceDocument[], parts: CorpusParts, { hashes, storedStory }: WritePlan, withPassages: boolean): Steps<PreparedBatch> {
  const rows = { documents: new CopyText(), passages: new CopyText(), quotes: new CopyText() };
  for (const document of batch) {
    const passages = parts.passagesOf(document);
    const quotes = parts.quotesOf(document);
    rows.documents.add(documentRow(document, hashes.get(document.source)!, passages.length, quotes.length));
    if (withPassages) passages.forEach((passage, seq) => rows.passages.add(passageRow(passage, seq)));
    quotes.forEach((quote, seq) => rows.quotes.add(quoteRow(quote, seq)));
    yield;
  }
  const old = batch.filter((document) => storedStory.has(document.source)).map((document): [string, string] => [storedStory.get(document.source)!, document.source]);
  return { documents: batch, old, rows };
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

function batchesOf(documents: SourceDocument[], options: IngestOptions): SourceDocument[][] {
  const size = options.batchDocuments ?? BATCH_DOCUMENTS;
  const batches: SourceDocument[][] = [];
  for (let start = 0; start < documents.length; start += size) batches.push(documents.slice(start, start + size));
  return batches;
}

/** Each batch prepared (in slices) while the one before it is written; `written` reports each written batch. */
async function pipelined<T>(batches: SourceDocument[][], prepare: (batch: SourceDocument[]) => Steps<T>, write: (prepared: T, index: number) => Promise<void>): Promise<void> {
  const prepareAt = (index: number): Promise<T | null> => (index < batches.length ? runInSlices(prepare(batches[index]!)) : Promise.resolve(null));
  let next = prepareAt(0);
  for (let index = 0; index < batches.length; index++) {
    const prepared = (await next)!;
    // Both are awaited together, so a failed write never leaves the preparation's outcome unhandled.
    next = prepareAt(index + 1);
    await Promise.all([write(prepared, index), next]);
  }
}

/**
 * Writes `plan.toWrite` in batches, each prepared while the one before it is written; `withPassages`
 * false when a first load wrote the passages already (writePassages).
 */
export async function writeDocuments(work: Work, parts: CorpusParts, plan: WritePlan, options: IngestOptions, withPassages = true): Promise<{ passages: number; quotes: number }> {
  const started = performance.now();
  const written = { passages: 0, quotes: 0, documents: 0 };
  await pipelined(batchesOf(plan.toWrite, options), (batch) => prepareBatch(batch, parts, plan, withPassages), async (batch, index) => {
    const counts = await writeBatch(work, batch);
    written.passages += counts.passages;
    written.quotes += counts.quotes;
    written.documents += batch.documents.length;
    options.onProgress?.(progressOf('writing', written.documents, plan.toWrite.length, written.passages, started));
    await options.afterBatch?.(index + 1);
  });
  return { passages: written.passages, quotes: written.quotes };
}

function* passagesOfBatch(batch: SourceDocument[], parts: CorpusParts): Steps<{ rows: CopyText; documents: number }> {
  const rows = new CopyText();
  for (const document of batch) {
    parts.passagesOf(document).forEach((passage, seq) => rows.add(passageRow(passage, seq)));
    yield;
  }
  return { rows, documents: batch.length };
}

/** Every passage of `plan.toWrite`, in batches (each COPY its own transaction): a first load's first pass. */
export async function writePassages(work: Work, parts: CorpusParts, plan: WritePlan, options: IngestOptions): Promise<number> {
  const started = performance.now();
  const written = { passages: 0, documents: 0 };
  await pipelined(batchesOf(plan.toWrite, options), (batch) => passagesOfBatch(batch, parts), async ({ rows, documents }) => {
    written.passages += await work.copyEncoded('passages', PASSAGE_COLUMNS, rows);
    written.documents += documents;
    options.onProgress?.(progressOf('passages', written.documents, plan.toWrite.length, written.passages, started));
  });
  return written.passages;
}
