/**
 * What a first load into an empty archive leaves out while it writes, and puts back at its end:
 * the foreign keys from passages and quotes to their documents (checked row by row, they cost
 * the server as much as storing the passages; checked once at the end, a fraction) and the
 * documents' trigram indexes (built at the end, like the passages' one, instead of updated per
 * row). Nothing then needs them: an empty archive has no document to delete or cascade from, and
 * each batch still writes documents whole in one transaction.
 *
 * A run stopped before the end leaves them out; every later run that writes puts the keys back
 * before it deletes anything (a cascade needs them) and the indexes at its end.
 */
import { DROP_TRIGRAM_INDEX, SOURCE_TRIGRAM_INDEX, TITLE_TRIGRAM_INDEX, TRIGRAM_INDEX } from './schema.js';

/** The tables whose rows belong to a document, each with its foreign key as the schema names it. */
const CHILD_TABLES = ['passages', 'quotes'] as const;

const foreignKeyName = (table: (typeof CHILD_TABLES)[number]): string => `${table}_story_source_fkey`;

/** The trigram indexes in the order they are built again. */
export const DEFERRED_INDEXES = [TRIGRAM_INDEX, TITLE_TRIGRAM_INDEX, SOURCE_TRIGRAM_INDEX];

/**
 * Drops the foreign keys and the trigram indexes for a first load (one statement, so one
 * transaction), and any passage or quote: with no document in the archive, they are rows an
 * earlier version's stopped first load wrote ahead of their documents.
 */
export const DEFER_FOR_FIRST_LOAD = [
  'TRUNCATE passages, quotes',
  ...CHILD_TABLES.map((table) => `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${foreignKeyName(table)}`),
  DROP_TRIGRAM_INDEX,
  'DROP INDEX IF EXISTS documents_title_trgm',
  'DROP INDEX IF EXISTS documents_source_trgm',
].join('; ');

/**
 * Puts back a foreign key that is missing (one statement; nothing to do when both are there). Rows
 * of no document are deleted first: none can be left by crosscheck, whose batches write
 * documents whole, but a key refused would stop every later run.
 */
export const RESTORE_FOREIGN_KEYS = `DO $restore$ BEGIN
${CHILD_TABLES.map(
  (table) => `  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '${foreignKeyName(table)}' AND conrelid = '${table}'::regclass) THEN
    DELETE FROM ${table} c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.story = c.story AND d.source = c.source);
    ALTER TABLE ${table} ADD CONSTRAINT ${foreignKeyName(table)} FOREIGN KEY (story, source) REFERENCES documents ON DELETE CASCADE;
  END IF;`,
).join('\n')}
END $restore$`;

/**
 * The trigram indexes are built with this much memory: a GIN build that fits in memory merges
 * fewer runs (1 GB builds Reuters' 281,000 passages about a fifth faster than 256 MB). The
 * server takes it only while an index is built, and only as much as the build needs.
 */
const INDEX_BUILD_MEMORY = '1GB';

/** `statements` (index builds among them) as one statement with the memory for the builds. */
export function buildingIndexes(statements: readonly string[]): string {
  return [`SET maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`, ...statements, 'RESET maintenance_work_mem'].join('; ');
}
