/**
 * The archive's tables, created and migrated by the program itself: each migration runs once, in
 * one transaction with its row in schema_version, so a database is always at one whole version.
 *
 * Every table of a corpus carries `story` first: one story's documents, passages and quotes sit
 * together, so `story` serves as the Citus distribution column (SELECT create_distributed_table
 * ('documents', 'story'), then passages and quotes colocated with it). Top-level documents (no
 * story folder) have story '' because a distribution column cannot be NULL.
 */
import type { ClientBase } from 'pg';
import { normOf } from './querySql.js';
import { RECOUNT_VOCABULARY, TITLE_WORDS_INDEX, VOCABULARY_TABLE, WORDS_FUNCTION } from './vocabulary.js';

/** A database that cannot be used as an archive (newer schema, missing extension): exit code 2. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** Fuzzy candidates for Search: word_similarity and LIKE/ILIKE use this index. A bulk load drops it and builds it again at its end. */
export const TRIGRAM_INDEX = 'CREATE INDEX IF NOT EXISTS passages_text_trgm ON passages USING gin (text gin_trgm_ops)';
export const DROP_TRIGRAM_INDEX = 'DROP INDEX IF EXISTS passages_text_trgm';
/** search --db: documents whose title or source id may match a query (version 2). A first load builds them at its end. */
export const TITLE_TRIGRAM_INDEX = 'CREATE INDEX IF NOT EXISTS documents_title_trgm ON documents USING gin (title gin_trgm_ops)';
export const SOURCE_TRIGRAM_INDEX = 'CREATE INDEX IF NOT EXISTS documents_source_trgm ON documents USING gin (source gin_trgm_ops)';

/** Passages shortest first, by their stored norm (version 5; version 3 indexed the same expression of the text). */
export const PASSAGE_NORM_INDEX = 'CREATE INDEX IF NOT EXISTS passages_norm ON passages (norm DESC)';

/** Each entry: the statements that take the schema from the previous version to this one. */
const MIGRATIONS: ReadonlyArray<{ version: number; statements: readonly string[] }> = [
  {
    version: 1,
    statements: [
      `CREATE TABLE documents (
        story text NOT NULL,
        source text NOT NULL,
        content_hash text NOT NULL,
        path text NOT NULL,
        title text NOT NULL,
        text text NOT NULL,
        lines integer NOT NULL,
        words integer NOT NULL,
        format text NOT NULL,
        record integer,
        outlet text,
        date text,
        day text,
        url text,
        story_name text,
        label text NOT NULL,
        normalizations jsonb NOT NULL,
        warnings jsonb NOT NULL,
        passage_count integer NOT NULL,
        quote_count integer NOT NULL,
        PRIMARY KEY (story, source)
      )`,
      `CREATE TABLE passages (
        story text NOT NULL,
        source text NOT NULL,
        seq integer NOT NULL,
        line integer NOT NULL,
        paragraph integer NOT NULL,
        sentence integer NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (story, source, seq),
        FOREIGN KEY (story, source) REFERENCES documents ON DELETE CASCADE
      )`,
      TRIGRAM_INDEX,
      `CREATE TABLE quotes (
        story text NOT NULL,
        source text NOT NULL,
        seq integer NOT NULL,
        line integer NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        open_mark integer NOT NULL,
        close_mark integer,
        paragraphs integer NOT NULL,
        damage jsonb NOT NULL,
        text text NOT NULL,
        kind text NOT NULL,
        speaker text,
        speaker_pattern text,
        speaker_words text,
        speaker_written text,
        attribution text NOT NULL,
        group_key text,
        relation text,
        similarity real,
        speaker_variant boolean,
        PRIMARY KEY (story, source, seq),
        FOREIGN KEY (story, source) REFERENCES documents ON DELETE CASCADE
      )`,
      'CREATE INDEX quotes_group ON quotes (story, group_key)',
      // One row per quote group; group_key names its reference quote ("source#seq"), story is the reference's.
      `CREATE TABLE quote_groups (
        story text NOT NULL,
        group_key text NOT NULL,
        reference_source text NOT NULL,
        reference_seq integer NOT NULL,
        speaker text,
        kind text NOT NULL,
        sources integer NOT NULL,
        members integer NOT NULL,
        PRIMARY KEY (story, group_key)
      )`,
      // One row: which corpus the archive mirrors, and whether the last ingest finished.
      `CREATE TABLE ingest_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        corpus_root text NOT NULL,
        fingerprint text,
        complete boolean NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        documents integer,
        passages integer
      )`,
    ],
  },
  {
    // search --db: documents whose title or source id may match a query, through the trigram index.
    version: 2,
    statements: [TITLE_TRIGRAM_INDEX, SOURCE_TRIGRAM_INDEX],
  },
  {
    // search --db: passages shortest first (Fuse.js's field-length norm, highest first), so a term found in many passages
    // yields its best candidates without scoring and sorting every match. An expression index: no table rewrite, COPY unchanged.
    version: 3,
    statements: [`CREATE INDEX IF NOT EXISTS passages_text_norm ON passages (${normOf('text')} DESC)`, 'ANALYZE passages'],
  },
  {
    // search --db: the vocabulary of passages and titles (vocabulary.ts), counted from the rows already there, and titles by
    // their words. No table rewrite, COPY unchanged.
    version: 4,
    statements: [WORDS_FUNCTION, VOCABULARY_TABLE, TITLE_WORDS_INDEX, ...RECOUNT_VOCABULARY],
  },
  {
    // search --db: each passage's field-length norm stored (a generated column, computed once as a row is written, COPY
    // unchanged) instead of computed in every search for every candidate (4 to 10 µs a passage: most of the cost of
    // sorting a frequent word's matches or bounding a titled document's passages); the norm index on the column.
    // Adding a stored generated column rewrites the table once.
    version: 5,
    statements: [`ALTER TABLE passages ADD COLUMN norm float8 GENERATED ALWAYS AS (${normOf('text')}) STORED`, 'DROP INDEX IF EXISTS passages_text_norm', PASSAGE_NORM_INDEX, 'ANALYZE passages'],
  },
];

