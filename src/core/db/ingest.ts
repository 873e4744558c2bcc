/**
 * Loading a corpus into the archive: incremental by a content hash per document, streamed with
 * COPY, one transaction per batch of documents, read and analysed a batch at a time (the client
 * holds two batches of documents and one chunk of quotes at most, whatever the corpus's size). A run stopped anywhere (killed, server gone)
 * leaves every document either whole in its old version, whole in its new one, or absent, and
 * ingest_state.complete false; the next run compares hashes again and finishes the job.
 */
import type { ClientBase } from 'pg';
import type { Corpus } from '../types.js';
import { BATCH_DOCUMENTS, deleteDocuments, progressOf, Tally, writeDocuments, type StoredDocument } from './batches.js';
import { buildingIndexes, DEFER_FOR_FIRST_LOAD, DEFERRED_INDEXES, RESTORE_FOREIGN_KEYS } from './deferred.js';
import { groupStories, storyChunks } from './groups.js';
import { corpusInput, type IngestInput } from './input.js';
import { DROP_TRIGRAM_INDEX } from './schema.js';
import { addWordsOf, RECOUNT_VOCABULARY } from './vocabulary.js';
import { storyKey, Work } from './work.js';

export { contentHash } from './batches.js';

export interface IngestProgress {
  /** 'reading': a folder's first pass (input.ts); documentsDone counts files there. */
  phase: 'reading' | 'removing' | 'writing' | 'indexing' | 'grouping';
  documentsDone: number;
  documentsToDo: number;
  passagesWritten: number;
  /** Documents written per second so far in this phase. */
  rate: number;
  /** Estimated from the rate; null until there is one. */
  secondsLeft: number | null;
  /** While grouping: chunks of quotes grouped so far, of how many. */
  chunksDone?: number;
  chunks?: number;
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
  /** Quotes read back and grouped at a time, whole stories each (default GROUPING_CHUNK_QUOTES). */
  groupingChunkQuotes?: number;
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
  /** The most documents and quotes the client held at once (tests bound them). */
  held: { documents: number; quotes: number };
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

/** The archive before the run: every stored document by source, and whether the last run finished. */
interface Before {
  stored: Map<string, StoredDocument>;
  complete: boolean;
  fingerprint: string | null;
}

async function readArchive(work: Work): Promise<Before> {
  work.statements += 2;
  const documents = await work.client.query<{ story: string; source: string; content_hash: string; passage_count: number; quote_count: number }>(
    'SELECT story, source, content_hash, passage_count, quote_count FROM documents',
  );
  const state = await work.client.query<{ fingerprint: string | null; complete: boolean }>('SELECT fingerprint, complete FROM ingest_state');
  const stored = new Map<string, StoredDocument>();
  for (const row of documents.rows) stored.set(row.source, { story: row.story, hash: row.content_hash, passages: row.passage_count, quotes: row.quote_count });
  return { stored, complete: state.rows[0]?.complete === true, fingerprint: state.rows[0]?.fingerprint ?? null };
}

/**
 * How the run writes. Nothing is sent before the first write (an unchanged re-run only reads);
 * then the archive is marked unfinished, and a bulk load drops what it builds again at its end. A
 * run whose corpus is mostly new drops the trigram index from the start; one that proves to rewrite
 * most of the corpus (another program version) drops it once it has written `bulkDocuments`.
 */
class Run {
  started = false;
  constructor(
    private readonly work: Work,
    private readonly root: string,
    private readonly bulkDocuments: number,
    readonly firstLoad: boolean,
    public bulk: boolean,
  ) {}
  async begin(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.work.query(
      `INSERT INTO ingest_state (corpus_root, complete, started_at) VALUES ($1, false, now())
       ON CONFLICT (singleton) DO UPDATE SET corpus_root = EXCLUDED.corpus_root, complete = false, started_at = now(), finished_at = NULL`,
      [this.root],
    );
    // A commit lost to a server crash is a batch the next run writes again: no batch waits for the disk.
    await this.work.query('SET synchronous_commit = off');
    // Until the indexes are built again, search falls back to scanning; ingest_state says the archive is unfinished.
    if (this.firstLoad) await this.work.query(DEFER_FOR_FIRST_LOAD);
    else {
      // Deleting a document's old version cascades through the keys a stopped first load left out.
      await this.work.query(RESTORE_FOREIGN_KEYS);
      if (this.bulk) await this.work.query(DROP_TRIGRAM_INDEX);
    }
  }
  async afterWrite(tally: Tally): Promise<void> {
    if (this.bulk || tally.documentsWritten < this.bulkDocuments || tally.documentsWritten * 2 <= tally.documentsSeen) return;
    this.bulk = true;
    await this.work.query(DROP_TRIGRAM_INDEX);
  }
}

/** Loads `corpus` (already in memory) into the archive; see ingestInput. */
export function ingestCorpus(client: ClientBase, corpus: Corpus, options: IngestOptions): Promise<IngestSummary> {
  return ingestInput(client, corpusInput(corpus), options);
}

/** Stored keys of documents no longer in the corpus. */
function vanished(before: Before, input: IngestInput): Array<[string, string]> {
  const inCorpus = new Set(input.sources);
  const gone: Array<[string, string]> = [];
  for (const [source, document] of before.stored) if (!inCorpus.has(source)) gone.push([document.story, source]);
  return gone;
}

/** Loads the input into the archive (tables from migrate()), a batch at a time, writing only what changed since the last run. */
export async function ingestInput(client: ClientBase, input: IngestInput, options: IngestOptions): Promise<IngestSummary> {
  const work = new Work(client);
  const before = await readArchive(work);
  const toRemove = vanished(before, input);
  const tally = new Tally();
  const bulkDocuments = options.bulkDocuments ?? BULK_DOCUMENTS;
  const fresh = input.sources.reduce((count, source) => (before.stored.has(source) ? count : count + 1), 0);
  const bulk = fresh >= bulkDocuments && fresh * 2 > input.sources.length;
  const run = new Run(work, input.root, bulkDocuments, bulk && before.stored.size === 0, bulk);
  if (toRemove.length > 0) {
    await run.begin();
    await removeDocuments(work, toRemove, options);
    for (const [story] of toRemove) tally.touched.add(story);
  }
  const context = { stored: before.stored, programVersion: options.programVersion, tally };
  await writeDocuments(work, input, context, options, { beforeWrite: () => run.begin(), afterWrite: () => run.afterWrite(tally) });
  const fingerprint = tally.fingerprint();
  const summary: IngestSummary = {
    added: tally.added,
    changed: tally.changed,
    removed: toRemove.length,
    unchanged: tally.unchanged,
    documents: input.sources.length,
    passages: tally.passages,
    passagesWritten: tally.passagesWritten,
    quotesWritten: tally.quotesWritten,
    grouped: false,
    fingerprint,
    statements: 0,
    rowsWritten: 0,
    held: { documents: input.held.most, quotes: 0 },
  };
  if (run.started || !(before.complete && before.fingerprint === fingerprint)) {
    await run.begin();
    summary.held.quotes = await finish(work, input, run, tally, before, options);
    summary.grouped = true;
  }
  summary.statements = work.statements;
  summary.rowsWritten = work.rowsWritten;
  return summary;
}

/** Stories in corpus order (as stored: '' for top-level documents). */
function corpusStories(input: IngestInput): string[] {
  return [...new Set(input.stories.map(storyKey))];
}

/**
 * After the documents: groups the quotes of the stories the run changed (every story when the run
 * before did not finish), brings the indexes and keys back, and marks the archive complete.
 * Returns the most quotes held at once.
 */
async function finish(work: Work, input: IngestInput, run: Run, tally: Tally, before: Before, options: IngestOptions): Promise<number> {
  const done = { documentsDone: tally.documentsWritten, documentsToDo: tally.documentsWritten, passagesWritten: tally.passagesWritten, rate: 0, secondsLeft: null };
  options.onProgress?.({ phase: 'grouping', ...done });
  const stories = corpusStories(input);
  const everyStory = !before.complete;
  const toGroup = everyStory ? stories : [...stories.filter((story) => tally.touched.has(story)), ...[...tally.touched].filter((story) => !stories.includes(story))];
  const corpusOrder = new Map(input.sources.map((source, at) => [source, at]));
  const quotesHeld = { most: 0 };
  const chunks = storyChunks(toGroup, (story) => tally.storyQuotes.get(story) ?? 0, tally.topLevelQuotes, options.groupingChunkQuotes);
  // Told after each chunk, so a caller can draw progress (and let go of the chunk's garbage: heapValve.ts).
  await groupStories(work, chunks, { corpusOrder, quotesHeld }, (chunksDone) => options.onProgress?.({ phase: 'grouping', ...done, chunksDone, chunks: chunks.length }));
  corpusOrder.clear();
  if (run.bulk) options.onProgress?.({ phase: 'indexing', ...done });
  // After a bulk load, or a stopped run whose words were never counted, the vocabulary is counted afresh.
  const recount = run.bulk || !before.complete;
  await work.query(buildingIndexes(indexUpkeep(run.bulk, tally.passagesWritten > 0, recount)));
  await work.transaction(async () => {
    // With the run's completion, so a stopped run's words are counted by the next (a recount).
    if (!recount) await addWordsOf(work, tally.written);
    // Groups of stories that are gone (only every story's groups are known to be current here).
    if (everyStory) work.rowsWritten += await work.query('DELETE FROM quote_groups WHERE NOT (story = ANY($1::text[]))', [stories]);
    await work.query('UPDATE ingest_state SET fingerprint = $1, complete = true, finished_at = now(), documents = $2, passages = $3', [
      tally.fingerprint(),
      input.sources.length,
      tally.passages,
    ]);
  });
  await work.query('RESET synchronous_commit');
  return quotesHeld.most;
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
