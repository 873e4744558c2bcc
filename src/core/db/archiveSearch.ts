/**
 * Searching the archive: PostgreSQL proposes candidates best bound first (querySql.ts), the client
 * scores each page of them with Fuse.js (the in-memory index's options), and stops once no
 * candidate left can enter the best `limit`. Three streams cover every passage that may match,
 * without overlap: those whose text holds every term as typed, those needing an edit (asked only
 * when their best bound can still enter the list), and those of documents whose title or source
 * may match (Fuse.js scores their passages through it). The client keeps one page and the best
 * hits, never the archive.
 */
import { compileQuery, parseQuery, type QueryAlternative, type QueryTerm } from '../query.js';
import { BOUND_MARGIN } from '../search/fuseAdapter.js';
import { textFirst, type SearchHit } from '../search/hits.js';
import { furthestFetch, LOOK_FURTHER_FACTOR, lookFurther } from '../search/narrowing.js';
import { positiveTerms } from '../search/passageIndex.js';
import { CandidateStream, Ranking, type Plan } from './candidateStreams.js';
import { lookUpWords, passagesBound, type WordFacts } from './vocabulary.js';
import { CORPUS_ORDER, filtersSql, PASSAGE_FROM, PASSAGE_NORM, PASSAGE_SELECT, QuerySql, scopeSql, similarityThreshold, SqlParams, type ArchiveScope, type Tier } from './querySql.js';

/** Where a search runs its statements: one read-only transaction, cursors in it. */
export interface SearchSession {
  query<R>(sql: string, values?: unknown[]): Promise<R[]>;
}

/** Work a search did, for tests that bound it: statements sent, rows read, passages scored. */
export interface ArchiveSearchWork {
  statements: number;
  rowsRead: number;
  scored: number;
  /** Title words the vocabulary proposed, and documents whose title or source may match. */
  vocabularyWords: number;
  titledDocuments: number;
}

export interface ArchiveSearchOptions extends ArchiveScope {
  limit?: number;
}

/** Documents whose title or source id may match the whole query, with a lower bound of their title-and-source factor. */
export interface TitledDocuments {
  stories: string[];
  sources: string[];
  factors: number[];
  /** What their passages' rows need of them (title, corpus order), so their stream joins no documents. */
  titles: string[];
  paths: string[];
  records: Array<number | null>;
}

const NO_DOCUMENTS: TitledDocuments = { stories: [], sources: [], factors: [], titles: [], paths: [], records: [] };

/** Asked once a search, so the streams need not test every passage's document against the query again. */
async function titledDocuments(session: SearchSession, positive: readonly QueryTerm[], facts: ReadonlyMap<QueryAlternative, WordFacts>, scope: ArchiveScope): Promise<TitledDocuments> {
  const params = new SqlParams();
  const titleWords = new Map([...facts].map(([alternative, { titleWords }]) => [alternative, titleWords]));
  const sql = new QuerySql(params, positive, titleWords);
  const conditions = [sql.documentMayMatch(), ...scopeSql(params, scope, 'd')];
  const rows = await session.query<{ story: string; source: string; factor: number; title: string; path: string; record: number | null }>(
    `SELECT d.story, d.source, ${sql.documentFactor()} AS factor, d.title, d.path, d.record FROM documents d WHERE ${conditions.join(' AND ')}`,
    params.values,
  );
  return {
    stories: rows.map((row) => row.story),
    sources: rows.map((row) => row.source),
    factors: rows.map((row) => row.factor),
    titles: rows.map((row) => row.title),
    paths: rows.map((row) => row.path),
    records: rows.map((row) => row.record),
  };
}

/** How one stream asks for its candidates. */
interface StreamSpec {
  where: (sql: QuerySql, params: SqlParams) => string[];
  floor: number;
  /** Asked once the best list is full: only passages short enough to reach its worst score. */
  tier?: Tier;
  /** The statement, given every condition on the passages (the stream's, the filters', the scope's) joined. */
  statement: (sql: QuerySql, params: SqlParams, where: string) => string;
}

/**
 * Every match sorted by its bound, then joined to its document: the documents (whose path breaks
 * ties) are looked up only for the rows fetched, not for every match (1987's 2,861 matches: half
 * the statement's time). A subquery with ORDER BY is not flattened, so its order reaches the join
 * and the outer sort only orders rows of equal bound.
 */
