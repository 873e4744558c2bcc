/**
 * The archive's vocabulary (schema version 4): every distinct lower-cased whitespace-separated word
 * of the passages and titles, with how often it occurs in each, and a trigram index over the words.
 * A search asks it, once, which words each query term can match (as typed, or within its edits:
 * the words word similarity proposes, checked exactly on the client as the in-memory prefilter
 * checks its vocabulary), and how many passages hold them:
 *
 * - titles are then found through an index of their words (`documents_title_words`), not by
 *   checking word similarity and the expression on every title that shares a trigram;
 * - a term held by few passages is read through the trigram index and sorted, instead of walking
 *   every passage shortest first until enough of them hold it (the planner cannot know that a
 *   rare word's passages are mostly long).
 *
 * Words are split as the in-memory prefilter splits them (whitespace; lowered by PostgreSQL's
 * lower(), as ILIKE folds case), so a term without spaces that a text holds as typed lies inside
 * one word, and so does a match with edits unless it spans two words (the in-memory index's known
 * gap too). Passage counts are an estimate that only chooses a plan: they count occurrences, on
 * a large archive in a sample of its documents, grow as documents are written and are recounted
 * on a bulk load; title words must be complete, so every run that writes adds the words of the
 * documents it wrote before it marks the archive complete.
 */
import type { QueryAlternative, QueryTerm } from '../query.js';
import type { SearchSession } from './archiveSearch.js';
import { MAX_PATTERN_LENGTH, PatternMasks, substringDistance } from '../prefilter.js';
import { editBudget, exactPattern, SqlParams } from './querySql.js';
import type { Work } from './work.js';

/** A text's words: lowered, split at whitespace (the characters PostgreSQL's `\s` means in the C locale), empty ones dropped. */
export const WORDS_FUNCTION = `CREATE OR REPLACE FUNCTION crosscheck_words(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_remove(string_to_array(translate(lower($1), E'\\t\\n\\r\\f\\x0b', '     '), ' '), '') $$`;

export const VOCABULARY_TABLE = `CREATE TABLE vocabulary (
  word text PRIMARY KEY,
  passages integer NOT NULL,
  titles integer NOT NULL
)`;
export const VOCABULARY_TRIGRAM_INDEX = 'CREATE INDEX IF NOT EXISTS vocabulary_word_trgm ON vocabulary USING gin (word gin_trgm_ops)';
/** Documents by the words of their title (a few per document: built in a fraction of a second for 20,000). */
export const TITLE_WORDS_INDEX = 'CREATE INDEX IF NOT EXISTS documents_title_words ON documents USING gin (crosscheck_words(title))';

/** Occurrences of each word in the passages and titles selected (`where` on p and d); passage counts multiplied by `scale`. */
function countedWords(passagesWhere: string, documentsWhere: string, scale = '1'): string {
  return `SELECT word, (sum(in_passages) * ${scale})::integer AS passages, sum(in_titles)::integer AS titles FROM (
    SELECT w AS word, 1 AS in_passages, 0 AS in_titles FROM passages p, unnest(crosscheck_words(p.text)) w WHERE ${passagesWhere}
    UNION ALL SELECT w, 0, 1 FROM documents d, unnest(crosscheck_words(d.title)) w WHERE ${documentsWhere}) counted GROUP BY word`;
}

/**
 * From this many documents on, a recount reads the passages of one document in SAMPLE_STRIDE
 * (chosen by a hash of its source id) and scales their counts: counting every word of Reuters'
 * 150,000 passages cost the server 2.9 s of a first load's 11.3 s of CPU. Title words are always
 * counted whole: they decide which documents a search finds.
 */
const SAMPLE_FROM_DOCUMENTS = 10000;
const SAMPLE_STRIDE = 8;
const STRIDE = `(SELECT CASE WHEN count(*) >= ${SAMPLE_FROM_DOCUMENTS} THEN ${SAMPLE_STRIDE} ELSE 1 END FROM documents)`;

/** The vocabulary counted again from every title and (a sample of) every passage: a bulk load, a stopped run's successor, the migration. */
export const RECOUNT_VOCABULARY = [
  'TRUNCATE vocabulary',
  'DROP INDEX IF EXISTS vocabulary_word_trgm',
  // Passages a stopped first load wrote ahead of their document count too: a hint only, and the next run writes them.
  `INSERT INTO vocabulary (word, passages, titles) ${countedWords(`abs(hashtext(p.source)::bigint) % ${STRIDE} = 0`, 'true', STRIDE)}`,
  VOCABULARY_TRIGRAM_INDEX,
  'ANALYZE vocabulary',
];