/** The schema version this program writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any two crosscheck processes migrating one database take turns (a transaction-level lock). */
const MIGRATION_LOCK = 0x63726f73;

function sqlState(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** pg_trgm, created when missing; an ArchiveError saying who must create it when this role may not. */
export async function ensureTrigramExtension(client: ClientBase): Promise<void> {
  const present = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
  if (present.rowCount !== 0) return;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (error) {
    const reason =
      sqlState(error) === '42501'
        ? 'this role may not create it'
        : sqlState(error) === '58P01' || sqlState(error) === '0A000'
          ? 'the server does not have it installed (Debian: the postgresql package ships it)'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new ArchiveError(`the PostgreSQL extension pg_trgm is missing and could not be created: ${reason}; an administrator can run CREATE EXTENSION pg_trgm in this database`);
  }
}

/** The version the database is at, 0 for a database crosscheck has never written. */
export async function schemaVersionOf(client: ClientBase): Promise<number> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!table.rows[0]?.present) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return result.rows[0]?.version ?? 0;
}

function newerSchema(found: number): ArchiveError {
  return new ArchiveError(`this archive's schema is version ${found}, newer than this crosscheck's (${SCHEMA_VERSION}); upgrade crosscheck to use it`);
}

/** Creates or upgrades the tables to SCHEMA_VERSION; refuses a newer schema. Returns the migrations applied. */
export async function migrate(client: ClientBase): Promise<number[]> {
  await ensureTrigramExtension(client);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const found = await schemaVersionOf(client);
    if (found > SCHEMA_VERSION) throw newerSchema(found);
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((candidate) => candidate.version > found)) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** For readers that never write: the schema must be exactly this program's. */
export async function checkSchema(client: ClientBase): Promise<void> {
  const found = await schemaVersionOf(client);
  if (found > SCHEMA_VERSION) throw newerSchema(found);
  if (found < SCHEMA_VERSION) throw new ArchiveError(`this database holds no crosscheck archive of version ${SCHEMA_VERSION} (found ${found}); run crosscheck index --db URL first`);
}