const sortedThenJoined =
  (bound: (sql: QuerySql, params: SqlParams) => string) =>
  (sql: QuerySql, params: SqlParams, where: string): string =>
    `${PASSAGE_SELECT}, p.bound FROM (SELECT p.*, ${bound(sql, params)} AS bound FROM passages p WHERE ${where} ORDER BY bound) p
      JOIN documents d ON d.story = p.story AND d.source = p.source ORDER BY p.bound, ${CORPUS_ORDER}`;

/** What a search learns before its streams: the documents whose title or source may match, and how many passages its terms allow as typed. */
interface SearchFacts {
  titled: TitledDocuments;
  passagesAsTyped: number;
  /** Passages in the archive, by the planner's statistics (0 when no term is served by the vocabulary). */
  archivePassages: number;
}

/**
 * Whether the exact tier's candidates are read through the trigram index and sorted by their bound
 * (cost: every match), or the norm index walked shortest first until a page of them holds the
 * terms (cost: the passages walked). Were matches spread evenly, a page of 64 would walk 64 x
 * passages / matches; a frequent word's matches sit mostly in long passages, and the walk was 7
 * to 26 times longer on Reuters (`oil`: 56,683 passages for 64 of its 4,443; `1987`: 18,704 for 68
 * of 3,605; `'dlrs`: 9,354), so the walk wins only above about sqrt(16 x 64 x passages) matches
 * (12,400 on Reuters' 150,000 passages, 39,000 on 1.5 million), never below RARE_PASSAGES.
 */
export const RARE_PASSAGES = 1500;
const WALK_SKEW = 16;
const FIRST_PAGE = 64;

export function walksNormIndex(passagesAsTyped: number, archivePassages: number): boolean {
  return passagesAsTyped > Math.max(RARE_PASSAGES, Math.sqrt(WALK_SKEW * FIRST_PAGE * archivePassages));
}

function planSearch(session: SearchSession, work: ArchiveSearchWork, terms: readonly QueryTerm[], { titled, passagesAsTyped, archivePassages }: SearchFacts, scope: ArchiveScope, limit: number): Plan {
  const compiled = compileQuery(terms);
  const positive = positiveTerms(terms);
  const stream = (spec: StreamSpec): CandidateStream =>
    new CandidateStream(
      session,
      work,
      (worst) => {
        const params = new SqlParams();
        const sql = new QuerySql(params, positive);
        // Parameters are numbered as they are added; where each lands in the text does not matter.
        const reach = spec.tier !== undefined && worst !== undefined ? sql.normReaching(spec.tier, worst / BOUND_MARGIN) : [];
        const conditions = [...spec.where(sql, params), ...reach, ...filtersSql(params, compiled.filters), ...scopeSql(params, scope, 'p')];
        const text = spec.statement(sql, params, conditions.join(' AND ') || 'true');
        return { text, values: params.values, narrowed: reach.length > 0 };
      },
      spec.floor,
      limit,
    );
  if (compiled.fuse === null) {
    const survivors = stream({ where: () => [], floor: 0, statement: (_sql, _params, where) => `${PASSAGE_SELECT}, 0::float8 AS bound ${PASSAGE_FROM} WHERE ${where} ORDER BY bound, ${CORPUS_ORDER}` });
    return { streams: [survivors], fuseQuery: null, filters: compiled.filters, positive: [] };
  }
  // The titled documents' passages come through their own streams only.
  const outsideTitled = (params: SqlParams): string[] =>
    // NOT IN a subquery: PostgreSQL hashes it once, instead of walking the list for every passage.
    titled.sources.length === 0 ? [] : [`(p.story, p.source) NOT IN (SELECT * FROM unnest(${params.add(titled.stories)}::text[], ${params.add(titled.sources)}::text[]))`];
  const shape = new QuerySql(new SqlParams(), positive);
  // No term of three characters or more: the trigram index cannot find the matches, and sorting them means reading every
  // passage (a second on 1.5 million), which the walk beats unless the matches are rare (a doubled letter: 3.6 s walked).
  const indexed = positive.some((term) => term.every((alternative) => alternative.literal.length >= 3));
  const frequent = indexed ? walksNormIndex(passagesAsTyped, archivePassages) : passagesAsTyped > RARE_PASSAGES;
  const byNorm = shape.uniformExactBound() && frequent;
  const textBound = (sql: QuerySql): string => sql.factor('p.text');
  const asTypedFloor = excludesAsTyped(positive, compiled.filters) ? Number.POSITIVE_INFINITY : 0;
  const exact = stream({
    where: (sql, params) => [sql.matches('p.text', 'exact'), ...outsideTitled(params)],
    floor: asTypedFloor,
    tier: 'exact',
    statement: byNorm
      ? (sql, _params, where) => `${PASSAGE_SELECT}, ${textBound(sql)} AS bound ${PASSAGE_FROM} WHERE ${where} ORDER BY ${PASSAGE_NORM} DESC, ${CORPUS_ORDER}`
      : sortedThenJoined(textBound),
  });
  const fuzzy = stream({
    where: (sql, params) => [sql.matches('p.text', 'fuzzy'), `NOT (${sql.matches('p.text', 'exact')})`, ...outsideTitled(params)],
    floor: shape.fuzzyTierFloor(),
    tier: 'fuzzy',
    statement: sortedThenJoined(textBound),
  });
  // The titled documents' passages are joined to them unless the trigram index can find a rare term's few matches.
  return { streams: [exact, fuzzy, ...titledStreams(stream, titled, shape, frequent || !indexed, asTypedFloor)], fuseQuery: compiled.fuse, filters: compiled.filters, positive };
}