/** Adds the words of the documents written by a run (their passages' and titles'); nothing is subtracted for removed ones. */
export async function addWordsOf(work: Work, keys: ReadonlyArray<readonly [string, string]>): Promise<void> {
  if (keys.length === 0) return;
  const written = (table: 'p' | 'd'): string => `(${table}.story, ${table}.source) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
  await work.query(
    `INSERT INTO vocabulary (word, passages, titles) ${countedWords(written('p'), written('d'))}
     ON CONFLICT (word) DO UPDATE SET passages = vocabulary.passages + EXCLUDED.passages, titles = vocabulary.titles + EXCLUDED.titles`,
    [keys.map(([story]) => story), keys.map(([, source]) => source)],
  );
  // As for the passages' trigram index (ingest.ts): a search would read the pending list in full.
  await work.query("SELECT gin_clean_pending_list('vocabulary_word_trgm')");
}

/** What the vocabulary says about one alternative of a query. */
export interface WordFacts {
  /** Title words it matches (as typed or, for a fuzzy term, within its edits). */
  titleWords: string[];
  /** Occurrences in passages of the words holding it as typed (estimated on a large archive): about as many passages hold it at most. */
  passages: number;
}

/** Below three characters the trigram index cannot narrow the vocabulary; phrases and anchored terms are matched on the whole text. */
export function servedByVocabulary({ kind, literal }: QueryAlternative): boolean {
  return (kind === 'fuzzy' || kind === 'exact') && literal.length >= 3 && !/\s/.test(literal);
}

/** The words among `candidates` within the alternative's edits of it, as Fuse.js (and the in-memory prefilter) would find them. */
function withinEdits(alternative: QueryAlternative, candidates: readonly string[]): string[] {
  const literal = alternative.literal.toLowerCase();
  // Myers' algorithm takes 32 characters; a longer term keeps every word proposed.
  if (literal.length > MAX_PATTERN_LENGTH) return [...candidates];
  const masks = new PatternMasks(literal);
  const budget = editBudget(alternative);
  // Lowered again: PostgreSQL's lower() in the C locale folds ASCII only; Fuse.js folds every letter.
  return candidates.filter((word) => substringDistance(masks, word.toLowerCase()) <= budget);
}

/**
 * One statement: for each alternative the vocabulary serves, the title words holding it as typed,
 * the title words `%>` proposes (at the transaction's threshold), and the passage count. The
 * proposed words are checked exactly here, on the client (Myers' bit-vector algorithm, a fraction
 * of a microsecond a word): a regular expression of every way to make two edits costs PostgreSQL
 * about half a millisecond a word, and a long word proposes thousands.
 */
export async function lookUpWords(session: SearchSession, positive: readonly QueryTerm[]): Promise<{ facts: Map<QueryAlternative, WordFacts>; archivePassages: number }> {
  const served = positive.flat().filter(servedByVocabulary);
  const facts = new Map<QueryAlternative, WordFacts>();
  if (served.length === 0) return { facts, archivePassages: 0 };
  const params = new SqlParams();
  const branches = served.map((alternative, at) => {
    const asTyped = params.add(exactPattern(alternative));
    const withEdits = editBudget(alternative) === 0 ? '' : ` OR (titles > 0 AND word %> ${params.add(alternative.literal.toLowerCase())})`;
    return `SELECT ${at} AS alternative, word, passages, titles, word ILIKE ${asTyped} AS as_typed FROM vocabulary WHERE word ILIKE ${asTyped}${withEdits}`;
  });
  // With the planner's estimate of the passages in the archive (pg_class, as of the last ANALYZE), which sets the cut-off
  // between a frequent and a rare term (archiveSearch.ts). A statement of one row even when no word matches.
  const rows = await session.query<{ alternative: number | null; typed: string[] | null; proposed: string[] | null; passages: number; archive_passages: number | null }>(
    `SELECT alternative, typed, proposed, passages, (SELECT reltuples::float8 FROM pg_class WHERE oid = 'passages'::regclass) AS archive_passages
     FROM (SELECT 1) one LEFT JOIN (SELECT alternative, array_agg(word) FILTER (WHERE titles > 0 AND as_typed) AS typed, array_agg(word) FILTER (WHERE titles > 0 AND NOT as_typed) AS proposed,
       coalesce(sum(passages) FILTER (WHERE as_typed), 0)::float8 AS passages
     FROM (${branches.join(' UNION ALL ')}) matched GROUP BY alternative) found ON true`,
    params.values,
  );
  served.forEach((alternative) => facts.set(alternative, { titleWords: [], passages: 0 }));
  const archivePassages = Math.max(0, rows[0]?.archive_passages ?? 0);
  for (const row of rows) {
    if (row.alternative === null) continue;
    const alternative = served[row.alternative]!;
    facts.set(alternative, { titleWords: [...(row.typed ?? []), ...withinEdits(alternative, row.proposed ?? [])], passages: row.passages });
  }
  return { facts, archivePassages };
}

/** The fewest passages the query's terms allow as typed, by the vocabulary's counts (infinite when some term is not served). */
export function passagesBound(positive: readonly QueryTerm[], facts: ReadonlyMap<QueryAlternative, WordFacts>): number {
  const termBound = (term: QueryTerm): number => term.reduce((sum, alternative) => sum + (facts.get(alternative)?.passages ?? Number.POSITIVE_INFINITY), 0);
  return Math.min(Number.POSITIVE_INFINITY, ...positive.map(termBound));
}
