/**
 * Loading a corpus into the archive: incremental by a content hash per document, streamed with
 * COPY, one transaction per batch of documents. A run stopped anywhere (killed, server gone)
 * leaves every document either whole in its old version, whole in its new one, or absent, and
 * ingest_state.complete false; the next run compares hashes again and finishes the job.
 */
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Corpus, SourceDocument } from '../types.js';
import { BATCH_DOCUMENTS, CorpusParts, deleteDocuments, progressOf, writeDocuments, type WritePlan } from './batches.js';
import { quoteGroupRows, writeQuoteGroups, type GroupRows } from './groups.js';
import { buildingIndexes, DEFER_FOR_FIRST_LOAD, DEFERRED_INDEXES, RESTORE_FOREIGN_KEYS } from './deferred.js';
import { writeFirstLoad } from './firstLoad.js';
import { DROP_TRIGRAM_INDEX, SCHEMA_VERSION } from './schema.js';
import { addWordsOf, RECOUNT_VOCABULARY } from './vocabulary.js';
import { storyKey, Work } from './work.js';

export interface IngestProgress {
  /** 'passages': a large first load writes every passage first (firstLoad.ts). */
  phase: 'removing' | 'passages' | 'writing' | 'indexing' | 'grouping';
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
  /**
   * A bulk load into an empty archive of at least this many documents writes every passage first,
   * so the server builds the trigram index while the client extracts and groups the quotes
   * (firstLoad.ts; default 5,000).
   */
  passagesFirstDocuments?: number;
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
  /** The content fingerprint (over every document's hash) the archive is at afterwards. */
  fingerprint: string;
  /** Work done, for tests that bound it: statements sent, rows written or deleted. */
  statements: number;
  rowsWritten: number;
}

const BULK_DOCUMENTS = 5000;

/** The trigram indexes and foreign keys brought up to date after a run's writes. */
function indexUpkeep(bulk: boolean, passagesWritten: boolean, recount: boolean): string[] {
  // A run stopped after dropping an index or a key puts it back here (nothing to do otherwise).
  const statements = [...DEFERRED_INDEXES, RESTORE_FOREIGN_KEYS, "SELECT gin_clean_pending_list('documents_title_words')"];
  // The vocabulary counted again from every row; otherwise the written documents' words are added at the end (vocabulary.ts).
  if (recount) statements.push(...RECOUNT_VOCABULARY);
  // After a bulk load the planner learns the tables' new sizes at once (autovacuum would, some time
  // later): until then it may scan every passage instead of using the index.
  if (bulk) statements.push('ANALYZE documents, passages, quotes');
  // Rows added to a GIN index wait in its pending list, which every search reads through in full
  // (seconds for a few thousand passages) until a vacuum merges it: merged here at once.
  else if (passagesWritten) statements.push("SELECT gin_clean_pending_list('passages_text_trgm')");
  return statements;
}

/** What identifies a document's stored version: everything loading made of it, and the program that made it. */
export function contentHash(document: SourceDocument, programVersion: string): string {
  return createHash('sha256').update(JSON.stringify([SCHEMA_VERSION, programVersion, document])).digest('hex');
}

interface Plan extends WritePlan {
  fingerprint: string;
  changed: number;
  /** Stored (story, source) pairs of documents no longer in the corpus. */
  toRemove: Array<[string, string]>;
  finished: boolean;
  /** The last run stopped before it finished: what it wrote is not in the vocabulary yet. */
  resumed: boolean;
  /** Documents the archive held before the run. */
  stored: number;
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
  const resumed = state.rows[0]?.complete === false;
  return { hashes, fingerprint, toWrite, storedStory, changed, toRemove, finished, resumed, stored: stored.rows.length };
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
    fingerprint,
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
    const firstLoad = bulk && planned.stored === 0;
    // A commit lost to a server crash is a batch the next run writes again: no batch waits for the disk.
    await work.query('SET synchronous_commit = off');
    // Until the indexes are built again, search falls back to scanning; ingest_state says the archive is unfinished.
    if (firstLoad) await work.query(DEFER_FOR_FIRST_LOAD);
    else {
      // Deleting a document's old version cascades through the keys a stopped first load left out.
      await work.query(RESTORE_FOREIGN_KEYS);
      if (bulk) await work.query(DROP_TRIGRAM_INDEX);
    }
    await removeDocuments(work, toRemove, options);
    const parts = new CorpusParts(corpus);
    const passagesFirst = firstLoad && toWrite.length >= (options.passagesFirstDocuments ?? BULK_DOCUMENTS);
    const written = passagesFirst ? await writeFirstLoad(work, parts, planned, options) : { ...(await writeDocuments(work, parts, planned, options)), groups: null };
    summary.passagesWritten = written.passages;
    summary.quotesWritten = written.quotes;
    const done = { documentsDone: toWrite.length, documentsToDo: toWrite.length, passagesWritten: written.passages, rate: 0, secondsLeft: null };
    if (bulk) options.onProgress?.({ phase: 'indexing', ...done });
    // One statement, sent at once, so the server works on the index while the client groups the quotes.
    const recount = bulk || planned.resumed;
    const indexing = work.query(buildingIndexes(indexUpkeep(bulk, written.passages > 0, recount)));
    let groups: GroupRows;
    try {
      // A first load that wrote its passages first grouped the quotes while the index was built.
      groups = written.groups ?? quoteGroupRows(parts.allQuotes());
    } finally {
      // Awaited even when grouping fails, so its outcome is never left unhandled.
      await indexing;
    }
    options.onProgress?.({ phase: 'grouping', ...done });
    await work.transaction(async () => {
      await writeQuoteGroups(work, groups);
      // With the run's completion, so a stopped run's words are counted by the next (a recount).
      if (!recount) await addWordsOf(work, toWrite.map((document) => [storyKey(document.story), document.source] as const));
      await work.query('UPDATE ingest_state SET fingerprint = $1, complete = true, finished_at = now(), documents = $2, passages = $3', [
        fingerprint,
        corpus.documents.length,
        corpus.passages.length,
      ]);
    });
    await work.query('RESET synchronous_commit');
    summary.grouped = true;
  }
  summary.statements = work.statements;
  summary.rowsWritten = work.rowsWritten;
  return summary;
}

async function removeDocuments(work: Work, toRemove: ReadonlyArray<[string, string]>, options: IngestOptions): Promise<void> {
  const size = options.batchDocuments ?? BATCH_DOCUMENTS;
  const started = performance.now();
  for (let start = 0; start < toRemove.length; start += size) {
    const batch = toRemove.slice(start, start + size);
    // One statement, so one transaction.
    await deleteDocuments(work, batch);
    options.onProgress?.(progressOf('removing', start + batch.length, toRemove.length, 0, started));
  }
}