/**
 * Whether no passage can hold every term as typed and pass the filters: a term all of whose
 * alternatives hold what a `!not` excludes (`oil !o`, on the way to `oil !opec`). Its streams are
 * not asked: on 1.5 million passages the walk for a match that cannot exist read them all (3.6 s).
 */
function excludesAsTyped(positive: readonly QueryTerm[], filters: readonly QueryTerm[]): boolean {
  const excluded = filters.filter((term) => term.length === 1 && term[0]!.inverse && term[0]!.kind === 'exact').map((term) => term[0]!.literal.toLowerCase());
  return positive.some((term) => excluded.some((not) => term.every((alternative) => alternative.literal.toLowerCase().includes(not))));
}

/** The titled documents as rows of a statement (their columns that a passage's row needs came with them). */
function titledRows(params: SqlParams, titled: TitledDocuments): string {
  return `unnest(${params.add(titled.stories)}::text[], ${params.add(titled.sources)}::text[], ${params.add(titled.factors)}::float8[],
      ${params.add(titled.titles)}::text[], ${params.add(titled.paths)}::text[], ${params.add(titled.records)}::integer[]) AS d(story, source, factor, title, path, record)`;
}

/** A passage's document key in the titled documents' JSON object (U+0001 joins story and source: no id holds it). */
const TITLED_KEY = "(p.story || chr(1) || p.source)";

/**
 * The passages of the documents whose title or source may match, in two streams. Those holding
 * every term as typed can score near 0 and carry their own bound (text bound times the
 * document's), sorted. Every other passage of a document scores at least the document's factor
 * times the best a text can do with an edit (its norm at most 1; 1 where no term allows edits,
 * since its text cannot match): one floor per document, so they come document by document, best
 * first, and a screenful reads a few documents instead of bounding every passage of hundreds
 * (`1987`: 7,341 passages of 828 documents, all bounded and sorted before).
 */
function titledStreams(stream: (spec: StreamSpec) => CandidateStream, titled: TitledDocuments, shape: QuerySql, frequent: boolean, asTypedFloor: number): CandidateStream[] {
  if (titled.sources.length === 0) return [];
  const editFloor = shape.fuzzyTierFloor();
  const otherFloor = Number.isFinite(editFloor) ? editFloor : 1;
  const keyed = JSON.stringify(Object.fromEntries(titled.stories.map((story, at) => [`${story}\u0001${titled.sources[at]}`, titled.factors[at]])));
  const asTyped = stream({
    where: (sql) => [sql.matches('p.text', 'exact')],
    floor: asTypedFloor,
    statement: frequent
      ? // A frequent term: the titled documents' passages (a few per document) rather than every match in the archive.
        (sql, params, where) =>
          `${PASSAGE_SELECT}, ${sql.factor('p.text')} * d.factor AS bound FROM ${titledRows(params, titled)} JOIN passages p ON p.story = d.story AND p.source = d.source
            WHERE ${where} ORDER BY bound, ${CORPUS_ORDER}`
      : // A rarer one: its matches through the trigram index, kept when their document is titled (a lookup in a JSON
        // object of the documents' factors: a binary search, where a join would hash or loop).
        (sql, params, where) => {
          const factors = params.add(keyed);
          return sortedThenJoined((inner) => `${inner.factor('p.text')} * (${factors}::jsonb ->> ${TITLED_KEY})::float8`)(sql, params, `${where} AND ${factors}::jsonb ? ${TITLED_KEY}`);
        },
  });
  const others = stream({
    where: (sql) => [`NOT (${sql.matches('p.text', 'exact')})`],
    floor: Math.min(...titled.factors) * otherFloor,
    statement: (_sql, params, where) =>
      `SELECT p.story, p.source, p.seq, p.line, p.paragraph, p.sentence, p.start_offset, p.end_offset, p.text, d.title, d.walk AS walk_key, d.record, d.floor AS bound
        FROM (SELECT d.*, d.factor * ${params.add(otherFloor)}::float8 AS floor, replace(d.path, '/', chr(1)) COLLATE "C" AS walk FROM ${titledRows(params, titled)}
          ORDER BY floor, walk, d.record NULLS FIRST) d
        JOIN passages p ON p.story = d.story AND p.source = d.source
        WHERE ${where} ORDER BY d.floor, d.walk, d.record NULLS FIRST, p.seq`,
  });
  return [asTyped, others];
}

