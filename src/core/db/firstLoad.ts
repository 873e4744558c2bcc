/**
 * A large first load into an empty archive, in the order that lets the server and the client work
 * at once: every passage is written first; then the server builds the trigram index while the
 * client extracts every document's quotes and groups them; then the documents and their quotes are
 * written in batches, one transaction each (the old order kept the server waiting on the quotes,
 * then the client waiting on the index).
 *
 * Until its document's row is written a passage belongs to nothing: readers join passages to
 * documents, so they only ever see whole documents. A run stopped before the end leaves such
 * passages; the next run deletes them (all of them when it is a first load again, otherwise before
 * it puts the foreign keys back: deferred.ts).
 */
import { writeDocuments, writePassages, type CorpusParts, type WritePlan } from './batches.js';
import { buildingIndexes } from './deferred.js';
import { quoteGroupRows, type GroupRows } from './groups.js';
import type { IngestOptions } from './ingest.js';
import { TRIGRAM_INDEX } from './schema.js';
import type { Work } from './work.js';

export async function writeFirstLoad(work: Work, parts: CorpusParts, plan: WritePlan, options: IngestOptions): Promise<{ passages: number; quotes: number; groups: GroupRows }> {
  // The caller emptied passages and quotes (DEFER_FOR_FIRST_LOAD): rows a stopped first load left.
  const passages = await writePassages(work, parts, plan, options);
  options.onProgress?.({ phase: 'indexing', documentsDone: 0, documentsToDo: plan.toWrite.length, passagesWritten: passages, rate: 0, secondsLeft: null });
  // Sent at once: the server builds while the client extracts and groups the quotes.
  const indexing = work.query(buildingIndexes([TRIGRAM_INDEX]));
  let groups: GroupRows;
  try {
    groups = quoteGroupRows(parts.allQuotes());
  } finally {
    // Awaited even when grouping fails, so its outcome is never left unhandled.
    await indexing;
  }
  const written = await writeDocuments(work, parts, plan, options, false);
  return { passages, quotes: written.quotes, groups };
}