async function searchFacts(session: SearchSession, work: ArchiveSearchWork, positive: readonly QueryTerm[], scope: ArchiveScope): Promise<SearchFacts> {
  if (positive.length === 0) return { titled: NO_DOCUMENTS, passagesAsTyped: Number.POSITIVE_INFINITY, archivePassages: 0 };
  const { facts: words, archivePassages } = await lookUpWords(session, positive);
  work.vocabularyWords += [...words.values()].reduce((sum, facts) => sum + facts.titleWords.length, 0);
  const titled = await titledDocuments(session, positive, words, scope);
  work.titledDocuments += titled.sources.length;
  const bound = passagesBound(positive, words);
  return { titled, passagesAsTyped: Number.isFinite(bound) ? bound : await plannedPassagesAsTyped(session, positive, scope), archivePassages };
}

/**
 * How many passages hold every term as typed when the vocabulary cannot say (a term of one or two
 * characters, a phrase, an anchored term): the planner's estimate from its column statistics. On
 * 1.5 million passages a doubled letter (`vv`, what a one-letter query matches) is estimated at
 * 145 (10 to 1,939 found), `ea` at 561,363 (506,155 found).
 */
async function plannedPassagesAsTyped(session: SearchSession, positive: readonly QueryTerm[], scope: ArchiveScope): Promise<number> {
  const params = new SqlParams();
  const sql = new QuerySql(params, positive);
  const rows = await session.query<{ 'QUERY PLAN': Array<{ Plan?: { 'Plan Rows'?: number } }> }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM passages p WHERE ${[sql.matches('p.text', 'exact'), ...scopeSql(params, scope, 'p')].join(' AND ')}`,
    params.values,
  );
  return rows[0]?.['QUERY PLAN'][0]?.Plan?.['Plan Rows'] ?? Number.POSITIVE_INFINITY;
}

/**
 * Passages matching `query`, best first, as PassageIndex.search answers over the same corpus:
 * hits whose own text matches first, and, while title-only hits fill the list, a longer list
 * fetched (lookFurther).
 */
export async function searchArchive(session: SearchSession, work: ArchiveSearchWork, query: string, options: ArchiveSearchOptions = {}): Promise<SearchHit[]> {
  const terms = parseQuery(query);
  if (terms.length === 0) return [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const positive = positiveTerms(terms);
  // For this transaction only: what `%>` asks of the index; no parallel workers (many clients share the cores, a search
  // is small); cursors planned for their first rows (a screenful is read of thousands that may match); and no hash or
  // merge joins: a stream joins its candidates to their documents, and when the planner overestimated the candidates
  // (`coffee | cocoa`: 730 estimated, 175 found) it read and hashed every document (45 ms on Reuters) instead of looking
  // up the few it needs by key. No JIT compilation: a cursor read for its first page does not repay it (5% of the bench
  // queries' prefixes on 1.5 million passages).
  await session.query(
    "SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('max_parallel_workers_per_gather', '0', true), set_config('cursor_tuple_fraction', '0.01', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)",
    [String(similarityThreshold(positive))],
  );
  const facts = await searchFacts(session, work, positive, options);
  const rankingFor = (fetched: number): Ranking => new Ranking(planSearch(session, work, terms, facts, options, fetched), work, fetched, furthestFetch(limit));
  let fetched = limit;
  let ranking = rankingFor(fetched);
  let hits = await ranking.read(fetched);
  while (lookFurther(hits, fetched, limit)) {
    fetched *= LOOK_FURTHER_FACTOR;
    // Read on from where the shorter list stopped (a doubled letter's scan of every passage is not made again), unless a
    // stream was cut to what the shorter list could take.
    if (!ranking.extendable) ranking = rankingFor(fetched);
    hits = await ranking.read(fetched);
  }
  return textFirst(hits).slice(0, limit);
}
